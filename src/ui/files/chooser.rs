//! Choosing a file's path. Native dialogs (rfd) run on their own thread, never on the UI
//! thread; where no dialog can open (no desktop portal, as under Xvfb) a path field in the
//! window takes over, with the reason shown.

use std::path::PathBuf;

use crossbeam_channel::{Receiver, bounded};

use super::FileAction;

/// The state of file choosing: a dialog under way, or the path field.
#[derive(Default)]
pub struct FileChooser {
    /// Use native dialogs (off in tests: they are never opened there).
    pub native_dialogs: bool,
    waiting: Option<(FileAction, Receiver<Option<PathBuf>>)>,
    /// The path field, when shown: the action and the text typed so far.
    pub path_field: Option<(FileAction, String)>,
    /// Why the path field is shown, if a dialog could not open.
    pub note: Option<String>,
}

impl FileChooser {
    /// No dialog open; `native_dialogs` says whether to try native dialogs at all.
    pub fn new(native_dialogs: bool) -> Self {
        Self {
            native_dialogs,
            ..Self::default()
        }
    }

    /// Starts choosing a file for `action`: a native dialog if allowed, else the path field.
    pub fn start(&mut self, action: FileAction) {
        if !self.native_dialogs {
            self.show_field(action, None);
            return;
        }
        let (tx, rx) = bounded(1);
        let spawned = std::thread::Builder::new()
            .name("sleeplab-file-dialog".into())
            .spawn(move || {
                let dialog = rfd::FileDialog::new()
                    .set_title(action.title())
                    .add_filter(action.extension(), &[action.extension()]);
                let chosen = match action {
                    FileAction::OpenPreset => dialog.pick_file(),
                    _ => dialog.set_file_name(action.default_name()).save_file(),
                };
                let _ = tx.send(chosen);
            });
        match spawned {
            Ok(_) => self.waiting = Some((action, rx)),
            Err(e) => self.show_field(action, Some(format!("No file dialog could start ({e})."))),
        }
    }

    /// Opens the path field for `action`, with a note saying why.
    pub fn show_field(&mut self, action: FileAction, note: Option<String>) {
        self.path_field = Some((action, action.default_name().to_owned()));
        self.note = note;
    }

    /// A path chosen in a dialog since the last call, if any. A dialog that returns nothing
    /// at once usually means there is no desktop portal: the path field then takes over.
    pub fn poll(&mut self) -> Option<(FileAction, PathBuf)> {
        let (action, rx) = self.waiting.as_ref()?;
        let action = *action;
        match rx.try_recv() {
            Ok(Some(path)) => {
                self.waiting = None;
                Some((action, path))
            }
            Ok(None) | Err(crossbeam_channel::TryRecvError::Disconnected) => {
                self.waiting = None;
                self.show_field(
                    action,
                    Some("No file dialog opened (it was cancelled, or this desktop has no file-dialog portal). Type a path instead.".into()),
                );
                None
            }
            Err(crossbeam_channel::TryRecvError::Empty) => None,
        }
    }

    /// Whether a native dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.waiting.is_some()
    }

    /// Shows the path field, if open; returns the action and path when the user confirms.
    pub fn show_path_field(&mut self, ui: &mut egui::Ui) -> Option<(FileAction, PathBuf)> {
        let (action, text) = self.path_field.as_mut()?;
        let action = *action;
        let mut chosen = None;
        let mut close = false;
        ui.horizontal(|ui| {
            let label = ui.label(format!("{} to path", action.title()));
            let field = ui
                .add(egui::TextEdit::singleline(text).desired_width(320.0))
                .labelled_by(label.id)
                .on_hover_text("Type the path and press Enter (or click OK)");
            // Enter in a single-line field ends editing: it confirms, like OK.
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("OK").clicked() || entered) && !text.trim().is_empty() {
                chosen = Some((action, PathBuf::from(text.trim())));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if let Some(note) = &self.note {
            ui.label(note);
        }
        if close {
            self.path_field = None;
            self.note = None;
        }
        chosen
    }
}
