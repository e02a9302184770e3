//! Following a guided lesson: applying its steps, predictions and measured answers.

use super::{Command, Lesson, LessonRun, Preset, SleepLabApp, Ui, WindowState, control_of, has_test_label};

impl SleepLabApp {
    /// Starts a lesson at its first step.
    pub fn start_lesson(&mut self, lesson: Lesson) -> Result<(), String> {
        self.lesson = Some(LessonRun::new(lesson));
        self.apply_lesson_step()
    }

    /// Goes to the next step of the lesson; false at the end (the lesson closes).
    pub fn next_lesson_step(&mut self) -> Result<bool, String> {
        let Some(run) = &mut self.lesson else {
            return Ok(false);
        };
        if run.step + 1 >= run.lesson.steps.len() {
            self.lesson = None;
            return Ok(false);
        }
        run.step += 1;
        run.prediction = 0.5;
        self.apply_lesson_step().map(|()| true)
    }

    /// Commits the prediction of the current step and runs.
    pub fn predict_and_run(&mut self) {
        if let Some(run) = &mut self.lesson {
            let step = run.step;
            run.predicted[step] = Some(run.prediction);
        }
        self.controls.running = true;
        self.send(Command::Run(true));
    }

    /// Does what the current lesson step asks: load a preset, set the phase and parameters,
    /// run. An error names what the step refers to that does not exist.
    pub fn apply_lesson_step(&mut self) -> Result<(), String> {
        let Some(step) = self.lesson.as_ref().and_then(|l| l.current().cloned()) else {
            return Ok(());
        };
        if let Some(name) = &step.preset {
            let text = crate::ui::BUNDLED_PRESETS
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| *t)
                .ok_or_else(|| {
                    format!("the lesson asks for a preset named \"{name}\", which is not bundled")
                })?;
            self.load_preset(Preset::parse(text)?);
        }
        if let Some(phase) = step.phase {
            self.controls.control = control_of(Some(&WindowState { phase }));
            self.send(Command::SetControl(self.controls.control));
        }
        let before = self.controls.params.clone();
        if let Some(on) = step.set.sleep_plasticity {
            self.controls.params.sleep.plasticity = on;
        }
        if let Some(scale) = step.set.noise_scale {
            self.controls.params.sleep.noise_scale = scale;
        }
        if self.controls.params != before {
            self.send(Command::SetParams(Box::new(self.controls.params.clone())));
        }
        if let Some(measure) = &step.measure
            && !has_test_label(&self.preset.schedule, &measure.label)
        {
            return Err(format!(
                "the lesson measures the test \"{}\", which the preset does not have",
                measure.label
            ));
        }
        if step.run && step.predict.is_none() {
            self.controls.running = true;
            self.send(Command::Run(true));
        }
        Ok(())
    }

    /// The measured answer of the current lesson step, once its test has run.
    pub fn lesson_answer(&self) -> Option<f64> {
        let measure = self.lesson.as_ref()?.current()?.measure.as_ref()?;
        let test = self
            .history
            .tests
            .iter()
            .rev()
            .find(|t| t.label == measure.label)?;
        Some(test.score(measure.task))
    }

    pub(super) fn lesson_panel(&mut self, ui: &mut Ui) {
        let Some(run) = &mut self.lesson else { return };
        let (index, count) = (run.step, run.lesson.steps.len());
        ui.heading(&run.lesson.title);
        ui.label(egui::RichText::new(&run.lesson.goal).italics());
        ui.separator();
        ui.label(format!("Step {} of {count}", index + 1));
        let Some(step) = run.lesson.steps.get(index).cloned() else {
            return;
        };
        ui.label(&step.text);
        if !step.watch.is_empty() {
            ui.label(egui::RichText::new(format!("Watch: {}", step.watch)).strong());
        }
        let mut go = false;
        if let Some(question) = &step.predict {
            ui.separator();
            ui.label(question);
            match run.predicted[index] {
                None => {
                    ui.add(egui::Slider::new(&mut run.prediction, 0.0..=1.0).text("Your prediction"));
                    go = ui.button("Predict and run").clicked();
                }
                Some(p) => {
                    ui.label(format!("You predicted {p:.2}"));
                }
            }
        }
        let answer = self.lesson_answer();
        if step.measure.is_some() {
            match answer {
                Some(a) => ui.label(egui::RichText::new(format!("Measured: {a:.2}")).strong()),
                None => ui.label("Measured: not yet (the test runs at the end of the schedule)"),
            };
        }
        if go {
            self.predict_and_run();
        }
        ui.separator();
        let mut next = false;
        let mut close = false;
        ui.horizontal(|ui| {
            next = ui
                .button(if index + 1 < count {
                    "Next step"
                } else {
                    "Finish lesson"
                })
                .clicked();
            close = ui.button("Close lesson").clicked();
        });
        if next && let Err(e) = self.next_lesson_step() {
            self.message = Some(e);
        }
        if close {
            self.lesson = None;
        }
    }
}
