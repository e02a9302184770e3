//! The window: panels that read the simulation's frames and push commands.

// Pixel arithmetic turns floats into small counts and colour channels all over the panels;
// every such value is clamped to its range first.
#![expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "pixel counts and colour channels, each clamped to its range first"
)]

pub mod actions;
pub mod animals;
pub mod app;
pub mod banner;
pub mod clock;
pub mod controls;
pub mod digits;
#[cfg(test)]
mod fault_tests;
pub mod files;
pub mod help;
pub mod history;
pub mod input_pictures;
pub mod inspector;
pub mod lessons;
pub mod link;
pub mod menu;
pub mod pace;
pub mod palette;
pub mod panels;
pub mod phase;
pub mod raster;
pub mod receptive_fields;
pub mod replay_meter;
pub mod scoreboard;
pub mod scores;
pub mod session_file;
pub mod shading;
pub mod shortcuts;
pub mod sliders;
pub mod status;
pub mod units;
pub mod views;
pub mod weight_space;
pub mod weights;
pub mod world_view;

use std::path::{Path, PathBuf};

use crate::preset::Preset;
use crate::sim::phase::Phase;

/// The preset the window opens with when none is given.
pub const DEFAULT_PRESET: &str = include_str!("../../presets/default.toml");

/// The presets shipped with SleepLab, built in so that the Presets menu works anywhere.
pub const BUNDLED_PRESETS: &[(&str, &str)] = &[
    ("Default", DEFAULT_PRESET),
    ("Sequential", include_str!("../../presets/sequential.toml")),
    ("Sleep", include_str!("../../presets/sleep.toml")),
    ("Uniform sleep", include_str!("../../presets/uniform-sleep.toml")),
    ("Rehearsal", include_str!("../../presets/rehearsal.toml")),
    ("Task 1 only", include_str!("../../presets/task1-only.toml")),
    (
        "Sleep after task 1 only",
        include_str!("../../presets/sleep-after-t1.toml"),
    ),
    (
        "One long sleep at the end",
        include_str!("../../presets/sleep-at-end.toml"),
    ),
    (
        "Sleep, task-1 units silenced",
        include_str!("../../presets/sleep-silence-t1.toml"),
    ),
    (
        "Sleep, task-2 units silenced",
        include_str!("../../presets/sleep-silence-t2.toml"),
    ),
    (
        "Demo: learn task 1, keep it with sleep, lose it without",
        include_str!("../../presets/demo.toml"),
    ),
    (
        "Paper: sequential",
        include_str!("../../presets/paper-sequential.toml"),
    ),
    ("Paper: sleep", include_str!("../../presets/paper-sleep.toml")),
    (
        "Paper, 196 units: sequential",
        include_str!("../../presets/paper-196-sequential.toml"),
    ),
    (
        "Paper, 196 units: sleep",
        include_str!("../../presets/paper-196-sleep.toml"),
    ),
    (
        "Paper: freeze 1%",
        include_str!("../../presets/paper-freeze-1.toml"),
    ),
    (
        "Paper: freeze 5%",
        include_str!("../../presets/paper-freeze-5.toml"),
    ),
    (
        "Paper: freeze 10%",
        include_str!("../../presets/paper-freeze-10.toml"),
    ),
    ("Freeze 1%", include_str!("../../presets/freeze-1.toml")),
    ("Freeze 5%", include_str!("../../presets/freeze-5.toml")),
    ("Freeze 10%", include_str!("../../presets/freeze-10.toml")),
];

/// The default preset.
pub fn default_preset() -> Preset {
    // The shipped default is checked by a test, so this cannot fail in a release.
    Preset::parse(DEFAULT_PRESET).unwrap_or_else(|problem| {
        log::error!("the built-in default preset is broken: {problem}");
        Preset::default()
    })
}

/// The preset the window opens on, when one was asked for: the file's, or, when it cannot
/// be read, the default preset with the reason (to show in the window and print).
pub fn starting_preset(path: &Path) -> (Preset, Option<String>) {
    match Preset::load(path) {
        Ok(preset) => (preset, None),
        Err(e) => (
            default_preset(),
            Some(format!("{e} (the window opened on the default preset instead)")),
        ),
    }
}

