//! A lesson being followed: the step shown, the predictions made, the answers measured, and
//! what entering a step asks of the window (as [`Action`]s, which the app carries out).
//!
//! No spoilers: a step that asks for a prediction locks Run until the prediction is made,
//! and its answer counts only from a run started after it (the history's epoch must be
//! newer than the one at the moment of predicting), so a result left over from an earlier
//! run is never shown as the answer.

use super::{Act, BatchFigure, Lesson, LessonError, Lock, Measure, Step, has_test_label};
use crate::preset::{Preset, WindowState};
use crate::sim::world::Task;
use crate::ui::actions::Action;
use crate::ui::animals::Request as AnimalsRequest;
use crate::ui::animals::batch::{Animal, AnimalBatch, BatchState, Condition};
use crate::ui::history::History;
use crate::ui::phase::control_of;

/// What the lesson knows of one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepState {
    /// The prediction, once committed.
    pub predicted: Option<f64>,
    /// The history epoch when the prediction's run was asked for; answers must be newer.
    pub run_after_epoch: Option<u64>,
    /// The measured answers (the step's `measure`, then its `also`), once in.
    pub measured: Vec<Option<f64>>,
    /// Whether the user did what the step asked.
    pub acted: bool,
    /// Whether a Many animals batch was started after the prediction (its figures count).
    pub batch_started: bool,
}

/// A lesson being followed.
#[derive(Clone, Debug)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: Lesson,
    /// The step shown.
    pub step: usize,
    /// The prediction being entered (0–1); none until the slider is moved, so that no
    /// value is suggested (a starting value could be the answer).
    pub prediction: Option<f64>,
    /// What happened at each step.
    pub states: Vec<StepState>,
    /// The experiment as it stood before the lesson (closing the lesson goes back to it).
    pub before: Option<crate::preset::Preset>,
}

impl LessonRun {
    /// The start of a lesson.
    pub fn new(lesson: Lesson) -> Self {
        let states = lesson
            .steps
            .iter()
            .map(|s| StepState {
                measured: vec![None; measures(s).count()],
                ..StepState::default()
            })
            .collect();
        Self {
            lesson,
            step: 0,
            prediction: None,
            states,
            before: None,
        }
    }

