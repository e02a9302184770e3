//! Why a lesson, or one of its steps, cannot be used. A lesson file is checked when the
//! menu lists it; a step, when it is entered (and nothing of it is done then).

use crate::preset::PresetProblem;

/// What is wrong with a lesson or the step being entered; each message names it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LessonError {
    /// A lesson file that cannot be read or asks for a measure that cannot be answered.
    #[error("lesson {file}: {problem}")]
    File {
        /// The file's name in `assets/lessons/`.
        file: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A step asks for a prediction but names no preset to start its run from.
    #[error("a step that asks for a prediction must name the preset its run starts from")]
    PredictionWithoutPreset,
    /// A step names a preset that is not bundled.
    #[error("the lesson asks for a preset named \"{0}\", which is not bundled")]
    NotBundled(String),
    /// A bundled preset the step names cannot be used.
    #[error(transparent)]
    Preset(#[from] PresetProblem),
    /// A step measures a test block (by its label) that its preset does not have.
    #[error("the lesson measures the test \"{0}\", which the preset does not have")]
    NoSuchTest(String),
}
