//! The lesson panel: the step's text, what to watch, the prediction, the measured answer,
//! and the buttons that move through the lesson.

use egui::Ui;

use super::LessonRun;
use crate::ui::actions::Action;
use crate::ui::history::History;

/// Shows the lesson being followed; returns what the user asked for.
pub fn show(ui: &mut Ui, run: &mut LessonRun, history: &History) -> Vec<Action> {
    let mut actions = Vec::new();
    let (index, count) = (run.step, run.lesson.steps.len());
    ui.heading(&run.lesson.title);
    ui.label(egui::RichText::new(&run.lesson.goal).italics());
    ui.separator();
    ui.label(format!("Step {} of {count}", index + 1));
    let Some(step) = run.current().cloned() else {
        return actions;
    };
    ui.label(&step.text);
    if !step.watch.is_empty() {
        ui.label(egui::RichText::new(format!("Watch: {}", step.watch)).strong());
    }
    if let Some(question) = &step.predict {
        ui.separator();
        ui.label(question);
        match run.predicted.get(index).copied().flatten() {
            None => {
                ui.add(egui::Slider::new(&mut run.prediction, 0.0..=1.0).text("Your prediction"));
                if ui.button("Predict and run").clicked() {
                    run.commit_prediction();
                    actions.push(Action::Run(true));
                }
            }
            Some(p) => {
                ui.label(format!("You predicted {p:.2}"));
            }
        }
    }
    if step.measure.is_some() {
        match run.answer(history) {
            Some(a) => ui.label(egui::RichText::new(format!("Measured: {a:.2}")).strong()),
            None => ui.label("Measured: not yet (the test runs at the end of the schedule)"),
        };
    }
    ui.separator();
    ui.horizontal(|ui| {
        let next = if index + 1 < count {
            "Next step"
        } else {
            "Finish lesson"
        };
        if ui.button(next).clicked() {
            actions.push(Action::NextLessonStep);
        }
        if ui.button("Close lesson").clicked() {
            actions.push(Action::CloseLesson);
        }
    });
    actions
}
