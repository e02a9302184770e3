//! A run's path through weight space: its plastic weights every N cycles of the animal
//! (waking and sleep, not tests), and at each test block, which stands for the state the
//! test measured ("after T1", "final").

use std::fmt::Write as _;

use super::weight_space::{WeightPoint, point_of_sim};
use crate::sim::Mode;
use crate::sim::schedule::{Experiment, Step};

/// One sample of the weights.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightSample {
    /// The animal's waking and sleep cycles so far.
    pub cycle: u64,
    /// What the animal did in the cycle that ended here: `wake-t1`, `wake-t2`, `sleep`,
    /// `develop`, or the label of the test block that finished.
    pub what: String,
    /// The weights.
    pub weights: WeightPoint,
}

/// Records a run's weights; give [`WeightRecorder::observe`] to
/// [`run_observed`](super::observed::run_observed).
#[derive(Clone, Debug, Default)]
pub struct WeightRecorder {
    /// Record every this many animal cycles (0: only at test blocks).
    pub every_cycles: u64,
    /// The samples, oldest first.
    pub samples: Vec<WeightSample>,
}

impl WeightRecorder {
    /// A recorder sampling every `every_cycles` animal cycles and at each test block.
    pub fn new(every_cycles: u64) -> Self {
        Self {
            every_cycles,
            samples: Vec::new(),
        }
    }

    /// Looks at the experiment after one cycle.
    pub fn observe(&mut self, experiment: &Experiment, step: &Step) {
        if let Some(test) = &step.finished_test {
            self.push(experiment, test.label.clone());
            return;
        }
        if step.testing || self.every_cycles == 0 {
            return;
        }
        let cycle = experiment.animal_cycles_done();
        if cycle > 0 && cycle.is_multiple_of(self.every_cycles) && !matches!(step.mode, Mode::Develop) {
            self.push(experiment, mode_name(step.mode).to_owned());
        }
    }

    fn push(&mut self, experiment: &Experiment, what: String) {
        self.samples.push(WeightSample {
            cycle: experiment.animal_cycles_done(),
            what,
            weights: point_of_sim(&experiment.sim),
        });
    }

    /// The weights recorded at the test block labelled `label`, if it ran.
    pub fn at_test(&self, label: &str) -> Option<&WeightPoint> {
        self.samples.iter().find(|s| s.what == label).map(|s| &s.weights)
    }

    /// The samples as CSV: `cycle,what,w_<hidden>_<output>,…`, one row per sample.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("cycle,what");
        let width = self.samples.first().map_or(0, |s| s.weights.len());
        for k in 0..width {
            let _ = write!(out, ",w_{}_{}", k / 8, k % 8);
        }
        out.push('\n');
        for sample in &self.samples {
            let _ = write!(out, "{},{}", sample.cycle, csv_field(&sample.what));
            for w in &sample.weights {
                let _ = write!(out, ",{w}");
            }
            out.push('\n');
        }
        out
    }
}

/// A mode's name in the weights CSV.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Wake {
            task: crate::sim::Task::T1,
            ..
        } => "wake-t1",
        Mode::Wake { .. } => "wake-t2",
        Mode::Sleep => "sleep",
        Mode::Develop => "develop",
    }
}

/// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
