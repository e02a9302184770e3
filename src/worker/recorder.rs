//! A run's record, kept for the window: the raster ring, the score points, activity spans
//! and test results not yet handed over (bounded while the window is not reading), the
//! replay window of the last sleep cycles and the weights at the end of each task. It is
//! pure (no thread, no clock): the main run and its twin each own one, and a reset
//! replaces it whole.

use std::collections::VecDeque;
use std::sync::Arc;

use ndarray::Array2;

use crate::series::{ScorePoint, ScoreTracker};
use crate::sim::network::{N_OUTPUTS, Synapses};
use crate::sim::plasticity::Strengthened;
use crate::sim::probe::ProbeResult;
use crate::sim::schedule::TestResult;
use crate::sim::simulation::{BAR_GROUPS, CycleOutcome, SpikeLog};
use crate::sim::world::Task;

use super::protocol::{Activity, CycleSpikes, ReplayMeter, Span};

/// Cycles of spikes kept for the raster.
pub const RASTER_CYCLES: usize = 40;
/// Sleep cycles the replay meter looks back over: a hundred of the sleep preset's bouts, long
/// enough for its shares to hold steady from one bout to the next.
pub const REPLAY_WINDOW_CYCLES: usize = 10_000;
/// Most score points, and most closed spans, held back while the window is not reading
/// (beyond, score points are thinned and the oldest spans go).
pub const MAX_PENDING_POINTS: usize = 20_000;
/// Most test results held back while the window is not reading (the oldest go first).
pub const MAX_PENDING_TESTS: usize = 1_000;
/// Most probe results held back while the window is not reading (the oldest go first).
pub const MAX_PENDING_PROBES: usize = 1_000;

/// The spikes of the last [`RASTER_CYCLES`] cycles, oldest first; entries are reused.
#[derive(Clone, Debug, Default)]
pub struct RasterRing(VecDeque<CycleSpikes>);

impl RasterRing {
    /// Adds a cycle: `log` holds its spikes, or `None` for a cycle with none to show.
    pub fn push(&mut self, cycle: u64, activity: Activity, log: Option<&SpikeLog>) {
        let mut entry = if self.0.len() >= RASTER_CYCLES {
            self.0.pop_front().unwrap_or_default()
        } else {
            CycleSpikes::default()
        };
        entry.cycle = cycle;
        entry.activity = Some(activity);
        match log {
            Some(log) => entry.spikes.clone_from(log),
            None => entry.spikes.clear(),
        }
        self.0.push_back(entry);
    }

    /// The cycles held, oldest first.
    pub fn to_vec(&self) -> Vec<CycleSpikes> {
        self.0.iter().cloned().collect()
    }

    /// How many cycles are held.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no cycle is held.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One cycle as the recorder takes it.
#[derive(Clone, Copy, Debug)]
pub struct CycleRecord<'a> {
    /// The cycle number it is dated by (the main run's, for both twins).
    pub clock: u64,
    /// What the cycle was.
    pub activity: Activity,
    /// What happened in it.
    pub outcome: &'a CycleOutcome,
    /// The animal's spikes in it, if logged (ignored for a test cycle, which ran on a copy).
    pub spikes: Option<&'a SpikeLog>,
    /// The animal's synapses after it (their weights are copied only when a task ends).
    pub synapses: &'a Synapses,
}

/// What happened since the window last took the record's news.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deltas {
    /// New running-score points.
    pub scores: Vec<ScorePoint>,
    /// Spans closed since, then the open one (sent again, longer, until it closes).
    pub spans: Vec<Span>,
    /// Finished test results.
    pub tests: Vec<TestResult>,
    /// Probes taken (both tasks' scores, dated by the clock the run is recorded on).
    pub probes: Vec<ProbeResult>,
}

/// The record of one run (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    raster: RasterRing,
    scores: ScoreTracker,
    /// News not yet taken; `pending.spans` holds closed spans only.
    pending: Deltas,
    open_span: Option<Span>,
    weights_after_task: [Option<Arc<Array2<f32>>>; 2],
    /// The per-bar tallies of the last sleep cycles.
    replay: VecDeque<CycleOutcome>,
    last_activity: Option<Activity>,
    /// The task of the last waking cycle (`None` before the first).
    last_wake_task: Option<Task>,
    /// For each hidden unit, the outputs whose synapse sleep's STDP strengthened since the
    /// news was last taken (bit j: output j).
    strengthened: Vec<u8>,
}

