//! The guided lessons: every shipped lesson is walked in the window by clicking, from its
//! first step to its last, and no measured answer is visible before its prediction (read
//! through AccessKit). The window runs offline (no simulation thread): the tests stand in
//! for the simulation by putting test results into the history, stale ones before the
//! prediction and fresh ones (a newer run) after it.

use crate::common;
mod walk;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use sleeplab::sim::Task;
use sleeplab::sim::schedule::TestResult;
use sleeplab::sim::simulation::Score;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::ui::history::History;
use sleeplab::ui::lessons::{BatchFigure, LESSON_FILES, Measure, lessons};
use sleeplab::worker::{Command, Phase};
use walk::walk;

fn offline_harness() -> Harness<'static, SleepLabApp> {
    common::window(SleepLabApp::offline(default_preset()))
}

/// A window with its simulation thread, once the first frame is in.
fn live_harness() -> Harness<'static, SleepLabApp> {
    let mut harness = common::window(SleepLabApp::new(default_preset(), || {}));
    assert!(
        harness
            .state_mut()
            .link
            .wait_until(Duration::from_secs(20), |_| true),
        "a first frame"
    );
    harness
}

/// A test result whose task-1 and task-2 scores are both `rewarded / 10`.
fn result(label: &str, rewarded: u64) -> TestResult {
    let score = Score {
        rewarded,
        punished: 10 - rewarded,
    };
    TestResult {
        label: label.into(),
        at_cycle: 10,
        scores: [score, score],
    }
}

/// Puts a result for each measure into the run's or the twin's history.
fn report(history: &mut History, twin_history: &mut History, measures: &[&Measure], rewarded: u64) {
    for m in measures {
        let target = if m.twin { &mut *twin_history } else { &mut *history };
        target.tests.push(result(&m.label, rewarded));
    }
}

fn open_lesson(harness: &mut Harness<'static, SleepLabApp>, title: &str) {
    harness.run_steps(2);
    harness.get_by_label("Lessons").click();
    harness.run_steps(2);
    harness.get_by_label(title).click();
    harness.run_steps(2);
}

/// Enters a prediction, as moving the slider does (the slider starts with none).
fn enter_prediction(harness: &mut Harness<'static, SleepLabApp>, value: f64) {
    if let Some(run) = &mut harness.state_mut().lesson {
        run.prediction = Some(value);
    }
    harness.run_steps(1);
}

fn sent_run(harness: &Harness<'static, SleepLabApp>) -> bool {
    harness
        .state()
        .link
        .sent
        .iter()
        .any(|c| matches!(c, Command::Run(true)))
}

#[test]
fn a_measure_reads_a_test_block_or_a_batch_figure_never_both_nor_neither() {
    let measure = |label: &str, batch, twin| Measure {
        label: label.into(),
        task: Task::T1,
        twin,
        batch,
        name: "m".into(),
    };
    assert_eq!(measure("final", None, false).problem(), None);
    assert_eq!(measure("", Some(BatchFigure::SleepWins), false).problem(), None);
    assert!(measure("", None, false).problem().is_some());
    assert!(
        measure("final", Some(BatchFigure::SleepWins), false)
            .problem()
            .is_some()
    );
    assert!(
        measure("", Some(BatchFigure::WithSleep), true)
            .problem()
            .is_some()
    );
}

#[test]
fn at_least_six_lessons_ship_and_every_prediction_has_a_preset_and_an_answer() {
    let all = lessons().unwrap();
    assert!(LESSON_FILES.len() >= 6);
    let ready: Vec<_> = all.iter().filter(|l| l.missing_preset().is_none()).collect();
    assert!(ready.len() >= 6, "{} lessons ready", ready.len());
    for lesson in &all {
        for step in &lesson.steps {
            if step.predict.is_some() {
                assert!(
                    step.preset.is_some(),
                    "{}: a prediction's run needs its start",
                    lesson.title
                );
                assert!(
                    step.measure.is_some(),
                    "{}: a prediction needs an answer",
                    lesson.title
                );
            }
        }
    }
}

#[test]
fn every_ready_lesson_is_walked_by_clicking_with_no_answer_before_its_prediction() {
    for lesson in lessons().unwrap().iter().filter(|l| l.missing_preset().is_none()) {
        walk(lesson);
    }
}

#[test]
fn a_lesson_whose_preset_has_not_shipped_waits_in_the_menu() {
    for lesson in lessons().unwrap().iter().filter(|l| l.missing_preset().is_some()) {
        let mut harness = offline_harness();
        open_lesson(&mut harness, &lesson.title);
        assert!(harness.state().lesson.is_none(), "{} started", lesson.title);
    }
}

