//! What the window remembers of a run: score points, activity spans and test results,
//! each bounded so that memory stays flat however long the simulation runs.

use crate::sim::schedule::TestResult;
use crate::sim::world::Task;
use crate::worker::{Frame, ScorePoint, Span, thin_out};

/// Most score points kept per task; beyond, the history is thinned to half.
pub const MAX_SCORE_POINTS: usize = 4_000;
/// Most activity spans kept (the oldest go first).
pub const MAX_SPANS: usize = 4_000;
/// Most test results kept (the oldest go first).
pub const MAX_TESTS: usize = 1_000;

/// The bounded history of one run.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Running score points of each task.
    pub scores: [Vec<ScorePoint>; 2],
    /// Activity spans, oldest first.
    pub spans: Vec<Span>,
    /// Test results, oldest first.
    pub tests: Vec<TestResult>,
    /// The run these belong to.
    pub epoch: u64,
}

impl History {
    /// Takes in what a frame brought (clearing everything when the run was reset).
    pub fn absorb(&mut self, frame: &Frame) {
        self.absorb_parts(frame.epoch, &frame.new_scores, &frame.new_spans, &frame.new_tests);
    }

    /// Takes in what the twin reported with a frame of run `epoch`.
    pub fn absorb_twin(&mut self, epoch: u64, twin: &crate::worker::TwinFrame) {
        self.absorb_parts(epoch, &twin.new_scores, &[], &twin.new_tests);
    }

    fn absorb_parts(&mut self, epoch: u64, scores: &[ScorePoint], spans: &[Span], tests: &[TestResult]) {
        if epoch != self.epoch {
            *self = History {
                epoch,
                ..History::default()
            };
        }
        for point in scores {
            let series = &mut self.scores[point.task.index()];
            series.push(*point);
            if series.len() > MAX_SCORE_POINTS {
                thin_out(series);
            }
        }
        for span in spans {
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
        self.tests.extend(tests.iter().cloned());
        if self.tests.len() > MAX_TESTS {
            self.tests.drain(..self.tests.len() - MAX_TESTS);
        }
    }

    /// The score series of a task.
    pub fn series(&self, task: Task) -> &[ScorePoint] {
        &self.scores[task.index()]
    }
}
