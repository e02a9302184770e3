//! Files from the window: opening and saving presets, exporting scores and weights, saving
//! screenshots, and the recent files. [`Files`] owns that state; a file action on a chosen
//! path returns what the window must do next ([`Action`]s: load the opened preset, say
//! what was saved or what went wrong).

pub mod chooser;
pub mod export;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use chooser::FileChooser;

use super::actions::Action;
use super::history::History;
use crate::preset::{Preset, write_atomically};
use crate::series::scores_csv;
use crate::worker::Frame;

/// Recent preset files remembered.
pub const MAX_RECENT: usize = 8;

/// Something the user wants to do with a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Open a preset.
    OpenPreset,
    /// Save the experiment as a preset.
    SavePreset,
    /// Export the score series and test results as CSV.
    ExportScores,
    /// Export the hidden→output weights as CSV.
    ExportWeights,
    /// Save a PNG picture of the window.
    Screenshot,
}

impl FileAction {
    /// Every file action, in the order of the File menu.
    pub const ALL: [FileAction; 5] = [
        FileAction::OpenPreset,
        FileAction::SavePreset,
        FileAction::ExportScores,
        FileAction::ExportWeights,
        FileAction::Screenshot,
    ];

    /// The words of the action, for titles and messages.
    pub fn title(self) -> &'static str {
        match self {
            FileAction::OpenPreset => "Open preset",
            FileAction::SavePreset => "Save preset",
            FileAction::ExportScores => "Export scores (CSV)",
            FileAction::ExportWeights => "Export weights (CSV)",
            FileAction::Screenshot => "Save screenshot",
        }
    }

    /// The file extension it reads or writes.
    pub fn extension(self) -> &'static str {
        match self {
            FileAction::OpenPreset | FileAction::SavePreset => "toml",
            FileAction::ExportScores | FileAction::ExportWeights => "csv",
            FileAction::Screenshot => "png",
        }
    }

    /// A file name to start from.
    pub fn default_name(self) -> &'static str {
        match self {
            FileAction::OpenPreset | FileAction::SavePreset => "experiment.toml",
            FileAction::ExportScores => "scores.csv",
            FileAction::ExportWeights => "weights.csv",
            FileAction::Screenshot => "sleeplab.png",
        }
    }
}

/// What a file action reads: the experiment as it stands and what the window shows.
pub struct FileContext<'a> {
    /// The experiment as a preset (parameters, seed, schedule, phase).
    pub experiment: &'a Preset,
    /// What the window remembers of the run.
    pub history: &'a History,
    /// The latest frame, if any.
    pub frame: Option<&'a Frame>,
    /// The window's context (needed for screenshots; absent in tests).
    pub egui: Option<&'a egui::Context>,
}

/// A screenshot taken and the file it goes to.
type PendingShot = (PathBuf, Arc<egui::ColorImage>);

/// The window's files: choosing a path, the recent files, a screenshot on its way.
pub struct Files {
    /// File dialogs and the path field.
    pub chooser: FileChooser,
    /// Recently opened or saved preset files, most recent first.
    pub recent: Vec<PathBuf>,
    screenshot: Arc<Mutex<Option<PendingShot>>>,
}

impl Files {
    /// No file chosen yet; `native_dialogs` says whether to try native dialogs at all.
    pub fn new(native_dialogs: bool) -> Self {
        Self {
            chooser: FileChooser::new(native_dialogs),
            recent: Vec::new(),
            screenshot: Arc::default(),
        }
    }

    /// Puts `path` at the top of the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }

    /// Does `action` on `path`; returns what the window must do next. A file that cannot
    /// be read or written is explained, and changes nothing.
    pub fn perform(&mut self, action: FileAction, path: &Path, context: &FileContext<'_>) -> Vec<Action> {
        let written = match action {
            FileAction::OpenPreset => {
                return match Preset::load(path) {
                    Ok(preset) => {
                        self.remember(path);
                        vec![
                            Action::OpenPreset(Box::new(preset)),
                            Action::Notice(format!("Opened {}", path.display())),
                        ]
                    }
                    Err(e) => vec![Action::Problem(e.to_string())],
                };
            }
            FileAction::SavePreset => {
                let result = context.experiment.save(path).map_err(|e| e.to_string());
                if result.is_ok() {
                    self.remember(path);
                }
                result
            }
            FileAction::ExportScores => {
                let points: Vec<_> = context
                    .history
                    .scores
                    .iter()
                    .flat_map(super::history::ScoreRuns::points)
                    .copied()
                    .collect();
                // The window keeps no probe history yet: its export has no probe rows.
                write_atomically(path, scores_csv(&points, &context.history.tests, &[]).as_bytes())
                    .map_err(|e| format!("cannot export the scores: {e} — {}", path.display()))
            }
            FileAction::ExportWeights => {
                write_atomically(path, export::weights_csv(context.frame).as_bytes())
                    .map_err(|e| format!("cannot export the weights: {e} — {}", path.display()))
            }
            FileAction::Screenshot => {
                let Some(ctx) = context.egui else {
                    return vec![Action::Problem("no window to take a screenshot of".into())];
                };
                let slot = Arc::clone(&self.screenshot);
                let (path, waker) = (path.to_owned(), ctx.clone());
                ctx.request_screenshot(move |image| {
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some((path, image));
                    }
                    waker.request_repaint();
                });
                return Vec::new();
            }
        };
        vec![match written {
            Ok(()) => Action::Notice(format!("Saved {}", path.display())),
            Err(e) => Action::Problem(e),
        }]
    }

    /// Writes a screenshot taken since the last call, if any; says how that went.
    pub fn save_pending_screenshot(&mut self) -> Option<Action> {
        let (path, image) = self.screenshot.lock().ok().and_then(|mut s| s.take())?;
        Some(match export::write_png(&path, &image) {
            Ok(()) => Action::Notice(format!("Saved {}", path.display())),
            Err(e) => Action::Problem(format!("cannot save the screenshot: {e} — {}", path.display())),
        })
    }
}
