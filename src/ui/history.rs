//! What the window remembers of a run: score points, activity spans, test and probe
//! results, each bounded so that memory stays flat however long the simulation runs.
//!
//! A task's running score is kept as *runs*: a new run begins whenever the animal did
//! something else (the other task, or sleep) between two of its points, so the plot never
//! draws a line across a time when that score was not measured. Thinning keeps the shape:
//! each bucket of points keeps its lowest and its highest, so old data looks as rough as new.

use crate::sim::probe::ProbeResult;
use crate::sim::schedule::TestResult;
use crate::sim::world::Task;
use crate::worker::{Activity, Frame, ScorePoint, Span};

/// Most score points kept per task; beyond, the history is thinned to about half.
pub const MAX_SCORE_POINTS: usize = 4_000;
/// Most activity spans kept (the oldest go first): the sleep preset's 4,000 bouts make 8,000
/// spans, and the plot draws them bounded anyway (see `shading`), so a long protocol keeps
/// its shading from the first bout on.
pub const MAX_SPANS: usize = 20_000;
/// Most test results kept (the oldest go first).
pub const MAX_TESTS: usize = 1_000;
/// Most probe results kept (the oldest go first).
pub const MAX_PROBES: usize = 4_000;
/// Points of a run that thinning turns into their lowest and highest.
const THIN_BUCKET: usize = 4;

/// One task's running score: runs of points, each measured without a break.
#[derive(Clone, Debug, Default)]
pub struct ScoreRuns {
    /// The runs, oldest first; each holds its points in cycle order.
    pub runs: Vec<Vec<ScorePoint>>,
    len: usize,
}

impl ScoreRuns {
    /// All points, oldest first.
    pub fn points(&self) -> impl Iterator<Item = &ScorePoint> {
        self.runs.iter().flatten()
    }

    /// How many points are kept.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no point is kept.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a point; `new_run` starts a new run with it (the score was not measured since
    /// the last point).
    pub fn push(&mut self, point: ScorePoint, new_run: bool) {
        match self.runs.last_mut() {
            Some(run) if !new_run => run.push(point),
            _ => self.runs.push(vec![point]),
        }
        self.len += 1;
        if self.len > MAX_SCORE_POINTS {
            self.thin();
        }
    }

    /// Halves the points of every run, keeping each bucket's lowest and highest score (in
    /// time order); if tiny runs still hold too many points, the oldest runs go.
    fn thin(&mut self) {
        for run in &mut self.runs {
            *run = thin_keeping_shape(run);
        }
        self.len = self.runs.iter().map(Vec::len).sum();
        while self.len > MAX_SCORE_POINTS && !self.runs.is_empty() {
            let dropped = self.runs.remove(0);
            self.len -= dropped.len();
        }
    }
}

/// The lowest and highest point of each bucket of `THIN_BUCKET` points, in time order.
pub fn thin_keeping_shape(run: &[ScorePoint]) -> Vec<ScorePoint> {
    let mut out = Vec::with_capacity(run.len() / 2 + 2);
    for bucket in run.chunks(THIN_BUCKET) {
        let by_score = |a: &&ScorePoint, b: &&ScorePoint| a.score.total_cmp(&b.score);
        let (Some(low), Some(high)) = (bucket.iter().min_by(by_score), bucket.iter().max_by(by_score)) else {
            continue;
        };
        if bucket.len() <= 2 {
            out.extend_from_slice(bucket);
        } else if low.cycle <= high.cycle {
            out.extend([*low, *high]);
        } else {
            out.extend([*high, *low]);
        }
    }
    out
}

/// The bounded history of one run.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Running score of each task.
    pub scores: [ScoreRuns; 2],
    /// Activity spans, oldest first.
    pub spans: Vec<Span>,
    /// Test results, oldest first.
    pub tests: Vec<TestResult>,
    /// Probe results (regular frozen tests of both tasks), oldest first.
    pub probes: Vec<ProbeResult>,
    /// The run these belong to.
    pub epoch: u64,
}

/// What one frame brought for a history.
#[derive(Clone, Copy, Debug, Default)]
pub struct News<'a> {
    /// New running-score points.
    pub scores: &'a [ScorePoint],
    /// New or extended activity spans.
    pub spans: &'a [Span],
    /// Finished test blocks.
    pub tests: &'a [TestResult],
    /// Finished probes.
    pub probes: &'a [ProbeResult],
}

impl History {
    /// Takes in what a frame brought (clearing everything when the run was reset).
    pub fn absorb(&mut self, frame: &Frame) {
        self.absorb_news(
            frame.epoch,
            News {
                scores: &frame.new_scores,
                spans: &frame.new_spans,
                tests: &frame.new_tests,
                probes: &frame.new_probes,
            },
            None,
        );
    }

