//! The window, driven headless through AccessKit (egui_kittest): the controls reach the
//! simulation thread, and the model's phase and parameters change. Waits are on the
//! worker's frame channel, never on the wall clock.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::sim::Task;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::worker::{Activity, Command, Phase, WorkerHandle};

const PATIENCE: Duration = Duration::from_secs(20);

fn harness() -> Harness<'static, SleepLabApp> {
    let app = SleepLabApp::new(default_preset(), || {});
    common::window(app)
}

#[test]
fn the_phase_switch_puts_the_model_to_sleep_and_wakes_it_in_task_two() {
    let mut harness = harness();
    harness.run_steps(2);
    harness.get_by_label("Sleep").click();
    harness.run_steps(2);
    assert!(matches!(
        harness.state().link.sent.back(),
        Some(Command::SetPhase(Phase::Sleep))
    ));
    harness.get_by_label("Step").click();
    harness.run_steps(2);
    let app = harness.state_mut();
    assert!(
        app.link
            .wait_until(PATIENCE, |f| f.activity == Some(Activity::Sleep)),
        "the model did not sleep"
    );

    harness.get_by_label("Wake: task 2").click();
    harness.run_steps(1);
    harness.get_by_label("Step").click();
    harness.run_steps(1);
    let app = harness.state_mut();
    assert!(
        app.link
            .wait_until(PATIENCE, |f| f.activity == Some(Activity::Wake(Task::T2)))
    );
}

#[test]
fn run_pause_and_step_control_the_cycle_count() {
    let mut harness = harness();
    harness.run_steps(2);
    harness.get_by_label("Step").click();
    harness.run_steps(1);
    assert!(
        harness.state_mut().link.wait_until(PATIENCE, |f| f.cycle == 1),
        "one step is one cycle"
    );

    harness.get_by_label("Run").click();
    harness.run_steps(1);
    assert!(matches!(
        harness.state().link.sent.back(),
        Some(Command::Run(true))
    ));
    assert!(
        harness
            .state_mut()
            .link
            .wait_until(PATIENCE, |f| f.running && f.cycle > 100)
    );

    harness.run_steps(1);
    harness.get_by_label("Pause").click();
    harness.run_steps(1);
    let app = harness.state_mut();
    assert!(app.link.wait_until(PATIENCE, |f| !f.running));
    let stopped_at = app.link.frame.as_ref().map(|f| f.cycle);
    // Paused: a later frame reports the same cycle.
    app.link.wait_for_frame(Duration::from_millis(200));
    assert_eq!(app.link.frame.as_ref().map(|f| f.cycle), stopped_at);
}

#[test]
fn a_slider_changes_the_models_parameter() {
    let mut harness = harness();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::Slider, "Sleep noise scale")
        .set_value_accesskit(2.5);
    harness.run_steps(2);
    assert_eq!(harness.state().controls.params.sleep.noise_scale, 2.5);
    assert!(
        matches!(harness.state().link.sent.back(), Some(Command::SetParams(p)) if p.sleep.noise_scale == 2.5)
    );
    let app = harness.state_mut();
    assert!(
        app.link
            .wait_until(PATIENCE, |f| f.params.sleep.noise_scale == 2.5),
        "the model did not take the new value"
    );

    harness.get_by_label("Sleep plasticity").click();
    harness.run_steps(2);
    let app = harness.state_mut();
    assert!(app.link.wait_until(PATIENCE, |f| !f.params.sleep.plasticity));
}

#[test]
fn a_bad_seed_is_explained_and_changes_nothing() {
    let mut harness = harness();
    harness.run_steps(2);
    harness.state_mut().controls.seed_text = "minus one".into();
    harness.get_by_label("Reset").click();
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .controls
            .seed_error
            .as_deref()
            .is_some_and(|e| e.contains("minus one"))
    );
    assert!(
        !harness
            .state()
            .link
            .sent
            .iter()
            .any(|c| matches!(c, Command::Reset { .. }))
    );
}

