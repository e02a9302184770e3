//! The window: owns the parts (the link to the simulation, the controls, the lesson, the
//! files, the views, the status line), lays out their panels, and applies what they ask
//! for. Panels never act themselves: they return [`Action`]s, and [`SleepLabApp::apply`]
//! carries out each one, in one `match`.

use std::path::{Path, PathBuf};

use super::actions::Action;
use super::animals::{Animals, Request as AnimalsRequest};
use super::clock::{FrameClock, FramePacer, WindowBench};
use super::controls::{Controls, parse_seed};
use super::files::{FileAction, FileContext, Files};
use super::help::HelpPage;
use super::lessons::LessonRun;
use super::link::SimLink;
use super::pace::Pace;
use super::panels::Views;
use super::phase::{control_of, window_state_of};
use super::status::Status;
use super::views::PROJECTOR_ZOOM;
use crate::preset::{Preset, PresetError, PresetProblem};
use crate::worker::{Command, Phase, SendError};

mod layout;
mod pacing;

use pacing::class_pace_of;

/// Cycles per task of "Test now".
const TEST_NOW_CYCLES: u64 = 2_000;

/// What survives closing the window (eframe storage).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Session {
    /// The experiment as a preset (parameters, seed, schedule, phase).
    pub preset_toml: String,
    /// Recently opened or saved preset files.
    pub recent: Vec<PathBuf>,
    /// Colour synapses by task.
    pub colour_by_task: bool,
}

/// The SleepLab window.
pub struct SleepLabApp {
    /// The simulation thread, its frames and what the window remembers of the run.
    pub link: SimLink,
    /// The state of the controls.
    pub controls: Controls,
    /// The preset the run started from.
    pub preset: Preset,
    /// The lesson being followed, if any.
    pub lesson: Option<LessonRun>,
    /// Files: the chooser, the recent files, screenshots on their way.
    pub files: Files,
    /// How the views are set up.
    pub views: Views,
    /// The latest news or problem.
    pub status: Status,
    /// The Many animals panel and its batch.
    pub animals: Animals,
    /// The help page open, if any.
    pub help: Option<HelpPage>,
    /// The digits lab, while its window is open.
    pub digits: Option<super::digits::DigitsLab>,
    clock: FrameClock,
    /// A measurement of the window's own speed, when asked for (`sleeplab window --bench`).
    bench: Option<WindowBench>,
    /// Whether the preset was restored from the last session (until another is loaded).
    pub restored_session: bool,
    /// The rectangles the last frame drew its panels in, by name (for the checks that
    /// nothing is cut off at a projector's size).
    pub drawn: Vec<(&'static str, egui::Rect)>,
    /// Close the window after this many frames (for smoke tests and screenshots).
    pub close_after_frames: Option<u64>,
    /// The window's context, once it has shown (for screenshots, zoom and closing).
    egui: Option<egui::Context>,
}

impl SleepLabApp {
    /// A window on `preset`, its simulation thread started; `waker` asks for a repaint.
    pub fn new(preset: Preset, waker: impl Fn() + Send + Sync + 'static) -> Self {
        let (link, problem) = SimLink::spawn(&preset, waker);
        let mut app = Self::with_link(preset, link, true);
        if let Some(problem) = problem {
            app.status.problem(problem);
        }
        app
    }

    /// A window on `preset` with no simulation thread: commands are only logged (in
    /// `link.sent`), and no native dialog opens. For testing panels, lessons and files.
    pub fn offline(preset: Preset) -> Self {
        Self::with_link(preset, SimLink::offline(), false)
    }

    fn with_link(preset: Preset, link: SimLink, native_dialogs: bool) -> Self {
        let mut app = Self {
            link,
            controls: Controls::new(preset.params(), preset.seed()),
            preset,
            lesson: None,
            files: Files::new(native_dialogs),
            views: Views::default(),
            status: Status::default(),
            animals: Animals::default(),
            help: None,
            digits: None,
            clock: FrameClock::default(),
            bench: None,
            restored_session: false,
            drawn: Vec::new(),
            close_after_frames: None,
            egui: None,
        };
        app.apply(Action::SetPhase(control_of(app.preset.window())));
        app
    }

