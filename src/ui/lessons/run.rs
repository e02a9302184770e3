//! A lesson being followed: the step shown, the predictions made, and what entering a step
//! asks of the window (as [`Action`]s, which the app carries out).

use super::{Lesson, Lock, Step, has_test_label};
use crate::preset::{Preset, WindowState};
use crate::ui::actions::Action;
use crate::ui::history::History;
use crate::ui::phase::control_of;

/// The prediction slider's starting value.
const NO_LEANING: f64 = 0.5;

/// A lesson being followed.
#[derive(Clone, Debug)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: Lesson,
    /// The step shown.
    pub step: usize,
    /// The prediction being entered (0–1).
    pub prediction: f64,
    /// The prediction made at each step, once committed.
    pub predicted: Vec<Option<f64>>,
}

impl LessonRun {
    /// The start of a lesson.
    pub fn new(lesson: Lesson) -> Self {
        let steps = lesson.steps.len();
        Self {
            lesson,
            step: 0,
            prediction: NO_LEANING,
            predicted: vec![None; steps],
        }
    }

    /// The step shown.
    pub fn current(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    /// Whether a control is locked now.
    pub fn locks(&self, lock: Lock) -> bool {
        self.current().is_some_and(|s| s.lock.contains(&lock))
    }

    /// Moves to the next step; false after the last one (the lesson is over).
    pub fn advance(&mut self) -> bool {
        if self.step + 1 >= self.lesson.steps.len() {
            return false;
        }
        self.step += 1;
        self.prediction = NO_LEANING;
        true
    }

    /// Keeps the prediction entered for the current step (it can no longer change).
    pub fn commit_prediction(&mut self) {
        if let Some(slot) = self.predicted.get_mut(self.step) {
            *slot = Some(self.prediction);
        }
    }

    /// What entering the current step asks of the window, `current` being the experiment
    /// as it stands: load a bundled preset, set the phase and parameters, run. Nothing is
    /// asked when the step refers to something that does not exist; the error names it.
    pub fn enter(&self, current: &Preset) -> Result<Vec<Action>, String> {
        let Some(step) = self.current() else {
            return Ok(Vec::new());
        };
        let mut actions = Vec::new();
        let mut experiment = current;
        let loaded;
        if let Some(name) = &step.preset {
            let text = crate::ui::BUNDLED_PRESETS
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| *t)
                .ok_or_else(|| {
                    format!("the lesson asks for a preset named \"{name}\", which is not bundled")
                })?;
            loaded = Preset::parse(text).map_err(|e| e.to_string())?;
            experiment = &loaded;
            actions.push(Action::LoadPreset(Box::new(loaded.clone())));
        }
        if let Some(phase) = step.phase {
            actions.push(Action::SetPhase(control_of(Some(&WindowState { phase }))));
        }
        let before = experiment.params();
        let mut params = before.clone();
        if let Some(on) = step.set.sleep_plasticity {
            params.sleep.plasticity = on;
        }
        if let Some(scale) = step.set.noise_scale {
            params.sleep.noise_scale = scale;
        }
        if params != before {
            actions.push(Action::SetParams(Box::new(params)));
        }
        if let Some(measure) = &step.measure
            && !has_test_label(experiment.schedule(), &measure.label)
        {
            return Err(format!(
                "the lesson measures the test \"{}\", which the preset does not have",
                measure.label
            ));
        }
        // A step that asks for a prediction runs once the prediction is made.
        if step.run && step.predict.is_none() {
            actions.push(Action::Run(true));
        }
        Ok(actions)
    }

    /// The measured answer of the current step, once its test has run.
    pub fn answer(&self, history: &History) -> Option<f64> {
        let measure = self.current()?.measure.as_ref()?;
        let test = history.tests.iter().rev().find(|t| t.label == measure.label)?;
        Some(test.score(measure.task))
    }
}
