//! The digits lab in the window (docs/model.md §7): an ordinary network learns digits 0–4,
//! then 5–9, forgets the first, and sleeps. Buttons ask the lab's own thread for work;
//! the window only draws the per-digit bars it sends back.

mod bars;
pub mod sliders;
pub mod worker;

use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, TrySendError, bounded};

use crate::digits::{DigitsBlock, DigitsSetup, DigitsTask};
use crate::preset::Preset;
pub use sliders::SleepSettings;
pub use worker::{LabState, Request, STAGES};

/// The preset the lab starts from: its network, sleep constants, epochs, steps and seed.
pub const DIGITS_PRESET: &str = include_str!("../../../presets/digits-sleep.toml");

/// The Presets menu's entry, and the lab window's title.
pub const TITLE: &str = "Digits: sleep for an ordinary network";

/// The lab: the link to its thread (started on the first frame it shows, which has the
/// context to wake), the latest state it sent, and what it runs.
pub struct DigitsLab {
    link: Option<LabLink>,
    /// What the window shows.
    pub state: LabState,
    /// What the next Sleep runs with.
    pub settings: SleepSettings,
    /// The network, its training and the epochs per task.
    setup: DigitsSetup,
    /// The seed of the network and of its data split.
    seed: u64,
}

impl Default for DigitsLab {
    /// The lab on the bundled digits preset.
    fn default() -> Self {
        match Preset::parse(DIGITS_PRESET) {
            Ok(preset) => Self::with_preset(&preset),
            Err(e) => {
                let mut lab = Self::with_preset(&Preset::default());
                lab.state.problem = Some(format!("the bundled digits preset is broken: {e}"));
                lab
            }
        }
    }
}

/// The lab's thread and the channels to it.
struct LabLink {
    requests: Option<Sender<Request>>,
    reports: Option<Receiver<LabState>>,
    thread: Option<JoinHandle<()>>,
}

impl DigitsLab {
    /// A lab about to start on the bundled digits preset.
    pub fn new() -> Self {
        Self::default()
    }

    /// A lab about to start on `preset`'s digits experiment (the defaults of §7 if it has
    /// none): its network, seed, epochs, sleep constants and steps.
    pub fn with_preset(preset: &Preset) -> Self {
        let setup = preset.digits().cloned().unwrap_or_default();
        let steps = setup
            .schedule
            .iter()
            .find_map(|b| match b {
                DigitsBlock::Sleep { steps } => Some(*steps),
                _ => None,
            })
            .unwrap_or(5_000);
        Self {
            link: None,
            state: LabState::default(),
            settings: SleepSettings {
                constants: setup.sleep,
                steps,
            },
            setup,
            seed: preset.seed(),
        }
    }

    /// Starts the lab's thread; `waker` asks for a repaint.
    fn start(&self, waker: impl Fn() + Send + Sync + 'static) -> Result<LabLink, String> {
        let (setup, seed) = (self.setup.clone(), self.seed);
        let (request_tx, request_rx) = bounded(4);
        let (report_tx, report_rx) = bounded(8);
        let thread = std::thread::Builder::new()
            .name("sleeplab-digits".into())
            .spawn(move || worker::run(&setup, seed, &request_rx, &report_tx, &waker))
            .map_err(|e| format!("cannot start the digits lab: {e}"))?;
        Ok(LabLink {
            requests: Some(request_tx),
            reports: Some(report_rx),
            thread: Some(thread),
        })
    }

    /// Starts the thread if it has not started, and takes in what it sent (the latest
    /// state wins).
    pub fn poll(&mut self, ctx: &egui::Context) {
        if self.link.is_none() && self.state.problem.is_none() {
            let ctx = ctx.clone();
            match self.start(move || ctx.request_repaint()) {
                Ok(link) => self.link = Some(link),
                Err(problem) => self.state.problem = Some(problem),
            }
        }
        if let Some(reports) = self.link.as_ref().and_then(|l| l.reports.as_ref()) {
            while let Ok(state) = reports.try_recv() {
                self.state = state;
            }
        }
    }

    /// Whether the lab is working on a request.
    pub fn busy(&self) -> bool {
        self.state.busy.is_some()
    }

    /// Asks the lab for work; false if it is busy with earlier requests or not running.
    pub fn ask(&mut self, request: Request) -> bool {
        let Some(requests) = self.link.as_ref().and_then(|l| l.requests.as_ref()) else {
            return false;
        };
        match requests.try_send(request) {
            Ok(()) => {
                self.state.busy = Some("Waiting for the lab…".to_owned());
                true
            }
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => false,
        }
    }
}

impl Drop for LabLink {
    /// Closes both channels, so that the thread ends after its current piece of work, and
    /// waits for it.
    fn drop(&mut self) {
        self.requests = None;
        self.reports = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Shows the lab in a window of its own while it is open; closing the window stops it.
pub fn show(ctx: &egui::Context, lab: &mut Option<DigitsLab>) {
    let Some(running) = lab else { return };
    running.poll(ctx);
    let mut open = true;
    egui::Window::new(TITLE)
        .open(&mut open)
        .default_width(620.0)
        .show(ctx, |ui| show_lab(ui, running));
    if !open {
        *lab = None;
    }
}

/// The buttons, the status line and the bars.
fn show_lab(ui: &mut egui::Ui, lab: &mut DigitsLab) {
    ui.label(
        "A 64-64-10 network learns digits 0–4 (task A), then 5–9 (task B), by gradient descent. \
         Sleep runs its own weights as spiking layers, driven only by noise at the mean image.",
    );
    let idle = lab.state.busy.is_none() && lab.state.problem.is_none();
    let mut asked = None;
    ui.horizontal(|ui| {
        let buttons = [
            (
                "Train task A",
                "Learn digits 0–4 by gradient descent",
                Request::Train(DigitsTask::A),
            ),
            (
                "Train task B",
                "Learn digits 5–9; nothing keeps digits 0–4",
                Request::Train(DigitsTask::B),
            ),
            (
                "Sleep",
                "SRC sleep: noise at the mean image, local spike rule",
                Request::Sleep(lab.settings),
            ),
            ("Test", "Score every digit on the held-out images", Request::Test),
            (
                "Start afresh",
                "A new, untrained network (same seed); the bars clear",
                Request::Reset,
            ),
        ];
        for (label, tip, request) in buttons {
            if ui
                .add_enabled(idle, egui::Button::new(label))
                .on_hover_text(tip)
                .clicked()
            {
                asked = Some(request);
            }
        }
    });
    if let Some(request) = asked {
        lab.ask(request);
    }
    let status = match (&lab.state.problem, &lab.state.busy, lab.state.last_test) {
        (Some(problem), _, _) => problem.clone(),
        (None, Some(busy), _) => busy.clone(),
        (None, None, Some([a, b])) => format!("Last test: digits 0–4 {a:.2}, digits 5–9 {b:.2}"),
        (None, None, None) => "Start with Train task A".to_owned(),
    };
    ui.label(status);
    bars::show(ui, &lab.state);
    ui.collapsing("Sleep constants", |ui| {
        sliders::show(ui, &mut lab.settings);
    });
}
