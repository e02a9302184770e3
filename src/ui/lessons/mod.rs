//! Guided lessons: data files in `assets/lessons/` (text and steps, no code). Each step
//! says what to watch, may ask for a prediction, drives the simulation (loads a bundled
//! preset, sets the phase switch, the speed and a few parameters, locks the controls that
//! do not matter), may ask the user to do one named thing, and shows the measured answer
//! next to the prediction.
//!
//! This module holds the lesson files' form; [`run`] follows a lesson (its state, and what
//! each step asks of the window, as actions); [`panel`] shows it.

pub mod panel;
pub mod run;
mod window;

pub use run::LessonRun;

use serde::Deserialize;

use crate::sim::phase::Phase;
use crate::sim::schedule::Block;
use crate::sim::world::Task;

/// The lessons shipped with SleepLab, built in.
pub const LESSON_FILES: &[(&str, &str)] = &[
    (
        "1-meet-the-forager.toml",
        include_str!("../../../assets/lessons/1-meet-the-forager.toml"),
    ),
    (
        "2-catastrophic-forgetting.toml",
        include_str!("../../../assets/lessons/2-catastrophic-forgetting.toml"),
    ),
    (
        "3-sleep-to-remember.toml",
        include_str!("../../../assets/lessons/3-sleep-to-remember.toml"),
    ),
    (
        "4-what-sleep-needs.toml",
        include_str!("../../../assets/lessons/4-what-sleep-needs.toml"),
    ),
    (
        "5-sleep-cannot-invent.toml",
        include_str!("../../../assets/lessons/5-sleep-cannot-invent.toml"),
    ),
    (
        "6-which-memories-are-replayed.toml",
        include_str!("../../../assets/lessons/6-which-memories-are-replayed.toml"),
    ),
    (
        "7-sleep-or-rehearsal.toml",
        include_str!("../../../assets/lessons/7-sleep-or-rehearsal.toml"),
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
    /// The question to ask the class at the end (shown on the last step).
    pub closing: String,
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
    /// A bundled preset to load (its name in the Presets menu). A step that asks for a
    /// prediction must name one: its run always starts from it.
    pub preset: Option<String>,
    /// The phase switch to set.
    pub phase: Option<Phase>,
    /// Cycles per second while the step runs; without it, full speed.
    pub speed_hz: Option<f64>,
    /// The "without sleep" twin on or off.
    pub twin: Option<bool>,
    /// Parameters to set.
    #[serde(default)]
    pub set: Settings,
    /// Controls to lock during the step.
    #[serde(default)]
    pub lock: Vec<Lock>,
    /// A question to predict the answer of. Run stays locked until the prediction is
    /// made; *Predict and run* then plays the step from its own start.
    pub predict: Option<String>,
    /// What the user must do before the lesson goes on.
    pub act: Option<Act>,
    /// The measured answer to the prediction: a test block's score.
    pub measure: Option<Measure>,
    /// Further measured values shown beside it, once the prediction is made.
    #[serde(default)]
    pub also: Vec<Measure>,
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

/// One thing a step asks the user to do (the panel names the control to click).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Act {
    /// Press Run (or space).
    Run,
    /// Press Pause (or space).
    Pause,
    /// Press Step (or S).
    Step,
    /// Put the phase switch on Sleep.
    Sleep,
    /// Press Test now.
    TestNow,
}

impl Act {
    /// Exactly what to click, in words.
    pub fn instruction(self) -> &'static str {
        match self {
            Act::Run => "Press Run (top of the left panel) or the space bar.",
            Act::Pause => "Press Pause (top of the left panel) or the space bar.",
            Act::Step => "Press Step (top of the left panel) or the S key, a few times.",
            Act::Sleep => "Click Sleep in the phase switch (left panel) or press Z.",
            Act::TestNow => "Press Test now (left panel).",
        }
    }
}

/// Which number answers a step's question.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The test block's label.
    pub label: String,
    /// The task whose score it is.
    pub task: Task,
    /// Read from the "without sleep" twin instead of the run.
    #[serde(default)]
    pub twin: bool,
    /// Its name in the lesson's table of answers.
    pub name: String,
}

impl Lesson {
    /// The first preset a step asks for that is not bundled (the lesson waits for it).
    pub fn missing_preset(&self) -> Option<&str> {
        self.steps
            .iter()
            .filter_map(|s| s.preset.as_deref())
            .find(|name| !crate::ui::BUNDLED_PRESETS.iter().any(|(n, _)| n == name))
    }
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
        Block::Wake { .. } | Block::Sleep { .. } | Block::Freeze { .. } | Block::Unfreeze => false,
    })
}