    /// The step shown.
    pub fn current(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    /// What happened at the step shown.
    pub fn state(&self) -> Option<&StepState> {
        self.states.get(self.step)
    }

    /// Whether a control is locked now.
    pub fn locks(&self, lock: Lock) -> bool {
        self.current().is_some_and(|s| s.lock.contains(&lock))
    }

    /// Whether Run (and Step) wait for a prediction.
    pub fn run_locked(&self) -> bool {
        self.current().is_some_and(|s| s.predict.is_some())
            && self.state().is_some_and(|s| s.predicted.is_none())
    }

    /// Whether the step is done: its prediction answered and what it asked done.
    pub fn step_done(&self) -> bool {
        let (Some(step), Some(state)) = (self.current(), self.state()) else {
            return true;
        };
        let answered = step.measure.is_none() || state.measured.first().copied().flatten().is_some();
        let predicted = step.predict.is_none() || state.predicted.is_some();
        let acted = step.act.is_none() || state.acted;
        answered && predicted && acted
    }

    /// Moves to the next step; false after the last one (the lesson is over).
    pub fn advance(&mut self) -> bool {
        if self.step + 1 >= self.lesson.steps.len() {
            return false;
        }
        self.step += 1;
        self.forget_step();
        true
    }

    /// Moves back one step (it starts again); false at the first step.
    pub fn back(&mut self) -> bool {
        if self.step == 0 {
            return false;
        }
        self.step -= 1;
        self.forget_step();
        true
    }

    /// Forgets what happened at the step shown, so that it starts again.
    pub fn forget_step(&mut self) {
        self.prediction = None;
        if let Some(state) = self.states.get_mut(self.step) {
            let count = state.measured.len();
            *state = StepState {
                measured: vec![None; count],
                ..StepState::default()
            };
        }
    }

    /// Keeps the prediction entered for the current step (it can no longer change); the
    /// answer will be read only from runs newer than `epoch`.
    pub fn commit_prediction(&mut self, epoch: u64) {
        let Some(prediction) = self.prediction else {
            return;
        };
        if let Some(state) = self.states.get_mut(self.step) {
            state.predicted = Some(prediction);
            state.run_after_epoch = Some(epoch);
        }
    }

    /// Notes what the user asked for (a step may be waiting for it).
    pub fn saw(&mut self, action: &Action) {
        let Some(act) = self.current().and_then(|s| s.act) else {
            return;
        };
        let predicted = self.state().is_some_and(|s| s.predicted.is_some());
        let done = match (act, action) {
            (Act::Run, Action::Run(true))
            | (Act::Pause, Action::Run(false))
            | (Act::Step, Action::Step)
            | (Act::TestNow, Action::TestNow) => true,
            (Act::Sleep, Action::SetPhase(control)) => *control == crate::sim::phase::Phase::Sleep,
            // The window refuses a batch before the prediction (it would give the answer away).
            (Act::StartBatch, Action::Animals(AnimalsRequest::Start(_))) => {
                predicted || self.current().is_some_and(|s| s.predict.is_none())
            }
            _ => false,
        };
        if done && let Some(state) = self.states.get_mut(self.step) {
            state.acted = true;
            state.batch_started |= act == Act::StartBatch;
        }
    }

    /// Takes in the answers that have been measured since the prediction: test blocks of
    /// runs newer than it, and figures of a batch started after it, once finished.
    pub fn observe(&mut self, history: &History, twin_history: &History, batch: Option<&AnimalBatch>) {
        let Some(step) = self.lesson.steps.get(self.step) else {
            return;
        };
        let Some(state) = self.states.get_mut(self.step) else {
            return;
        };
        let Some(after) = state.run_after_epoch else {
            return;
        };
        for (slot, measure) in state.measured.iter_mut().zip(measures(step)) {
            if slot.is_some() {
                continue;
            }
            if let Some(figure) = measure.batch {
                if state.batch_started {
                    *slot = batch.and_then(|b| batch_answer(b, figure, measure.task));
                }
                continue;
            }
            let source = if measure.twin { twin_history } else { history };
            if source.epoch > after {
                *slot = answer(source, measure);
            }
        }
    }

    /// The table of answers so far: (name, prediction if one was made for it, measured).
    pub fn answers(&self) -> Vec<(String, Option<f64>, f64)> {
        let mut rows = Vec::new();
        for (step, state) in self.lesson.steps.iter().zip(&self.states) {
            for (k, (measure, value)) in measures(step).zip(&state.measured).enumerate() {
                if let Some(value) = value {
                    let predicted = if k == 0 { state.predicted } else { None };
                    rows.push((measure.name.clone(), predicted, *value));
                }
            }
        }
        rows
    }

    /// What entering the current step asks of the window, `current` being the experiment
    /// as it stands: load a bundled preset, set the phase, speed, twin and parameters.
    /// Nothing is asked when the step refers to something that does not exist; the error
    /// names it.
    pub fn enter(&self, current: &Preset) -> Result<Vec<Action>, LessonError> {
        let Some(step) = self.current() else {
            return Ok(Vec::new());
        };
        let mut actions = Vec::new();
        let mut experiment = current;
        let loaded;
        if step.predict.is_some() && step.preset.is_none() {
            return Err(LessonError::PredictionWithoutPreset);
        }
        if let Some(name) = &step.preset {
            let text = crate::ui::BUNDLED_PRESETS
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| *t)
                .ok_or_else(|| LessonError::NotBundled(name.clone()))?;
            loaded = Preset::parse(text)?;
            experiment = &loaded;
            actions.push(Action::LoadPreset(Box::new(loaded.clone())));
        }
        if let Some(on) = step.twin {
            actions.push(Action::SetTwin(on));
        }
        if let Some(phase) = step.phase {
            actions.push(Action::SetPhase(control_of(Some(&WindowState { phase }))));
        }
        if step.speed_hz.is_some() {
            actions.push(Action::SetSpeed(step.speed_hz));
        } else if step.preset.is_some() {
            // A step the class watches plays its preset's acts at the class pace, pausing
            // after each; one that only measures plays at full speed.
            let watched = !step.watch.is_empty() && !experiment.acts().is_empty();
            actions.push(if watched {
                Action::SetPace(crate::ui::pace::Pace::Class)
            } else {
                Action::SetSpeed(None)
            });
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
        if let Some(measure) =
            measures(step).find(|m| m.batch.is_none() && !has_test_label(experiment.schedule(), &m.label))
        {
            return Err(LessonError::NoSuchTest(measure.label.clone()));
        }
        Ok(actions)
    }
}

/// A step's measures: the predicted one first, then the others.
fn measures(step: &Step) -> impl Iterator<Item = &Measure> {
    step.measure.iter().chain(&step.also)
}

/// The latest result of a measure's test in a history.
fn answer(history: &History, measure: &Measure) -> Option<f64> {
    let test = history.tests.iter().rev().find(|t| t.label == measure.label)?;
    Some(test.score(measure.task))
}

/// A figure of a finished batch (`None` while it runs, or if it was cancelled or failed:
/// a part of the animals is not the answer).
fn batch_answer(batch: &AnimalBatch, figure: BatchFigure, task: Task) -> Option<f64> {
    // A sweep is not the experiment the step asked about.
    if batch.state != BatchState::Done || batch.points() != 1 {
        return None;
    }
    let score = |a: &Animal| match task {
        Task::T1 => a.t1,
        Task::T2 => a.t2,
    };
    let mean = |condition| {
        let scores: Vec<f64> = batch.animals(0, condition).map(score).collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    };
    match figure {
        BatchFigure::WithSleep => mean(Condition::WithSleep),
        BatchFigure::WithoutSleep => mean(Condition::WithoutSleep),
        BatchFigure::SleepWins => {
            let without: Vec<&Animal> = batch.animals(0, Condition::WithoutSleep).collect();
            let pairs: Vec<bool> = batch
                .animals(0, Condition::WithSleep)
                .filter_map(|slept| {
                    let awake = without.iter().find(|a| a.seed == slept.seed)?;
                    Some(score(slept) > score(awake))
                })
                .collect();
            let wins = pairs.iter().filter(|&&won| won).count();
            (!pairs.is_empty()).then(|| wins as f64 / pairs.len() as f64)
        }
    }
}
