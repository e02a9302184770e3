//! What the window does for a lesson: start it, move through its steps, and play a step
//! from its own start once the prediction is made. The lesson's own state is in
//! [`super::run`]; here it meets the window (the preset, the controls, the status line).

use super::{Lesson, LessonError, LessonRun, Step};
use crate::ui::actions::Action;
use crate::ui::animals::DEFAULT_SEEDS;
use crate::ui::app::SleepLabApp;

impl SleepLabApp {
    /// Does what a lesson action asks (the lesson actions of [`Action`]; any other is
    /// ignored here).
    pub(crate) fn apply_lesson(&mut self, action: Action) {
        match action {
            Action::StartLesson(lesson) => {
                if let Err(e) = self.start_lesson(*lesson) {
                    self.status.problem(e.to_string());
                }
            }
            Action::NextLessonStep => {
                if let Err(e) = self.next_lesson_step() {
                    self.status.problem(e.to_string());
                }
            }
            Action::LessonBack => {
                if let Some(run) = &mut self.lesson
                    && run.back()
                {
                    self.enter_lesson_step();
                }
            }
            Action::RestartLessonStep => {
                if let Some(run) = &mut self.lesson {
                    run.forget_step();
                    self.enter_lesson_step();
                }
            }
            Action::PredictAndRun => {
                let epoch = self.link.history.epoch.max(self.link.twin_history.epoch);
                if let Some(run) = &mut self.lesson {
                    run.commit_prediction(epoch);
                    // A step measured on the batch waits for the user to start it.
                    let runs = !run.current().is_some_and(Step::measures_batch);
                    if self.enter_lesson_step() && runs {
                        self.apply(Action::Run(true));
                    }
                }
            }
            Action::CloseLesson => {
                // Back to the experiment as it was before the lesson: every setting the
                // lesson changed, and none of its messages.
                let before = self.lesson.take().and_then(|run| run.before);
                self.status = crate::ui::status::Status::default();
                if let Some(preset) = before {
                    self.load_preset(preset);
                }
            }
            _ => {}
        }
    }

    /// Starts a lesson at its first step (an error names what the step refers to that does
    /// not exist; the lesson is then not started).
    pub fn start_lesson(&mut self, lesson: Lesson) -> Result<(), LessonError> {
        let mut run = LessonRun::new(lesson);
        let actions = run.enter(&self.current_preset())?;
        // A lesson started from another lesson goes back to where the first one started.
        run.before = Some(match self.lesson.take() {
            Some(LessonRun {
                before: Some(before), ..
            }) => before,
            _ => self.current_preset(),
        });
        self.lesson = Some(run);
        self.apply_all(actions);
        self.show_step_view();
        Ok(())
    }

    /// Goes to the next step of the lesson; false at the end (the lesson closes).
    pub fn next_lesson_step(&mut self) -> Result<bool, LessonError> {
        let Some(run) = &mut self.lesson else {
            return Ok(false);
        };
        if !run.advance() {
            self.lesson = None;
            return Ok(false);
        }
        let experiment = self.current_preset();
        let actions = self
            .lesson
            .as_ref()
            .map_or(Ok(Vec::new()), |run| run.enter(&experiment))?;
        self.apply_all(actions);
        self.show_step_view();
        Ok(true)
    }

    /// Enters the lesson's current step from its own start; a problem is shown (and false
    /// returned) when the step refers to something that does not exist.
    fn enter_lesson_step(&mut self) -> bool {
        let experiment = self.current_preset();
        match self.lesson.as_ref().map(|run| run.enter(&experiment)) {
            Some(Ok(actions)) => {
                self.apply_all(actions);
                self.show_step_view();
                true
            }
            Some(Err(e)) => {
                self.status.problem(e.to_string());
                false
            }
            None => false,
        }
    }

    /// Opens the view the step names; a step measured on the Many animals batch starts
    /// with no batch on screen, so that no figure of an earlier batch gives its answer away.
    fn show_step_view(&mut self) {
        let Some(step) = self.lesson.as_ref().and_then(LessonRun::current) else {
            return;
        };
        if let Some(view) = step.view {
            self.views.scores = view.scores_view();
        }
        if step.measures_batch() {
            // Dropping a batch stops its runs.
            self.animals.batch = None;
            // The lesson asks about the experiment itself, for the usual number of animals.
            self.animals.sweeping = false;
            self.animals.seeds = DEFAULT_SEEDS;
        }
    }
}
