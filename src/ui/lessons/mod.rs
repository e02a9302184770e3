//! Guided lessons: data files in `assets/lessons/` (text and steps, no code). Each step
//! says what to watch, may ask for a prediction, drives the simulation (loads a bundled
//! preset, sets the phase switch and a few parameters, locks the controls that do not
//! matter, runs), and shows the measured answer next to the prediction.
//!
//! This module holds the lesson files' form; [`run`] follows a lesson (its state, and what
//! each step asks of the window, as actions); [`panel`] shows it.

pub mod panel;
pub mod run;

pub use run::LessonRun;

use serde::Deserialize;

use crate::sim::phase::Phase;
use crate::sim::schedule::Block;
use crate::sim::world::Task;

/// The lessons shipped with SleepLab, built in.
pub const LESSON_FILES: &[(&str, &str)] = &[
    (
        "1-catastrophic-forgetting.toml",
        include_str!("../../../assets/lessons/1-catastrophic-forgetting.toml"),
    ),
    (
        "2-sleep-to-remember.toml",
        include_str!("../../../assets/lessons/2-sleep-to-remember.toml"),
    ),
    (
        "3-what-sleep-needs.toml",
        include_str!("../../../assets/lessons/3-what-sleep-needs.toml"),
    ),
];

/// A lesson.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Its title (shown in the Lessons menu).
    pub title: String,
    /// What the class should take away.
    pub goal: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What to read.
    pub text: String,
    /// What to watch.
    #[serde(default)]
    pub watch: String,
    /// A bundled preset to load (its name in the Presets menu).
    pub preset: Option<String>,
    /// The phase switch to set.
    pub phase: Option<Phase>,
    /// Parameters to set.
    #[serde(default)]
    pub set: Settings,
    /// Controls to lock during the step.
    #[serde(default)]
    pub lock: Vec<Lock>,
    /// A question to predict the answer of, before running.
    pub predict: Option<String>,
    /// Start running when the step begins (after the prediction, if any).
    #[serde(default)]
    pub run: bool,
    /// The measured answer: a test block's score.
    pub measure: Option<Measure>,
}

/// Parameters a step may set.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Whether weights may change in sleep.
    pub sleep_plasticity: Option<bool>,
    /// The sleep noise scale.
    pub noise_scale: Option<f32>,
}

/// Controls a step can lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lock {
    /// The phase switch.
    Phase,
    /// The parameter sliders.
    Sliders,
}

/// Which number answers a step's question.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The test block's label.
    pub label: String,
    /// The task whose score it is.
    pub task: Task,
}

/// Every shipped lesson, or the first problem found (names the file).
pub fn lessons() -> Result<Vec<Lesson>, String> {
    LESSON_FILES
        .iter()
        .map(|(file, text)| toml::from_str(text).map_err(|e| format!("lesson {file}: {}", e.message())))
        .collect()
}

/// Whether a schedule has a test block with this label (so a measure can be answered).
pub fn has_test_label(blocks: &[Block], label: &str) -> bool {
    blocks.iter().any(|b| match b {
        Block::Test { label: l, .. } => l == label,
        Block::Repeat { blocks, .. } => has_test_label(blocks, label),
        Block::Wake { .. } | Block::Sleep { .. } => false,
    })
}