    /// Takes in what the twin reported with a frame of run `epoch`. The twin does what the
    /// main run does except sleep, so its score runs break where the main run's `spans` say.
    pub fn absorb_twin(&mut self, epoch: u64, twin: &crate::worker::TwinFrame, main_spans: &[Span]) {
        let news = News {
            scores: &twin.new_scores,
            tests: &twin.new_tests,
            probes: &twin.new_probes,
            spans: &[],
        };
        self.absorb_news(epoch, news, Some(main_spans));
    }

    /// Takes in `news` of run `epoch`; score runs break where `spans_override` (or, when
    /// `None`, this history's own spans) show another activity between two points.
    pub fn absorb_news(&mut self, epoch: u64, news: News<'_>, spans_override: Option<&[Span]>) {
        if epoch != self.epoch {
            *self = History {
                epoch,
                ..History::default()
            };
        }
        // Spans first: they tell whether the new points continue a run.
        for span in news.spans {
            match self.spans.last_mut() {
                Some(last) if last.start == span.start && last.activity == span.activity => {
                    last.end = span.end;
                }
                _ => self.spans.push(*span),
            }
        }
        if self.spans.len() > MAX_SPANS {
            self.spans.drain(..self.spans.len() - MAX_SPANS);
        }
        let spans = spans_override.unwrap_or(&self.spans);
        for point in news.scores {
            let series = &mut self.scores[point.task.index()];
            let previous = series.runs.last().and_then(|run| run.last());
            let new_run =
                previous.is_none_or(|before| interrupted(spans, point.task, before.cycle, point.cycle));
            series.push(*point, new_run);
        }
        keep_last(&mut self.tests, news.tests, MAX_TESTS);
        keep_last(&mut self.probes, news.probes, MAX_PROBES);
    }

    /// The running score of a task.
    pub fn series(&self, task: Task) -> &ScoreRuns {
        &self.scores[task.index()]
    }
}

/// Whether, between cycles `from` and `to`, the animal spent time neither awake in `task`
/// nor in a test (which leaves the animal as it is): then the score was not measured.
pub fn interrupted(spans: &[Span], task: Task, from: u64, to: u64) -> bool {
    spans.iter().rev().take_while(|span| span.end > from).any(|span| {
        span.start < to
            && match span.activity {
                Activity::Wake(t) => t != task,
                Activity::Sleep | Activity::Develop => true,
                Activity::Test(_) => false,
            }
    })
}

/// Appends `new` to `list`, keeping at most `limit` (the oldest go first).
fn keep_last<T: Clone>(list: &mut Vec<T>, new: &[T], limit: usize) {
    list.extend(new.iter().cloned());
    if list.len() > limit {
        list.drain(..list.len() - limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(cycle: u64, score: f64) -> ScorePoint {
        ScorePoint {
            cycle,
            task: Task::T1,
            score,
        }
    }

    fn span(activity: Activity, start: u64, end: u64) -> Span {
        Span { activity, start, end }
    }

    #[test]
    fn thinning_keeps_the_lowest_and_highest_of_each_bucket() {
        let run: Vec<ScorePoint> = [0.5, 0.9, 0.1, 0.6, 0.4, 0.45, 0.7, 0.3]
            .iter()
            .enumerate()
            .map(|(i, &s)| point(i as u64, s))
            .collect();
        let thinned = thin_keeping_shape(&run);
        let scores: Vec<f64> = thinned.iter().map(|p| p.score).collect();
        assert_eq!(scores, vec![0.9, 0.1, 0.7, 0.3]);
        assert!(thinned.windows(2).all(|w| w[0].cycle < w[1].cycle));
    }

    #[test]
    fn a_long_history_stays_bounded_and_as_rough_as_it_was() {
        let mut runs = ScoreRuns::default();
        for i in 0..(MAX_SCORE_POINTS as u64 * 5) {
            runs.push(point(i, if i % 2 == 0 { 0.2 } else { 0.8 }), false);
        }
        assert!(runs.len() <= MAX_SCORE_POINTS);
        let low = runs.points().map(|p| p.score).fold(f64::MAX, f64::min);
        let high = runs.points().map(|p| p.score).fold(f64::MIN, f64::max);
        assert_eq!((low, high), (0.2, 0.8), "thinning must not calm the old data");
    }

    #[test]
    fn a_score_run_breaks_across_sleep_or_the_other_task_but_not_across_a_test() {
        let spans = [
            span(Activity::Wake(Task::T1), 0, 99),
            span(Activity::Test(Task::T1), 100, 199),
            span(Activity::Wake(Task::T1), 200, 299),
            span(Activity::Sleep, 300, 399),
            span(Activity::Wake(Task::T1), 400, 499),
            span(Activity::Wake(Task::T2), 500, 599),
        ];
        assert!(!interrupted(&spans, Task::T1, 50, 250));
        assert!(interrupted(&spans, Task::T1, 250, 450));
        assert!(interrupted(&spans, Task::T1, 450, 650));
        assert!(!interrupted(&spans, Task::T1, 410, 450));
    }
}
