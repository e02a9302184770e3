//! What panels and features ask of the window. They never change the app themselves: they
//! return [`Action`]s, and `SleepLabApp::apply` carries each one out in one `match`, so
//! that every effect (a command to the simulation, a preset loaded, a message) has one
//! place where it happens.

use std::path::PathBuf;

use super::animals::request::Request as AnimalsRequest;
use super::files::action::FileAction;
use super::help::HelpPage;
use super::lessons::Lesson;
use super::pace::Pace;
use crate::preset::Preset;
use crate::sim::params::Params;
use crate::worker::Phase;

/// One thing the window is asked to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Run (true) or pause (false) the simulation.
    Run(bool),
    /// Pause and run one movement cycle.
    Step,
    /// Run to the start of the next sleep period and pause there.
    RunToSleep,
    /// Target speed in cycles per second; `None` = as fast as the machine goes.
    SetSpeed(Option<f64>),
    /// Choose the pace: full speed, the slider's speed, or the schedule in N minutes.
    SetPace(Pace),
    /// Move the phase switch.
    SetPhase(Phase),
    /// New model parameters from the next cycle.
    SetParams(Box<Params>),
    /// Start afresh from the experiment as it stands, with this seed.
    Reset(u64),
    /// Start afresh with (true) or without (false) the "without sleep" twin.
    SetTwin(bool),
    /// Score both tasks now on a frozen copy of the network.
    TestNow,
    /// Start afresh on a preset: its parameters, seed, schedule and phase.
    LoadPreset(Box<Preset>),
    /// Open a preset for the user (menu or file): start afresh on it and, unless it saved
    /// its phase switch, follow its schedule at a pace a class can watch, ready for Run.
    OpenPreset(Box<Preset>),
    /// Forget the restored session: back to the default preset.
    NewSession,
    /// Start choosing a path for a file action (a dialog, or the path field).
    ChooseFile(FileAction),
    /// Do a file action on a chosen path.
    File(FileAction, PathBuf),
    /// Start following a lesson at its first step.
    StartLesson(Box<Lesson>),
    /// Go to the lesson's next step (the lesson closes after its last).
    NextLessonStep,
    /// Go back one lesson step (it starts again).
    LessonBack,
    /// Start the lesson's step again from its own start, forgetting its prediction.
    RestartLessonStep,
    /// Keep the prediction entered and play the step from its own start.
    PredictAndRun,
    /// Stop following the lesson.
    CloseLesson,
    /// What the Many animals panel asks: start or cancel a batch of seeds.
    Animals(AnimalsRequest),
    /// Tell the user about a problem (shown in the error colour until the next news).
    Problem(String),
    /// Tell the user news ("Saved …"); it replaces an earlier problem.
    Notice(String),
    /// Open a help page in a window of its own.
    ShowHelp(HelpPage),
    /// Larger text and thicker lines, for a projector (on or off).
    SetProjector(bool),
    /// Close the window.
    Close,
    /// Open the digits lab (an ordinary network and SRC sleep) in a window of its own.
    OpenDigits,
}