    /// Does what an action asks. Every effect of a panel, a lesson, a file or a key
    /// happens here.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Run(true)
            | Action::Step
            | Action::RunToSleep
            | Action::Animals(AnimalsRequest::Start(_))
                if self.lesson.as_ref().is_some_and(LessonRun::run_locked) =>
            {
                self.status
                    .notice("Make your prediction first: the lesson panel on the right asks for it".into());
            }
            Action::Run(on) => self.send(Command::Run(on)),
            Action::Step => self.send(Command::Step),
            Action::RunToSleep => self.send(Command::RunToSleep),
            Action::SetSpeed(hz) => self.set_speed(hz),
            Action::SetPace(pace) => self.set_pace(pace),
            Action::SetPhase(control) => {
                self.controls.control = control;
                self.send(Command::SetPhase(control));
            }
            Action::SetParams(params) => {
                self.controls.params = (*params).clone();
                self.send(Command::SetParams(params));
            }
            Action::Reset(seed) => {
                self.controls.seed_text = seed.to_string();
                self.reset(seed);
            }
            Action::SetTwin(on) => {
                self.controls.twin_on = on;
                self.controls.confirm_twin = None;
                self.send(Command::SetTwin(on));
            }
            Action::TestNow => self.send(Command::TestNow {
                cycles: TEST_NOW_CYCLES,
            }),
            Action::LoadPreset(preset) => self.load_preset(*preset),
            Action::OpenPreset(preset) if preset.digits().is_some() => {
                self.digits = Some(super::digits::DigitsLab::with_preset(&preset));
            }
            Action::OpenPreset(preset) => self.open_preset(*preset),
            Action::NewSession => self.new_session(),
            Action::ChooseFile(file_action) => self.files.chooser.start(file_action),
            Action::File(file_action, path) => self.file_action(file_action, path),
            action @ (Action::StartLesson(_)
            | Action::NextLessonStep
            | Action::LessonBack
            | Action::RestartLessonStep
            | Action::PredictAndRun
            | Action::CloseLesson) => self.apply_lesson(action),
            Action::Animals(request) => self.animals_request(request),
            Action::Problem(text) => self.status.problem(text),
            Action::Notice(text) => self.status.notice(text),
            Action::ShowHelp(page) => self.help = Some(page),
            Action::OpenDigits => self.digits = Some(super::digits::DigitsLab::new()),
            Action::SetProjector(on) => {
                self.views.projector_mode = on;
                if let Some(ctx) = &self.egui {
                    ctx.set_zoom_factor(if on { PROJECTOR_ZOOM } else { 1.0 });
                }
            }
            Action::Close => {
                if let Some(ctx) = &self.egui {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Does a file action on a chosen path, with the experiment as it stands; a preset
    /// that cannot hold the window's parameters is not saved.
    fn file_action(&mut self, file_action: FileAction, path: PathBuf) {
        let experiment = match self.checked_preset() {
            Ok(preset) => preset,
            Err(problem) if file_action == FileAction::SavePreset => {
                let e = PresetError::Invalid { problem, path };
                self.status.problem(format!("cannot save the preset: {e}"));
                return;
            }
            Err(_) => self.current_preset(),
        };
        let context = FileContext {
            experiment: &experiment,
            history: &self.link.history,
            frame: self.link.frame.as_ref(),
            egui: self.egui.as_ref(),
            animals: &self.animals,
        };
        let next = self.files.perform(file_action, &path, &context);
        self.apply_all(next);
    }

    /// Paces the window's frames with `pacer`, shared with the simulation thread's waker.
    pub fn pace_frames(&mut self, pacer: FramePacer) {
        self.clock.pacer = pacer;
    }

    /// Does what the Many animals panel asks, on the experiment as it stands.
    fn animals_request(&mut self, request: AnimalsRequest) {
        let experiment = self.current_preset();
        let next = self.animals.apply(request, &experiment, self.egui.clone());
        self.apply_all(next);
    }

    /// Opens a preset for the user. A preset that saved its phase switch (a saved
    /// experiment, the default) reopens as it was; any other follows its schedule, at a
    /// class pace.
    fn open_preset(&mut self, preset: Preset) {
        let follow = preset.window().is_none();
        // Another experiment: the batch of the previous one would only mislead (dropping it
        // stops its runs).
        if !self.animals.running() {
            self.animals.batch = None;
        }
        self.load_preset(preset);
        if follow {
            self.apply(Action::SetPhase(Phase::Schedule));
            self.apply(Action::SetPace(class_pace_of(&self.preset)));
        }
    }

    /// Forgets the restored session and the lesson: back to the default preset.
    fn new_session(&mut self) {
        self.lesson = None;
        self.load_preset(super::default_preset());
        self.status.notice("New session on the default preset".into());
    }

    /// Applies actions in order.
    pub fn apply_all(&mut self, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            self.apply(action);
        }
    }

    fn send(&mut self, command: Command) {
        if let Err(problem) = self.link.send(command) {
            let text = match (problem, self.link.failure()) {
                (_, Some(failure)) => {
                    format!("The simulation stopped after a fault ({failure}); the command was dropped")
                }
                (SendError::Full, None) => {
                    "The simulation is busy (its queue is full); the command was dropped".into()
                }
                (SendError::Stopped, None) => {
                    "The simulation thread has stopped; the command was dropped".into()
                }
            };
            self.status.problem(text);
        }
    }

    /// Starts afresh from the current experiment with `seed`.
    pub fn reset(&mut self, seed: u64) {
        let current = self.current_preset();
        // The seed field offers only seeds a preset can hold; the worker runs `seed` either way.
        let preset = current.with_seed(seed).unwrap_or(current);
        // After a fault, Reset is how the user gets a working simulation back.
        match self.link.restart_if_stopped(&preset) {
            Ok(true) => self
                .status
                .notice("A new simulation thread started after the fault".into()),
            Ok(false) => {}
            Err(problem) => self.status.problem(crate::errors::chain(&problem)),
        }
        self.send(Command::Reset {
            preset: Box::new(preset),
            seed,
        });
        self.send(Command::SetPhase(self.controls.control));
    }

    /// The experiment as it stands, as a preset: every parameter, the seed (when the seed
    /// field holds one), the schedule and the phase switch. The error names a parameter that
    /// a preset could not hold.
    pub fn checked_preset(&self) -> Result<Preset, PresetProblem> {
        let preset = self.preset.with_params(self.controls.params.clone())?;
        let preset = match parse_seed(&self.controls.seed_text) {
            Ok(seed) => preset.with_seed(seed)?,
            Err(_) => preset,
        };
        Ok(preset.with_window(Some(window_state_of(self.controls.control))))
    }

    /// The experiment as it stands, as [`Self::checked_preset`] gives it; should a
    /// parameter be one a preset cannot hold, the opened preset's instead.
    pub fn current_preset(&self) -> Preset {
        self.checked_preset().unwrap_or_else(|problem| {
            log::warn!("the window's parameters cannot be kept in a preset: {problem}");
            self.preset.clone()
        })
    }

    /// Starts afresh on `preset`: its parameters, seed, schedule and phase.
    /// The pace carries over (a pace in minutes is worked out anew for the new schedule),
    /// so the speed shown is the speed in force.
    pub fn load_preset(&mut self, preset: Preset) {
        let before = self.controls.clone();
        self.controls = Controls::new(preset.params(), preset.seed());
        self.controls.control = control_of(preset.window());
        self.controls.twin_on = before.twin_on;
        self.controls.speed_hz = before.speed_hz;
        self.controls.has_acts = !preset.acts().is_empty();
        if let Some(problem) = self.controls.unshown() {
            self.status.problem(format!(
                "The window cannot show this value, so it would change it: {problem}"
            ));
        }
        self.preset = preset;
        self.restored_session = false;
        self.reset(self.preset.seed());
        self.set_pace(before.pace);
    }

    /// Opens a preset file; a broken one is explained and changes nothing. True if opened.
    pub fn open_preset_file(&mut self, path: &Path) -> bool {
        self.apply(Action::File(FileAction::OpenPreset, path.to_owned()));
        self.status.message.is_none()
    }

    /// The session to keep when the window closes.
    pub fn session(&self) -> Session {
        Session {
            preset_toml: self.current_preset().to_toml(),
            recent: self.files.recent.clone(),
            colour_by_task: self.views.colour_by_task,
        }
    }

    /// Starts measuring: waking task 1 at full speed for `secs` seconds (after one second of
    /// warm-up), then prints what was achieved and closes the window.
    pub fn start_bench(&mut self, secs: f64) {
        self.apply_all([
            Action::SetPhase(Phase::WakeT1),
            Action::SetPace(Pace::Full),
            Action::Run(true),
        ]);
        self.bench = Some(WindowBench::new(secs));
    }
}
