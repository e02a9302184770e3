//! The guided lessons: every one walks to its end headless, and the first can be clicked
//! through in the window, with the simulation thread and without it.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::sim::Task;
use sleeplab::sim::schedule::TestResult;
use sleeplab::sim::simulation::Score;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::ui::lessons::{Measure, lessons};
use sleeplab::worker::{Command, Phase};

#[test]
fn there_are_three_lessons_and_each_walks_to_its_end() {
    let all = lessons().unwrap();
    assert!(all.len() >= 3);
    for lesson in all {
        let mut app = SleepLabApp::new(default_preset(), || {});
        let title = lesson.title.clone();
        let steps = lesson.steps.len();
        app.start_lesson(lesson)
            .unwrap_or_else(|e| panic!("{title}, step 1: {e}"));
        let mut walked = 1;
        while app
            .next_lesson_step()
            .unwrap_or_else(|e| panic!("{title}, step {}: {e}", walked + 1))
        {
            walked += 1;
        }
        assert_eq!(walked, steps, "{title}");
        assert!(app.lesson.is_none());
    }
}

#[test]
fn the_sleep_lesson_loads_its_preset_and_locks_the_phase_switch() {
    let lesson = lessons()
        .unwrap()
        .into_iter()
        .find(|l| l.title == "What sleep needs")
        .unwrap();
    let mut app = SleepLabApp::new(default_preset(), || {});
    app.start_lesson(lesson).unwrap();
    assert_eq!(app.preset.name(), "Sleep");
    assert!(
        !app.controls.params.sleep.plasticity,
        "the step switches sleep plasticity off"
    );
    assert_eq!(app.controls.control, Phase::Schedule);
    assert!(
        app.lesson
            .as_ref()
            .unwrap()
            .locks(sleeplab::ui::lessons::Lock::Phase)
    );
}

#[test]
fn the_first_lesson_can_be_clicked_through() {
    let app = SleepLabApp::new(default_preset(), || {});
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut SleepLabApp| {
                app.tick(ui.ctx());
                app.show(ui);
            },
            app,
        );
    harness.run_steps(2);
    harness.get_by_label("Lessons").click();
    harness.run_steps(2);
    harness.get_by_label("Catastrophic forgetting").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Step 1 of 3").is_some());
    assert_eq!(harness.state().preset.name(), "Sequential");
    harness.get_by_label("Next step").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Step 2 of 3").is_some());
    harness.get_by_label("Predict and run").click();
    harness.run_steps(2);
    assert!(matches!(
        harness.state().link.sent.back(),
        Some(Command::Run(true))
    ));
    assert!(harness.query_by_label("You predicted 0.50").is_some());
    harness.get_by_label("Next step").click();
    harness.run_steps(2);
    harness.get_by_label("Finish lesson").click();
    harness.run_steps(2);
    assert!(harness.state().lesson.is_none());
}

fn offline_harness() -> Harness<'static, SleepLabApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut SleepLabApp| {
                app.tick(ui.ctx());
                app.show(ui);
            },
            SleepLabApp::offline(default_preset()),
        )
}

#[test]
fn a_lesson_is_followed_in_the_window_without_a_simulation_thread() {
    let mut harness = offline_harness();
    harness.run_steps(2);
    harness.get_by_label("Lessons").click();
    harness.run_steps(2);
    harness.get_by_label("Catastrophic forgetting").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Step 1 of 3").is_some());
    let sent = &harness.state().link.sent;
    assert!(
        sent.iter()
            .any(|c| matches!(c, Command::Reset { preset, .. } if preset.name() == "Sequential")),
        "the step loads its preset: {sent:?}"
    );
    assert!(matches!(sent.back(), Some(Command::SetPhase(Phase::Schedule))));
    // The step locks the phase switch: its keys change nothing.
    harness.key_press(egui::Key::Z);
    harness.run_steps(1);
    assert_eq!(harness.state().controls.control, Phase::Schedule);

    harness.get_by_label("Next step").click();
    harness.run_steps(2);
    assert!(
        !matches!(harness.state().link.sent.back(), Some(Command::Run(true))),
        "a step with a prediction waits for it before running"
    );
    assert!(
        harness
            .query_by_label("Measured: not yet (the test runs at the end of the schedule)")
            .is_some()
    );
    harness.get_by_label("Predict and run").click();
    harness.run_steps(2);
    assert!(matches!(
        harness.state().link.sent.back(),
        Some(Command::Run(true))
    ));
    assert!(harness.query_by_label("You predicted 0.50").is_some());
    // The measured answer is the "final" test's task-1 score, once it is in the history.
    harness.state_mut().link.history.tests.push(TestResult {
        label: "final".into(),
        at_cycle: 10,
        scores: [
            Score {
                rewarded: 3,
                punished: 1,
            },
            Score::default(),
        ],
    });
    harness.run_steps(2);
    assert!(harness.query_by_label("Measured: 0.75").is_some());
    harness.get_by_label("Next step").click();
    harness.run_steps(2);
    harness.get_by_label("Finish lesson").click();
    harness.run_steps(2);
    assert!(harness.state().lesson.is_none());
}

#[test]
fn a_lesson_step_that_measures_a_missing_test_is_refused_and_changes_nothing() {
    let mut lesson = lessons().unwrap().remove(0);
    lesson.steps[0].preset = None;
    lesson.steps[0].measure = Some(Measure {
        label: "no such test".into(),
        task: Task::T1,
    });
    let mut app = SleepLabApp::offline(default_preset());
    let sent_before = app.link.sent.len();
    let error = app.start_lesson(lesson).unwrap_err();
    assert!(error.contains("no such test"), "{error}");
    assert!(app.lesson.is_none());
    assert_eq!(app.link.sent.len(), sent_before, "nothing was sent");
}
