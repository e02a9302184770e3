//! The lesson panel: the step's text, what to watch and what to click, the prediction, the
//! measured answer (never before the prediction), the table of answers so far, and the
//! buttons that move through the lesson.

use egui::{RichText, Ui};

use super::run::StepState;
use super::{LessonRun, Step};
use crate::ui::actions::Action;

/// Shows the lesson being followed; returns what the user asked for.
pub fn show(ui: &mut Ui, run: &mut LessonRun) -> Vec<Action> {
    let mut actions = Vec::new();
    let (index, count) = (run.step, run.lesson.steps.len());
    ui.heading(&run.lesson.title);
    ui.label(RichText::new(&run.lesson.goal).italics());
    ui.separator();
    ui.label(format!("Step {} of {count}", index + 1));
    let (Some(step), Some(state)) = (run.current().cloned(), run.state().cloned()) else {
        return actions;
    };
    // The buttons first: at a projector's size the end of a long step is below the fold.
    show_navigation(ui, run, &mut actions);
    ui.separator();
    ui.label(&step.text);
    if !step.watch.is_empty() {
        ui.label(RichText::new(format!("Watch: {}", step.watch)).strong());
    }
    if let Some(question) = &step.predict {
        show_prediction(ui, run, &step, &state, question, &mut actions);
    }
    if let Some(act) = step.act {
        ui.separator();
        if state.acted {
            ui.label(format!("Done: {}", act.instruction()));
        } else {
            ui.label(RichText::new(format!("Do this: {}", act.instruction())).strong());
        }
    }
    show_answers(ui, run);
    if index + 1 == count {
        ui.separator();
        let (question, answer) = split_answer(&run.lesson.closing);
        ui.label(RichText::new(format!("Ask the class: {question}")).strong());
        if let Some(answer) = answer {
            egui::CollapsingHeader::new("Show answer")
                .id_salt("lesson answer")
                .show(ui, |ui| ui.label(answer));
        }
    }
    actions
}

/// Back, Start this step again, Next step (or Finish lesson) and Close lesson.
fn show_navigation(ui: &mut Ui, run: &LessonRun, actions: &mut Vec<Action>) {
    let (index, count) = (run.step, run.lesson.steps.len());
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("Back"))
            .on_hover_text("Go back one step; it starts again")
            .clicked()
        {
            actions.push(Action::LessonBack);
        }
        if ui
            .button("Start this step again")
            .on_hover_text("Reload this step's preset and seed, and forget its prediction")
            .clicked()
        {
            actions.push(Action::RestartLessonStep);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let next = if index + 1 < count {
            "Next step"
        } else {
            "Finish lesson"
        };
        let done = run.step_done();
        let button = ui.add_enabled(done, egui::Button::new(next));
        if button
            .on_disabled_hover_text("First do what this step asks (and wait for its answer)")
            .clicked()
        {
            actions.push(Action::NextLessonStep);
        }
        if ui.button("Close lesson").clicked() {
            actions.push(Action::CloseLesson);
        }
    });
}

/// A discussion question and its answer, when the text gives one in brackets at its end
/// ("Why …? (Because …)"), so that the answer can wait behind *Show answer*.
pub fn split_answer(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    let Some(body) = trimmed.strip_suffix(')') else {
        return (trimmed, None);
    };
    // The bracket that the last one closes (brackets may nest inside the answer).
    let mut depth = 0_usize;
    for (at, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '(' => {
                let (question, answer) = (body[..at].trim_end(), &body[at + 1..]);
                if question.is_empty() || answer.is_empty() {
                    break;
                }
                return (question, Some(answer));
            }
            _ => {}
        }
    }
    (trimmed, None)
}

/// The step's question, the prediction (asked for, or made) and, once made, the answer.
fn show_prediction(
    ui: &mut Ui,
    run: &mut LessonRun,
    step: &Step,
    state: &StepState,
    question: &str,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    ui.label(RichText::new(question).strong());
    let Some(p) = state.predicted else {
        let (locked, button, hover) = if step.measures_batch() {
            (
                "Start batch stays locked until you predict.",
                "Predict",
                "Keep this prediction; then start the batch",
            )
        } else {
            (
                "Run stays locked until you predict.",
                "Predict and run",
                "Keep this prediction and play this step from its own start",
            )
        };
        ui.label(locked);
        let mut value = run.prediction.unwrap_or(0.5);
        let slider = egui::Slider::new(&mut value, 0.0..=1.0)
            .text("Your prediction")
            .show_value(run.prediction.is_some());
        if ui.add(slider).changed() {
            run.prediction = Some(value);
        }
        if run.prediction.is_none() {
            ui.label("Move the slider to your prediction first.");
        }
        if ui
            .add_enabled(run.prediction.is_some(), egui::Button::new(button))
            .on_hover_text(hover)
            .clicked()
        {
            actions.push(Action::PredictAndRun);
        }
        return;
    };
    ui.label(format!("You predicted {p:.2}"));
    match (&step.measure, state.measured.first().copied().flatten()) {
        (Some(_), Some(a)) => {
            ui.label(RichText::new(format!("Measured: {a:.2}")).strong());
        }
        (Some(m), None) if m.batch.is_some() => {
            ui.label("Measured: not yet (the answer comes when every animal of the batch has finished)");
        }
        (Some(m), None) => {
            ui.label(format!(
                "Measured: not yet (the answer comes with the test \"{}\")",
                m.label
            ));
        }
        (None, _) => {}
    }
}

/// The lesson's measured answers so far, next to the predictions made for them.
fn show_answers(ui: &mut Ui, run: &LessonRun) {
    let rows = run.answers();
    if rows.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Your answers so far").strong());
    egui::Grid::new("lesson answers").striped(true).show(ui, |ui| {
        ui.label("");
        ui.label("predicted");
        ui.label("measured");
        ui.end_row();
        for (name, predicted, measured) in rows {
            ui.label(name);
            ui.label(predicted.map_or_else(|| "–".to_owned(), |p| format!("{p:.2}")));
            ui.label(format!("{measured:.2}"));
            ui.end_row();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::split_answer;

    #[test]
    fn a_bracketed_answer_at_the_end_waits_behind_show_answer() {
        assert_eq!(
            split_answer("Where did it go? (Normalisation took it.)"),
            ("Where did it go?", Some("Normalisation took it."))
        );
        assert_eq!(
            split_answer("Why does timing matter?"),
            ("Why does timing matter?", None)
        );
        assert_eq!(
            split_answer("What carried it? (The weights (not the world).)"),
            ("What carried it?", Some("The weights (not the world)."))
        );
    }
}
