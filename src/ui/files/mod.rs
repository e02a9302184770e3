//! Files from the window: opening and saving presets, exporting scores and weights, saving
//! screenshots, and the recent files. [`Files`] owns that state; a file action on a chosen
//! path returns what the window must do next ([`Action`]s: load the opened preset, say
//! what was saved or what went wrong).

pub mod action;
pub mod chooser;
pub mod export;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use action::FileAction;
pub use chooser::FileChooser;

use super::actions::Action;
use super::animals::Animals;
use super::animals::sweep::table_csv;
use super::history::History;
use crate::preset::{Preset, write_atomically};
use crate::series::scores_csv;
use crate::worker::Frame;

/// Recent preset files remembered.
pub const MAX_RECENT: usize = 8;

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
    /// The Many animals panel: its latest batch and where its plot was drawn.
    pub animals: &'a Animals,
}

/// A screenshot taken, the file it goes to, and whether only the Many animals plot is kept.
type PendingShot = (PathBuf, Arc<egui::ColorImage>, bool);

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
                    .map_err(|e| format!("cannot export the scores: {e}"))
            }
            FileAction::ExportWeights => {
                write_atomically(path, export::weights_csv(context.frame).as_bytes())
                    .map_err(|e| format!("cannot export the weights: {e}"))
            }
            FileAction::ExportAnimals => match context.animals.latest() {
                Some(batch) => write_atomically(path, table_csv(batch).as_bytes())
                    .map_err(|e| format!("cannot export the table: {e}")),
                None => Err("no batch of animals to export yet: start one in the Many animals tab".into()),
            },
            FileAction::Screenshot => return self.screenshot(path, context.egui, false),
            FileAction::SaveAnimalsPlot => {
                if context.animals.plot_rect.is_none() {
                    return vec![Action::Problem(
                        "no plot of animals to save yet: start a batch in the Many animals tab".into(),
                    )];
                }
                return self.screenshot(path, context.egui, true);
            }
        };
        vec![match written {
            Ok(()) => Action::Notice(format!("Saved {}", path.display())),
            Err(e) => Action::Problem(e),
        }]
    }

    /// Asks for a screenshot of the window (or only of the Many animals plot: `plot_only`)
    /// to be written to `path` once it is taken.
    fn screenshot(&self, path: &Path, egui: Option<&egui::Context>, plot_only: bool) -> Vec<Action> {
        let Some(ctx) = egui else {
            return vec![Action::Problem("no window to take a screenshot of".into())];
        };
        let slot = Arc::clone(&self.screenshot);
        let (path, waker) = (path.to_owned(), ctx.clone());
        ctx.request_screenshot(move |image| {
            if let Ok(mut slot) = slot.lock() {
                *slot = Some((path, image, plot_only));
            }
            waker.request_repaint();
        });
        Vec::new()
    }

    /// Writes a screenshot taken since the last call, if any; says how that went. A picture
    /// of the Many animals plot keeps `plot` (in pixels): where the plot was drawn in the
    /// latest frame, which the picture shows (the frame that asked for it may still have had
    /// the path field open above, moving everything down).
    pub fn save_pending_screenshot(&mut self, plot: Option<egui::Rect>) -> Option<Action> {
        let (path, image, plot_only) = self.screenshot.lock().ok().and_then(|mut s| s.take())?;
        let image = match (plot_only, plot) {
            (true, Some(rect)) => export::crop(&image, rect),
            _ => (*image).clone(),
        };
        Some(match export::write_png(&path, &image) {
            Ok(()) => Action::Notice(format!("Saved {}", path.display())),
            Err(export::PngError::Write(e)) => Action::Problem(format!("cannot save the screenshot: {e}")),
            Err(e) => Action::Problem(format!(
                "cannot save the screenshot: {} — {}",
                crate::errors::chain(&e),
                path.display()
            )),
        })
    }
}
