//! A digits experiment as its preset holds it: the network's and sleep's constants (the
//! defaults are docs/model.md §7's) and the schedule of blocks, checked before anything runs.

use serde::{Deserialize, Serialize};

use super::sleep::SrcConstants;
use super::split::DigitsTask;
use super::train::Sgd;

/// Most epochs one training block may ask for.
pub const MAX_EPOCHS: u32 = 1_000;
/// Most sleep steps one block may ask for.
pub const MAX_SLEEP_STEPS: u32 = 1_000_000;
/// Most blocks in a schedule.
pub const MAX_BLOCKS: usize = 1_000;

/// The `[digits]` table of a preset: constants and schedule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigitsSetup {
    /// The network and how it learns while awake.
    #[serde(default)]
    pub network: DigitsNetwork,
    /// The sleep constants.
    #[serde(default)]
    pub sleep: SleepConstants,
    /// The blocks, in order.
    #[serde(default)]
    pub schedule: Vec<DigitsBlock>,
}

/// The ordinary network and its training (`[digits.network]`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DigitsNetwork {
    /// Hidden ReLU units.
    pub hidden_units: usize,
    /// Initial weights are uniform in ± this.
    pub initial_weight: f64,
    /// SGD step size.
    pub learning_rate: f64,
    /// SGD momentum (share of the last step kept).
    pub momentum: f64,
    /// Images per SGD step.
    pub batch_images: usize,
    /// Share of each digit's images held out for testing.
    pub test_fraction: f64,
}

impl Default for DigitsNetwork {
    fn default() -> Self {
        Self {
            hidden_units: 64,
            initial_weight: 0.1,
            learning_rate: 0.05,
            momentum: 0.5,
            batch_images: 20,
            test_fraction: 0.3,
        }
    }
}

impl DigitsNetwork {
    /// The SGD settings.
    pub fn sgd(&self) -> Sgd {
        Sgd {
            learning_rate: self.learning_rate,
            momentum: self.momentum,
            batch_images: self.batch_images,
        }
    }
}

/// The sleep constants as the preset names them (`[digits.sleep]`; see [`SrcConstants`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SleepConstants {
    /// Simulation step, in ms.
    pub dt_ms: f64,
    /// Input rate of a pixel at full ink, in Hz.
    pub max_rate_hz: f64,
    /// Drive scale α_scale.
    pub alpha_scale: f64,
    /// Firing threshold β of the hidden layer.
    pub hidden_threshold: f64,
    /// Firing threshold β of the output layer.
    pub output_threshold: f64,
    /// Share of the membrane potential kept each step.
    pub decay: f64,
    /// Increase of a synapse whose input spiked with its neuron.
    pub inc: f64,
    /// Decrease of a synapse whose input was silent when its neuron fired.
    pub dec: f64,
}

impl Default for SleepConstants {
    fn default() -> Self {
        let c = SrcConstants::default();
        Self {
            dt_ms: c.dt_ms,
            max_rate_hz: c.max_rate_hz,
            alpha_scale: c.alpha_scale,
            hidden_threshold: c.thresholds[0],
            output_threshold: c.thresholds[1],
            decay: c.decay,
            inc: c.inc,
            dec: c.dec,
        }
    }
}

impl SleepConstants {
    /// The constants as the sleep phase takes them.
    pub fn src(&self) -> SrcConstants {
        SrcConstants {
            dt_ms: self.dt_ms,
            max_rate_hz: self.max_rate_hz,
            alpha_scale: self.alpha_scale,
            thresholds: [self.hidden_threshold, self.output_threshold],
            decay: self.decay,
            inc: self.inc,
            dec: self.dec,
        }
    }
}

