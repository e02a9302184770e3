//! Walking a lesson by clicking, and the checks made at each kind of step.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use sleeplab::preset::Preset;
use sleeplab::ui::animals::Plan;
use sleeplab::ui::animals::batch::{Animal, AnimalBatch, BatchState};
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::lessons::{Act, BatchFigure, Lesson, Measure, Step};
use sleeplab::ui::panels::ScoresView;
use sleeplab::worker::Command;

use sleeplab::ui::lessons::panel::split_answer;

use super::{enter_prediction, live_harness, offline_harness, open_lesson, report, sent_run};

/// Walks one lesson by clicking; checks the no-spoiler rules at every step.
pub fn walk(lesson: &Lesson) {
    let title = &lesson.title;
    // The Many animals panel shows only once the simulation has sent a frame.
    let mut harness = if lesson.steps.iter().any(Step::measures_batch) {
        live_harness()
    } else {
        offline_harness()
    };
    open_lesson(&mut harness, title);
    let count = lesson.steps.len();
    for (k, step) in lesson.steps.iter().enumerate() {
        let at = format!("{title}, step {}", k + 1);
        assert!(
            harness
                .query_by_label(&format!("Step {} of {count}", k + 1))
                .is_some(),
            "{at}"
        );
        if step.measures_batch() {
            predict_start_batch_and_check(&mut harness, step, &at);
        } else if step.predict.is_some() {
            predict_and_check(&mut harness, step, &at, k + 1 == count);
        }
        if let Some(act) = step.act.filter(|_| !step.measures_batch()) {
            if k + 1 < count {
                harness.get_by_label("Next step").click();
                harness.run_steps(2);
                assert!(
                    harness
                        .query_by_label(&format!("Step {} of {count}", k + 1))
                        .is_some(),
                    "{at}: the lesson waits until the user does what it says"
                );
            }
            assert!(
                harness.query_by_label_contains(act.instruction()).is_some(),
                "{at}"
            );
            let control = match act {
                Act::Run => "Run",
                Act::Step => "Step",
                Act::Sleep => "Sleep",
                Act::TestNow => "Test now",
                Act::Pause => "Pause",
                Act::StartBatch => "Start batch",
            };
            harness.get_by_label(control).click();
            harness.run_steps(2);
        }
        if k + 1 == count {
            // The question is shown; its answer, if it has one, waits behind Show answer.
            let (question, answer) = split_answer(&lesson.closing);
            assert!(
                harness.query_by_label_contains(question).is_some(),
                "{at}: the closing question"
            );
            if let Some(answer) = answer {
                assert!(
                    harness.query_by_label_contains(answer).is_none(),
                    "{at}: answer hidden"
                );
                harness.get_by_label("Show answer").click();
                harness.run_steps(2);
                assert!(
                    harness.query_by_label_contains(answer).is_some(),
                    "{at}: answer shown"
                );
            }
            harness.get_by_label("Finish lesson").click();
        } else {
            harness.get_by_label("Next step").click();
        }
        harness.run_steps(2);
    }
    assert!(harness.state().lesson.is_none(), "{title}: the lesson is over");
}

/// At a prediction step: no answer (not even a stale one) before the prediction, Run
/// locked; *Predict and run* reloads the step's preset and runs; the fresh answer shows.
fn predict_and_check(harness: &mut Harness<'static, SleepLabApp>, step: &Step, at: &str, last: bool) {
    let measures: Vec<&Measure> = step.measure.iter().chain(&step.also).collect();
    // A stale result of an earlier run (0.10) is in the history: it must not show.
    {
        let app = harness.state_mut();
        report(&mut app.link.history, &mut app.link.twin_history, &measures, 1);
    }
    harness.state_mut().link.sent.clear();
    harness.get_by_label("Run").click();
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(!sent_run(harness), "{at}: Run is locked until the prediction");
    assert!(
        harness.query_by_label_contains("Measured").is_none(),
        "{at}: an answer before the prediction"
    );
    assert!(
        harness.query_by_label("0.10").is_none(),
        "{at}: a stale answer in the table"
    );
    assert!(
        last || harness.get_by_label("Next step").accesskit_node().is_disabled(),
        "{at}"
    );
    predict_and_check_reload(harness, "Predict and run", step, at);
    let sent = &harness.state().link.sent;
    assert!(
        matches!(sent.back(), Some(Command::Run(true))),
        "{at}: then runs: {sent:?}"
    );
    assert!(
        harness.query_by_label("0.10").is_none(),
        "{at}: a stale answer after the prediction"
    );
    // The step's own run reports (a newer epoch): 0.70.
    {
        let app = harness.state_mut();
        app.link.history.epoch += 1;
        app.link.twin_history.epoch += 1;
        report(&mut app.link.history, &mut app.link.twin_history, &measures, 7);
    }
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Measured: 0.70").is_some(),
        "{at}: the answer shows"
    );
}