/// How the window starts, as the command line asks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowStart {
    /// With the twin run on (with `--bench`, the measurement includes the twin).
    pub twin: bool,
    /// In projector mode.
    pub projector: bool,
    /// Playing the schedule at its class pace.
    pub play: bool,
    /// Playing the schedule at full speed, without the acts' pauses.
    pub fast: bool,
}

/// Opens the window on a preset (or the last session's, or the default one) and runs until
/// it closes. A preset file that cannot be read is reported, and the window opens on the
/// default preset with the reason shown. With `bench_secs` (checked by the command line's
/// parser), measures its speed and closes. `start` says how the window starts.
pub fn run_window(
    preset: Option<PathBuf>,
    bench_secs: Option<f64>,
    start: WindowStart,
) -> Result<(), WindowError> {
    let asked = preset.map(|path| starting_preset(&path));
    if let Some((_, Some(problem))) = &asked {
        eprintln!("error: {problem}");
    }
    // Checked before eframe reads it: an unusable session is set aside, and said so.
    let session_note =
        session_file::session_path().and_then(|path| session_file::set_aside_if_unusable(&path));
    let close_after = std::env::var("SLEEPLAB_CLOSE_AFTER_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("SleepLab")
            .with_inner_size([1280.0, 800.0]),
        // Dithering costs a noise computation for every pixel, which software renderers
        // (projectors on old laptops, Xvfb) pay dearly for; our flat colours do not band.
        dithering: false,
        ..Default::default()
    };
    eframe::run_native(
        "SleepLab",
        options,
        Box::new(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let session: Option<app::Session> =
                cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY));
            let mut restored = false;
            // A preset named on the command line opens as from the Presets menu (following
            // its schedule at a class pace, unless it saved its phase switch).
            let opened = matches!(&asked, Some((_, None)));
            // The preset asked for, else the last session's experiment, else the default.
            let (preset, note) = match (asked, &session) {
                (Some(asked), _) => asked,
                (None, Some(s)) if !s.preset_toml.is_empty() => match Preset::parse(&s.preset_toml) {
                    Ok(p) => {
                        restored = true;
                        (p, None)
                    }
                    Err(e) => (
                        default_preset(),
                        Some(format!("The last session could not be restored: {e}")),
                    ),
                },
                (None, _) => (default_preset(), None),
            };
            // A new frame from the simulation is drawn after the wait in force, never sooner;
            // while it runs the window asks for its own frames: at most about 30 a second,
            // fewer if drawing is slow.
            let pacer = clock::FramePacer::default();
            let waker_pacer = pacer.clone();
            let waker = move || {
                if let Some(wait) = waker_pacer.waker_wait() {
                    ctx.request_repaint_after(wait);
                }
            };
            let mut app = app::SleepLabApp::new(preset, waker);
            app.pace_frames(pacer);
            if opened {
                let preset = app.preset.clone();
                app.apply(actions::Action::OpenPreset(Box::new(preset)));
            }
            if restored {
                app.restored_session = true;
                let name = app.preset.name().to_owned();
                app.status
                    .notice(format!("Restored the last session: preset \"{name}\""));
            }
            if let Some(s) = session {
                app.files.recent = s.recent;
                app.views.colour_by_task = s.colour_by_task;
            }
            let notes: Vec<String> = note.into_iter().chain(session_note).collect();
            if !notes.is_empty() {
                app.status.problem(notes.join("; "));
            }
            app.close_after_frames = close_after;
            if start.twin {
                app.apply_all([actions::Action::SetTwin(true)]);
            }
            if start.projector {
                app.apply(actions::Action::SetProjector(true));
                cc.egui_ctx.set_zoom_factor(views::PROJECTOR_ZOOM);
            }
            if start.play || start.fast {
                let pace = if start.fast {
                    pace::Pace::Full
                } else {
                    pace::Pace::Class
                };
                app.apply_all([
                    actions::Action::SetPhase(Phase::Schedule),
                    actions::Action::SetPace(pace),
                    actions::Action::Run(true),
                ]);
            }
            if let Some(secs) = bench_secs {
                app.start_bench(secs);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(WindowError::Open)
}

/// Why the window could not run.
#[derive(Debug, thiserror::Error)]
pub enum WindowError {
    /// eframe could not open it (no display, no graphics driver it can use, ...).
    #[error("the window could not open")]
    Open(#[source] eframe::Error),
}