/// One block of a digits schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "kebab-case", deny_unknown_fields)]
pub enum DigitsBlock {
    /// Learn a task's digits by gradient descent.
    Train {
        /// The digits.
        task: DigitsTask,
        /// Passes over their training images.
        epochs: u32,
        /// Rehearsal: this share of the training images of the digits learned before
        /// (stored examples, which sleep never uses) is mixed in; 0 for none.
        #[serde(default, skip_serializing_if = "is_zero")]
        rehearsal_fraction: f64,
    },
    /// SRC sleep.
    Sleep {
        /// Steps of `dt_ms`.
        steps: u32,
    },
    /// Score every digit on the held-out images.
    Test {
        /// The name of the test in reports.
        label: String,
    },
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl DigitsSetup {
    /// Whether every value is usable; otherwise what is wrong, naming the key.
    pub fn problem(&self) -> Option<String> {
        let n = &self.network;
        let s = &self.sleep;
        let checks: [(&str, f64, f64, f64); 14] = [
            ("digits.network.hidden_units", n.hidden_units as f64, 1.0, 1024.0),
            ("digits.network.initial_weight", n.initial_weight, 0.0, 1.0),
            ("digits.network.learning_rate", n.learning_rate, 0.0, 10.0),
            ("digits.network.momentum", n.momentum, 0.0, 0.99),
            ("digits.network.batch_images", n.batch_images as f64, 1.0, 2000.0),
            ("digits.network.test_fraction", n.test_fraction, 0.05, 0.95),
            ("digits.sleep.dt_ms", s.dt_ms, 0.01, 100.0),
            ("digits.sleep.max_rate_hz", s.max_rate_hz, 0.0, 10_000.0),
            ("digits.sleep.alpha_scale", s.alpha_scale, 0.0, 10_000.0),
            (
                "digits.sleep.hidden_threshold",
                s.hidden_threshold,
                1e-6,
                10_000.0,
            ),
            (
                "digits.sleep.output_threshold",
                s.output_threshold,
                1e-6,
                10_000.0,
            ),
            ("digits.sleep.decay", s.decay, 0.0, 1.0),
            ("digits.sleep.inc", s.inc, 0.0, 10.0),
            ("digits.sleep.dec", s.dec, 0.0, 10.0),
        ];
        for (key, value, low, high) in checks {
            if !(low..=high).contains(&value) {
                return Some(format!(
                    "`{key}` = {value} is out of range (allowed: {low} to {high})"
                ));
            }
        }
        if self.schedule.len() > MAX_BLOCKS {
            return Some(format!(
                "`digits.schedule` has {} blocks (at most {MAX_BLOCKS})",
                self.schedule.len()
            ));
        }
        self.schedule
            .iter()
            .enumerate()
            .find_map(|(k, b)| block_problem(b).map(|p| format!("digits block {}: {p}", k + 1)))
    }

    /// The schedule without its sleep blocks (the "without sleep" twin).
    pub fn without_sleep(&self) -> Self {
        Self {
            schedule: self
                .schedule
                .iter()
                .filter(|b| !matches!(b, DigitsBlock::Sleep { .. }))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }
}

/// What is wrong with one block, if anything.
fn block_problem(block: &DigitsBlock) -> Option<String> {
    match block {
        DigitsBlock::Train {
            epochs,
            rehearsal_fraction,
            ..
        } => {
            if *epochs > MAX_EPOCHS {
                Some(format!("`epochs` = {epochs} is more than {MAX_EPOCHS}"))
            } else if !(0.0..=1.0).contains(rehearsal_fraction) {
                Some(format!(
                    "`rehearsal_fraction` = {rehearsal_fraction} is out of range (0 to 1)"
                ))
            } else {
                None
            }
        }
        DigitsBlock::Sleep { steps } => {
            (*steps > MAX_SLEEP_STEPS).then(|| format!("`steps` = {steps} is more than {MAX_SLEEP_STEPS}"))
        }
        DigitsBlock::Test { label } => {
            (label.trim().is_empty() || label.chars().count() > 100 || label.chars().any(char::is_control))
                .then(|| "`label` must be 1 to 100 printable characters".to_owned())
        }
    }
}