/// A batch that stands in for the Many animals batch: finished, with 10 animals of which
/// 7 kept task 1 better with sleep (0.8 against 0.5; the other 3: 0.3 against 0.5).
fn finished_batch() -> AnimalBatch {
    let tiny = Preset::parse(
        r#"
format = 1
name = "Stand-in"
seed = 1
[world]
size_cells = 20
[[schedule]]
phase = "wake"
task = "T1"
cycles = 20
[[schedule]]
phase = "test"
cycles = 10
label = "final"
"#,
    )
    .unwrap();
    let mut batch = AnimalBatch::start(tiny.clone(), vec![(None, tiny)], 10, 1, || {});
    let start = Instant::now();
    while batch.running() && start.elapsed() < Duration::from_mins(1) {
        batch.poll();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(batch.state, BatchState::Done);
    let first = batch.first_seed;
    for (k, slot) in batch.results.iter_mut().enumerate() {
        let (seed, with_sleep) = (first + (k % 10) as u64, k < 10);
        let t1 = match (with_sleep, k % 10 < 7) {
            (true, true) => 0.8,
            (true, false) => 0.3,
            (false, _) => 0.5,
        };
        *slot = Some(Animal { seed, t1, t2: 0.5 });
    }
    batch
}

/// At a step measured on the Many animals batch: the panel is open with no batch on it,
/// *Start batch* is refused before the prediction, *Predict* reloads the step's preset
/// without running it, the step says to click *Start batch*, and the batch's figure shows
/// once it has finished.
fn predict_start_batch_and_check(harness: &mut Harness<'static, SleepLabApp>, step: &Step, at: &str) {
    assert_eq!(harness.state().views.scores, ScoresView::ManyAnimals, "{at}");
    assert!(
        harness.state().animals.batch.is_none(),
        "{at}: no earlier batch on screen"
    );
    harness.get_by_label("Start batch").click();
    harness.run_steps(2);
    assert!(
        harness.state().animals.batch.is_none(),
        "{at}: the batch waits for the prediction"
    );
    assert!(harness.query_by_label_contains("Measured").is_none(), "{at}");

    harness.state_mut().link.sent.clear();
    predict_and_check_reload(harness, "Predict", step, at);
    assert!(!sent_run(harness), "{at}: the live run does not start");
    assert!(
        harness
            .query_by_label_contains(Act::StartBatch.instruction())
            .is_some(),
        "{at}: the step says what to click"
    );
    assert!(
        harness.get_by_label("Next step").accesskit_node().is_disabled(),
        "{at}"
    );

    // Two more frames for the window to settle after the step's preset was reloaded: a
    // click that arrives while egui re-lays a panel out can be lost, as it would be for a
    // user, who would click again.
    harness.run_steps(2);
    harness.get_by_label("Start batch").click();
    harness.run_steps(2);
    assert!(
        harness.state().animals.batch.is_some(),
        "{at}: the batch started (status {:?}, {:?})",
        harness.state().status.message,
        harness.state().status.notice
    );
    // The batch of 40 long runs is replaced by a finished stand-in (dropping it stops it).
    let plan = Plan {
        seeds: 10,
        sweep: None,
    };
    harness.state_mut().animals.batch = Some((finished_batch(), plan));
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Measured: 0.70").is_some(),
        "{at}: the answer shows"
    );
    if step.also.iter().any(|m| m.batch == Some(BatchFigure::WithSleep)) {
        // Task 1 with sleep: 7 animals at 0.8 and 3 at 0.3.
        assert!(
            harness.query_all_by_label("0.65").next().is_some(),
            "{at}: the mean in the table"
        );
    }
}

/// Enters a prediction and clicks `button` (*Predict and run* or *Predict*): the step's own
/// preset is reloaded.
fn predict_and_check_reload(
    harness: &mut Harness<'static, SleepLabApp>,
    button: &str,
    step: &Step,
    at: &str,
) {
    enter_prediction(harness, 0.5);
    harness.get_by_label(button).click();
    harness.run_steps(2);
    let sent = &harness.state().link.sent;
    let preset = step.preset.as_deref().unwrap_or_default();
    assert!(
        sent.iter()
            .any(|c| matches!(c, Command::Reset { preset: p, .. } if p.name() == preset)),
        "{at}: {button} reloads the step's preset: {sent:?}"
    );
}