#[test]
fn the_worker_runs_cycles_and_publishes_frames() {
    let worker = WorkerHandle::spawn(default_preset(), 1, || {}).unwrap();
    assert!(worker.send(Command::Run(true)).is_ok());
    let mut last_cycle = 0;
    let mut frames = 0;
    while frames < 50 && last_cycle < 1_000 {
        let frame = worker.recv_timeout(PATIENCE).expect("frames keep coming");
        assert!(frame.cycle >= last_cycle);
        last_cycle = frame.cycle;
        frames += 1;
        assert!(frame.raster.len() <= sleeplab::worker::RASTER_CYCLES);
    }
    assert!(last_cycle > 0, "no cycle ran");
}

#[test]
fn dropping_the_app_shuts_the_worker_down() {
    let alive = Arc::new(());
    let token = Arc::clone(&alive);
    let app = SleepLabApp::new(default_preset(), move || {
        let _ = &token;
    });
    assert!(app.link.alive());
    assert_eq!(Arc::strong_count(&alive), 2);
    drop(app);
    // The worker thread owned the waker; once joined, it is gone.
    assert_eq!(Arc::strong_count(&alive), 1);
}

#[test]
fn a_twin_run_skips_sleep_and_matches_until_the_first_sleep() {
    let mut harness = harness();
    harness.run_steps(2);
    harness.get_by_label("Twin run").click();
    harness.run_steps(2);
    assert!(matches!(
        harness.state().link.sent.back(),
        Some(Command::SetTwin(true))
    ));
    let app = harness.state_mut();
    for _ in 0..50 {
        app.link
            .send(Command::Step)
            .expect("the thread takes the command");
    }
    assert!(app.link.wait_until(PATIENCE, |f| f.cycle == 50
        && f.twin.as_ref().is_some_and(|t| t.cycle == 50)));
    let frame = app.link.frame.clone().unwrap();
    assert_eq!(
        frame.twin.as_ref().unwrap().weights,
        frame.weights,
        "twins differ before any sleep"
    );

    app.link
        .send(Command::SetPhase(Phase::Sleep))
        .expect("the thread takes the command");
    for _ in 0..20 {
        app.link
            .send(Command::Step)
            .expect("the thread takes the command");
    }
    assert!(app.link.wait_until(PATIENCE, |f| f.cycle == 70));
    let twin_cycle = app
        .link
        .frame
        .as_ref()
        .and_then(|f| f.twin.as_ref())
        .map(|t| t.cycle);
    assert_eq!(twin_cycle, Some(50), "the twin must not sleep");
}

fn offline_harness() -> Harness<'static, SleepLabApp> {
    common::window(SleepLabApp::offline(default_preset()))
}

#[test]
fn pressing_two_then_z_quickly_ends_in_sleep() {
    let mut harness = offline_harness();
    harness.run_steps(2);
    // Both keys within one frame, 2 first.
    harness.key_press(egui::Key::Num2);
    harness.key_press(egui::Key::Z);
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.controls.control, Phase::Sleep);
    assert!(matches!(
        app.link.sent.back(),
        Some(Command::SetPhase(Phase::Sleep))
    ));
}

#[test]
fn twin_run_and_test_now_are_asked_for_from_the_controls() {
    let mut harness = offline_harness();
    harness.run_steps(2);
    harness.get_by_label("Test now").click();
    harness.run_steps(2);
    assert!(matches!(
        harness.state().link.sent.back(),
        Some(Command::TestNow { cycles: 2_000 })
    ));
    harness.get_by_label("Twin run").click();
    harness.run_steps(2);
    assert!(harness.state().controls.twin_on);
    assert!(matches!(
        harness.state().link.sent.back(),
        Some(Command::SetTwin(true))
    ));
}

#[test]
fn the_history_keeps_moving_when_the_window_does_not_draw() {
    // eframe calls only `logic` (here `tick`) while the window is hidden.
    let mut app = SleepLabApp::new(default_preset(), || {});
    let ctx = egui::Context::default();
    for _ in 0..30 {
        app.link
            .send(Command::Step)
            .expect("the thread takes the command");
    }
    let start = std::time::Instant::now();
    while app.link.cycle() < 30 && start.elapsed() < PATIENCE {
        app.tick(&ctx);
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(app.link.cycle(), 30, "tick took in the frames");
    assert!(!app.link.history.spans.is_empty(), "the history moved");
}
