//! Guided lessons: data files in `assets/lessons/` (text and steps, no code). Each step
//! says what to watch, may ask for a prediction, drives the simulation (loads a bundled
//! preset, sets the phase switch, the speed and a few parameters, locks the controls that
//! do not matter), may ask the user to do one named thing, and shows the measured answer
//! next to the prediction.
//!
//! This module holds the lesson files' form; [`run`] follows a lesson (its state, and what
//! each step asks of the window, as actions); [`panel`] shows it.

mod error;
pub mod panel;
pub mod run;
mod window;

pub use error::LessonError;
pub use run::LessonRun;

use serde::Deserialize;

use crate::sim::phase::Phase;
use crate::sim::schedule::Block;
use crate::sim::world::Task;
use crate::ui::views::ScoresView;

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
        "7-is-it-a-fluke.toml",
        include_str!("../../../assets/lessons/7-is-it-a-fluke.toml"),
    ),
    (
        "8-sleep-or-rehearsal.toml",
        include_str!("../../../assets/lessons/8-sleep-or-rehearsal.toml"),
    ),
    (
        "9-where-sleep-takes-the-weights.toml",
        include_str!("../../../assets/lessons/9-where-sleep-takes-the-weights.toml"),
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
    /// The view of the scores area to open.
    pub view: Option<View>,
    /// Parameters to set.
    #[serde(default)]
    pub set: Settings,
    /// Controls to lock during the step.
    #[serde(default)]
    pub lock: Vec<Lock>,
    /// A question to predict the answer of. Run (and *Start batch*) stay locked until the
    /// prediction is made; *Predict and run* then plays the step from its own start (a step
    /// measured on the Many animals batch waits for the user to start the batch instead).
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

/// The views of the scores area a step can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    /// Scores over time.
    OverTime,
    /// The test blocks' scores.
    Scoreboard,
    /// Each synapse's weight after task 1 against now.
    WeightFate,
    /// The weights' path between the task-1 and task-2 solution sets.
    WeightSpace,
    /// The Many animals panel.
    ManyAnimals,
}

impl View {
    /// The scores area's view.
    pub fn scores_view(self) -> ScoresView {
        match self {
            View::OverTime => ScoresView::OverTime,
            View::Scoreboard => ScoresView::Scoreboard,
            View::WeightFate => ScoresView::WeightFate,
            View::WeightSpace => ScoresView::WeightSpace,
            View::ManyAnimals => ScoresView::ManyAnimals,
        }
    }
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
    /// Press Start batch in the Many animals panel.
    StartBatch,
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
            Act::StartBatch => "Click Start batch in the Many animals panel (the scores area, top right).",
        }
    }
}

/// Which number answers a step's question: a test block's score in the run (or its twin),
/// or a figure of the Many animals batch.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The test block's label (empty for a figure of the batch).
    #[serde(default)]
    pub label: String,
    /// The task whose score it is.
    pub task: Task,
    /// Read from the "without sleep" twin instead of the run.
    #[serde(default)]
    pub twin: bool,
    /// A figure of the Many animals batch instead of a test block.
    pub batch: Option<BatchFigure>,
    /// Its name in the lesson's table of answers.
    pub name: String,
}

/// A figure of a finished Many animals batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BatchFigure {
    /// The share of animals (paired by seed) whose final score was higher with sleep.
    SleepWins,
    /// The mean final score with sleep.
    WithSleep,
    /// The mean final score without sleep.
    WithoutSleep,
}

impl Measure {
    /// The problem with this measure, if it is not one a step can answer: it reads a test
    /// block or a batch figure, not both or neither; the twin has no batch.
    pub fn problem(&self) -> Option<String> {
        match (&self.batch, self.label.is_empty()) {
            (None, true) => Some(format!(
                "the measure \"{}\" names no test block (label) and no batch figure",
                self.name
            )),
            (Some(_), false) => Some(format!(
                "the measure \"{}\" names both a test block and a batch figure",
                self.name
            )),
            (Some(_), true) if self.twin => Some(format!(
                "the measure \"{}\" reads the batch, which has no twin",
                self.name
            )),
            _ => None,
        }
    }
}

impl Step {
    /// Whether the step's answer comes from the Many animals batch.
    pub fn measures_batch(&self) -> bool {
        self.measure.as_ref().is_some_and(|m| m.batch.is_some())
    }
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
pub fn lessons() -> Result<Vec<Lesson>, LessonError> {
    LESSON_FILES
        .iter()
        .map(|(file, text)| {
            let in_file = |problem: String| LessonError::File {
                file: (*file).to_owned(),
                problem,
            };
            let lesson: Lesson = toml::from_str(text).map_err(|e| in_file(e.message().to_owned()))?;
            let mut measures = lesson.steps.iter().flat_map(|s| s.measure.iter().chain(&s.also));
            match measures.find_map(Measure::problem) {
                Some(problem) => Err(in_file(problem)),
                None => Ok(lesson),
            }
        })
        .collect()
}

/// Whether a schedule has a test block with this label (so a measure can be answered).
pub fn has_test_label(blocks: &[Block], label: &str) -> bool {
    blocks.iter().any(|b| match b {
        Block::Test { label: l, .. } => l == label,
        Block::Repeat { blocks, .. } => has_test_label(blocks, label),
        Block::Wake { .. }
        | Block::Sleep { .. }
        | Block::Develop { .. }
        | Block::Freeze { .. }
        | Block::Unfreeze => false,
    })
}