#[test]
fn back_and_start_again_replay_a_step_from_its_own_start_and_ask_again() {
    let mut harness = offline_harness();
    open_lesson(&mut harness, "Catastrophic forgetting");
    assert_eq!(harness.state().controls.control, Phase::WakeT1);
    harness.get_by_label("Run").click();
    harness.run_steps(2);
    harness.get_by_label("Next step").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Step 2 of 3").is_some());
    assert!(
        harness
            .get_by_label("Predict and run")
            .accesskit_node()
            .is_disabled(),
        "no prediction is suggested: the button waits for one"
    );
    enter_prediction(&mut harness, 0.5);
    harness.get_by_label("Predict and run").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("You predicted 0.50").is_some());

    harness.state_mut().link.sent.clear();
    harness.get_by_label("Start this step again").click();
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Predict and run").is_some(),
        "the prediction is asked again"
    );
    assert!(harness.query_by_label("You predicted 0.50").is_none());
    let sent = &harness.state().link.sent;
    assert!(
        sent.iter()
            .any(|c| matches!(c, Command::Reset { preset, .. } if preset.name() == "Sequential")),
        "{sent:?}"
    );
    assert!(!sent_run(&harness), "starting again does not run");

    harness.get_by_label("Back").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Step 1 of 3").is_some());
    assert_eq!(harness.state().controls.control, Phase::WakeT1);
    assert!(
        harness.get_by_label("Next step").accesskit_node().is_disabled(),
        "the step waits for Run again"
    );
}

#[test]
fn the_table_of_answers_keeps_each_steps_prediction_and_measure() {
    let mut harness = offline_harness();
    open_lesson(&mut harness, "What sleep needs");
    for (k, rewarded) in [(1, 7), (2, 3)] {
        enter_prediction(&mut harness, 0.5);
        harness.get_by_label("Predict and run").click();
        harness.run_steps(2);
        {
            let app = harness.state_mut();
            app.link.history.epoch += 1;
            app.link.history.tests.push(result("final", rewarded));
        }
        harness.run_steps(2);
        assert!(harness.query_by_label(&format!("Step {k} of 5")).is_some());
        harness.get_by_label("Next step").click();
        harness.run_steps(2);
    }
    assert!(harness.query_by_label("ordinary sleep").is_some());
    assert!(harness.query_by_label("sleep without plasticity").is_some());
    assert!(harness.query_by_label("0.70").is_some());
    assert!(harness.query_by_label("0.30").is_some());
}

#[test]
fn a_lesson_step_that_measures_a_missing_test_is_refused_and_changes_nothing() {
    let mut lesson = lessons().unwrap().remove(0);
    lesson.steps[0].measure = Some(Measure {
        label: "no such test".into(),
        task: Task::T1,
        twin: false,
        batch: None,
        name: "nothing".into(),
    });
    let mut app = SleepLabApp::offline(default_preset());
    let sent_before = app.link.sent.len();
    let error = app.start_lesson(lesson).unwrap_err().to_string();
    assert!(error.contains("no such test"), "{error}");
    assert!(app.lesson.is_none());
    assert_eq!(app.link.sent.len(), sent_before, "nothing was sent");
}

/// *Is it a fluke?*: the answer appears in the frame that the batch's last wake-up brings,
/// with no input event after it (the window draws no other frame by itself once a batch
/// has ended). A real, small batch runs in the background while no frame is drawn; then one
/// frame must show the measured share.
#[test]
fn is_it_a_fluke_shows_its_answer_in_the_frame_the_batch_wakes_without_input() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use sleeplab::preset::Preset;
    use sleeplab::ui::animals::Plan;
    use sleeplab::ui::animals::batch::AnimalBatch;

    let mut harness = offline_harness();
    open_lesson(&mut harness, "Is it a fluke?");
    enter_prediction(&mut harness, 0.5);
    harness.get_by_label("Predict").click();
    harness.run_steps(2);
    // The step's batch, started after the prediction: a small one, on the tiny preset.
    let tiny = Preset::parse(include_str!("../presets/tiny.toml")).unwrap();
    let woken = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&woken);
    let seeds = 2;
    let batch = AnimalBatch::start(tiny.clone(), vec![(None, tiny)], seeds, 1, move || {
        count.fetch_add(1, Ordering::SeqCst);
    });
    {
        let app = harness.state_mut();
        let run = app.lesson.as_mut().unwrap();
        let step = run.step;
        run.states[step].batch_started = true;
        run.states[step].acted = true;
        app.animals.batch = Some((batch, Plan { seeds, sweep: None }));
    }
    // Each of the 2 × 2 runs wakes the window once, and the batch's end once more. No frame
    // is drawn meanwhile.
    let start = std::time::Instant::now();
    while woken.load(Ordering::SeqCst) < 5 {
        assert!(start.elapsed() < Duration::from_mins(2), "the batch did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
    // A measured share reads "Measured: 0.xx" or "Measured: 1.00".
    let answered = |harness: &Harness<'static, SleepLabApp>| {
        ["Measured: 0", "Measured: 1"]
            .iter()
            .any(|text| harness.query_by_label_contains(text).is_some())
    };
    assert!(!answered(&harness), "no answer yet");
    // The one frame the last wake-up asks for.
    harness.step();
    assert!(
        answered(&harness),
        "the answer waits for another frame (an input event)"
    );
}