impl Recorder {
    /// Keeps what the window needs of one cycle.
    pub fn record(&mut self, cycle: CycleRecord<'_>) {
        let CycleRecord {
            clock,
            activity,
            outcome,
            spikes,
            synapses,
        } = cycle;
        // The weights at the end of each task's training.
        if let Some(Activity::Wake(task)) = self.last_activity
            && activity != Activity::Wake(task)
        {
            self.weights_after_task[task.index()] = Some(Arc::new(synapses.weights()));
        }
        self.last_activity = Some(activity);
        if let Activity::Wake(task) = activity {
            self.last_wake_task = Some(task);
        }
        if activity == Activity::Sleep {
            if self.replay.len() >= REPLAY_WINDOW_CYCLES {
                self.replay.pop_front();
            }
            self.replay.push_back(*outcome);
        }
        self.extend_spans(activity, clock);
        // Running scores of waking.
        if let (Activity::Wake(task), Some(kind)) = (activity, outcome.eaten)
            && let Some(point) = self.scores.meal(clock, task, kind)
        {
            self.pending.scores.push(point);
            if self.pending.scores.len() > MAX_PENDING_POINTS {
                thin_out(&mut self.pending.scores);
            }
        }
        // A test cycle ran on a copy of the animal: the animal's log is not its spikes.
        let spikes = spikes.filter(|_| !matches!(activity, Activity::Test(_)));
        self.raster.push(clock, activity, spikes);
    }

    fn extend_spans(&mut self, activity: Activity, clock: u64) {
        match &mut self.open_span {
            Some(span) if span.activity == activity => span.end = clock,
            _ => {
                if let Some(span) = self.open_span.take() {
                    self.pending.spans.push(span);
                    if self.pending.spans.len() > MAX_PENDING_POINTS {
                        // The window is not reading (minimised?): keep the recent past.
                        self.pending.spans.drain(..MAX_PENDING_POINTS / 2);
                    }
                }
                self.open_span = Some(Span {
                    activity,
                    start: clock,
                    end: clock,
                });
            }
        }
    }

    /// Keeps a finished test result for the window.
    pub fn push_test(&mut self, result: TestResult) {
        self.pending.tests.push(result);
        if self.pending.tests.len() > MAX_PENDING_TESTS {
            self.pending.tests.drain(..MAX_PENDING_TESTS / 2);
        }
    }

    /// Keeps a probe's result for the window (dated as the caller wants it shown).
    pub fn push_probe(&mut self, result: ProbeResult) {
        self.pending.probes.push(result);
        if self.pending.probes.len() > MAX_PENDING_PROBES {
            self.pending.probes.drain(..MAX_PENDING_PROBES / 2);
        }
    }

    /// Notes the synapses a sleep cycle's reward strengthened.
    pub fn note_strengthened(&mut self, strengthened: Strengthened<'_>) {
        for (i, outputs) in strengthened.iter() {
            if i >= self.strengthened.len() {
                self.strengthened.resize(i + 1, 0);
            }
            self.strengthened[i] |= outputs;
        }
    }

    /// The synapses (of `n_hidden` units × the outputs) sleep strengthened since the last
    /// call, forgotten here.
    pub fn take_strengthened(&mut self, n_hidden: usize) -> Array2<bool> {
        let grew = Array2::from_shape_fn((n_hidden, N_OUTPUTS), |(i, j)| {
            self.strengthened
                .get(i)
                .is_some_and(|&outputs| outputs & (1 << j) != 0)
        });
        self.strengthened.fill(0);
        grew
    }

    /// Hands over what happened since the last call; the open span stays open.
    pub fn take_deltas(&mut self) -> Deltas {
        let mut deltas = std::mem::take(&mut self.pending);
        deltas.spans.extend(self.open_span);
        deltas
    }

    /// The spikes of the last cycles, oldest first.
    pub fn raster(&self) -> Vec<CycleSpikes> {
        self.raster.to_vec()
    }

    /// What the last sleep cycles replayed.
    pub fn replay_meter(&self) -> ReplayMeter {
        let mut meter = ReplayMeter {
            cycles: self.replay.len(),
            ..ReplayMeter::default()
        };
        for outcome in &self.replay {
            for g in 0..BAR_GROUPS {
                meter.spikes[g] += u64::from(outcome.hidden_spikes_by_bar[g]);
                meter.noise_spikes[g] += f64::from(outcome.noise_spikes_by_bar[g]);
                meter.potentiation[g] += f64::from(outcome.potentiation_by_bar[g]);
            }
        }
        meter
    }

    /// The weights at the end of each task's last waking stretch, if any.
    pub fn weights_after_task(&self) -> &[Option<Arc<Array2<f32>>>; 2] {
        &self.weights_after_task
    }

    /// What the last recorded cycle was.
    pub fn last_activity(&self) -> Option<Activity> {
        self.last_activity
    }

    /// The task of the last waking cycle, if any.
    pub fn last_wake_task(&self) -> Option<Task> {
        self.last_wake_task
    }
}

/// Halves a long list of points by keeping every other one (a coarser history); the first
/// and the last point always stay, so the history keeps its whole time span.
pub fn thin_out<T>(points: &mut Vec<T>) {
    let last = points.len().saturating_sub(1);
    let mut index = 0_usize;
    points.retain(|_| {
        let keep = index.is_multiple_of(2) || index == last;
        index += 1;
        keep
    });
}

#[cfg(test)]
#[path = "recorder_tests.rs"]
mod tests;
