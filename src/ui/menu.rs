//! The menu bar: files, bundled and recent presets, lessons, the view and the help.

use std::path::PathBuf;

use egui::Ui;

use super::actions::Action;
use super::files::FileAction;
use super::help::HelpPage;
use super::shortcuts;
use crate::preset::Preset;

/// Shows the menu bar; returns what the user asked for.
pub fn show(ui: &mut Ui, recent: &[PathBuf], projector_mode: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .button("New session")
                .on_hover_text("Start afresh on the default preset, forgetting the restored session")
                .clicked()
            {
                actions.push(Action::NewSession);
                ui.close();
            }
            for action in FileAction::ALL {
                if ui.button(format!("{}…", action.title())).clicked() {
                    actions.push(Action::ChooseFile(action));
                    ui.close();
                }
            }
        });
        ui.menu_button("Presets", |ui| {
            for (name, text) in crate::ui::BUNDLED_PRESETS {
                if ui.button(*name).clicked() {
                    actions.push(match Preset::parse(text) {
                        Ok(preset) => Action::OpenPreset(Box::new(preset)),
                        Err(e) => Action::Problem(format!("the bundled preset {name} is broken: {e}")),
                    });
                    ui.close();
                }
            }
            ui.separator();
            if ui.button(crate::ui::digits::TITLE).clicked() {
                actions.push(Action::OpenDigits);
                ui.close();
            }
            if !recent.is_empty() {
                ui.separator();
                ui.label("Recent");
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        actions.push(Action::File(FileAction::OpenPreset, path.clone()));
                        ui.close();
                    }
                }
            }
        });
        ui.menu_button("Lessons", |ui| match crate::ui::lessons::lessons() {
            Ok(lessons) => {
                for lesson in lessons {
                    // A lesson whose preset has not shipped yet waits for it, and says so.
                    let waits = lesson.missing_preset().map(|p| {
                        format!("This lesson waits for the preset \"{p}\", which is not in SleepLab yet")
                    });
                    let button = ui.add_enabled(waits.is_none(), egui::Button::new(lesson.title.clone()));
                    let button = match &waits {
                        Some(why) => button.on_disabled_hover_text(why),
                        None => button,
                    };
                    if button.clicked() {
                        actions.push(Action::StartLesson(Box::new(lesson)));
                        ui.close();
                    }
                }
            }
            Err(e) => {
                ui.label(e.to_string());
            }
        });
        ui.menu_button("View", |ui| {
            let mut on = projector_mode;
            if ui
                .checkbox(&mut on, "Projector mode")
                .on_hover_text("Larger text and thicker lines, for the back of the room")
                .changed()
            {
                actions.push(Action::SetProjector(on));
            }
        });
        ui.menu_button("Help", |ui| {
            for page in HelpPage::ALL {
                if ui.button(page.title()).clicked() {
                    actions.push(Action::ShowHelp(page));
                    ui.close();
                }
            }
            ui.separator();
            ui.label("Keyboard shortcuts");
            for (keys, what) in shortcuts::KEYS {
                ui.label(format!("{keys}: {what}"));
            }
        });
    });
    actions
}
