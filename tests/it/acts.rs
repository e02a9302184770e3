//! Acts at the class pace: a preset that groups its schedule into acts stops at the end of
//! each, with a caption that holds what was just measured and the act's question, until
//! *Continue*; the stops and the pacing never change a result.

use crate::common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::preset::Preset;
use sleeplab::sim::Score;
use sleeplab::sim::Simulation;
use sleeplab::sim::schedule::Experiment;
use sleeplab::sim::world::Task;
use sleeplab::ui::actions::Action;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::pace::Pace;
use sleeplab::worker::Phase;

/// How long the simulation thread may take to reach a point of the schedule (a debug build
/// on a busy machine).
const PATIENCE: Duration = Duration::from_mins(2);

/// The tiny test preset in three acts of one second each.
fn preset_in_acts() -> Preset {
    let tiny = include_str!("../presets/tiny.toml");
    let acts = r#"
[[acts]]
caption = "Task 1 learned"
question = "Will the animal still know task 1 at the end?"
blocks = 2
seconds = 1

[[acts]]
caption = "Task 2 with sleep between bouts"
blocks = 1
seconds = 1

[[acts]]
caption = "The final test"
blocks = 1
seconds = 1
"#;
    Preset::parse(&format!("{tiny}{acts}")).unwrap()
}

/// The test scores the headless engine gives the preset's schedule.
fn headless_scores(preset: &Preset) -> Vec<[Score; 2]> {
    let sim = Simulation::new(preset.params(), preset.seed());
    let mut experiment = Experiment::new(sim, preset.schedule().to_vec()).with_probes(preset.probes());
    experiment.run_to_end(|_| {});
    experiment.results.iter().map(|t| t.scores).collect()
}

/// Steps the window until `done` says so (or the patience runs out).
fn wait_until(harness: &mut Harness<'static, SleepLabApp>, what: &str, done: impl Fn(&SleepLabApp) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed() < PATIENCE, "waited {PATIENCE:?} for {what}");
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(2);
}

fn window_scores(app: &SleepLabApp) -> Vec<[Score; 2]> {
    app.link.history.tests.iter().map(|t| t.scores).collect()
}

fn ended(app: &SleepLabApp) -> bool {
    app.link
        .current_frame()
        .is_some_and(sleeplab::worker::Frame::followed_schedule_ended)
}

#[test]
fn the_class_pace_stops_after_each_act_with_its_measurement_and_continue_resumes() {
    let preset = preset_in_acts();
    let mut harness = common::window(SleepLabApp::new(preset.clone(), || {}));
    harness.run_steps(2);
    harness.state_mut().apply_all([
        Action::SetPhase(Phase::Schedule),
        Action::SetPace(Pace::Class),
        Action::Run(true),
    ]);
    wait_until(&mut harness, "the end of the first act", |app| {
        app.link
            .current_frame()
            .is_some_and(|f| f.act_stop == Some(0) && !f.running)
    });
    let app = harness.state();
    assert_eq!(app.controls.pace, Pace::Class);
    assert_eq!(app.link.history.tests.len(), 1, "the act ends after its test");
    let t1 = app.link.history.tests[0].score(Task::T1);
    let t2 = app.link.history.tests[0].score(Task::T2);
    let caption = "Act 1 of 3: Task 1 learned";
    assert!(harness.query_by_label(caption).is_some(), "no caption");
    let measured = format!("— measured: task 1 {t1:.2}, task 2 {t2:.2}.");
    assert!(harness.query_by_label(&measured).is_some(), "no {measured}");
    assert!(
        harness
            .query_by_label("Will the animal still know task 1 at the end?")
            .is_some()
    );
    // It stays stopped until Continue.
    let cycle = harness.state().link.cycle();
    harness.run_steps(5);
    std::thread::sleep(Duration::from_millis(200));
    harness.run_steps(2);
    assert_eq!(harness.state().link.cycle(), cycle, "a stopped act runs on");
    harness.get_by_label("Continue").click();
    wait_until(&mut harness, "the end of the second act", |app| {
        app.link.current_frame().is_some_and(|f| f.act_stop == Some(1))
    });
    assert!(
        harness
            .query_by_label("Act 2 of 3: Task 2 with sleep between bouts")
            .is_some()
    );
    harness.get_by_label("Continue").click();
    wait_until(&mut harness, "the schedule's end", ended);
    let paused = window_scores(harness.state());
    assert_eq!(paused.len(), 2);
    assert_eq!(paused, headless_scores(&preset), "the stops changed a result");
}

#[test]
fn a_run_at_full_speed_without_stops_gives_the_same_scores() {
    let preset = preset_in_acts();
    let mut harness = common::window(SleepLabApp::new(preset.clone(), || {}));
    harness.run_steps(2);
    harness.state_mut().apply_all([
        Action::SetPhase(Phase::Schedule),
        Action::SetPace(Pace::Full),
        Action::Run(true),
    ]);
    wait_until(&mut harness, "the schedule's end", ended);
    assert_eq!(window_scores(harness.state()), headless_scores(&preset));
}

/// A small learned hidden layer that develops in a first act of its own, then learns task 1.
fn learned_preset_in_acts() -> Preset {
    Preset::parse(
        r#"format = 1
name = "Learned in acts"
seed = 1

[world]
size_cells = 20

[network]
hidden = "learned"

[development]
units = 16
cycles = 300

[[schedule]]
phase = "develop"
cycles = 300

[[schedule]]
phase = "wake"
task = "T1"
cycles = 200

[[schedule]]
phase = "test"
cycles = 50
label = "after T1"

[[acts]]
caption = "The hidden units learned to see bars"
blocks = 1
seconds = 1

[[acts]]
caption = "Task 1 learned"
blocks = 2
seconds = 1
"#,
    )
    .unwrap()
}

#[test]
fn the_development_is_an_act_of_its_own_and_the_class_pace_stops_at_its_end() {
    let preset = learned_preset_in_acts();
    let mut harness = common::window(SleepLabApp::new(preset, || {}));
    harness.run_steps(2);
    harness.state_mut().apply_all([
        Action::SetPhase(Phase::Schedule),
        Action::SetPace(Pace::Class),
        Action::Run(true),
    ]);
    wait_until(&mut harness, "the end of the development", |app| {
        app.link
            .current_frame()
            .is_some_and(|f| f.act_stop == Some(0) && !f.running)
    });
    // Before, development cycles were not counted toward the acts' ends: the first stop
    // came a development's length late, in the middle of task 1.
    assert_eq!(harness.state().link.cycle(), 300);
    assert!(
        harness
            .query_by_label_contains("Act 1 of 2: The hidden units learned to see bars")
            .is_some()
    );
    harness.get_by_label("Continue").click();
    let start = Instant::now();
    wait_until(&mut harness, "the schedule's end", ended);
    assert_eq!(harness.state().link.cycle(), 500);
    // The last act is paced at its own speed to the end (it once waited a minute there).
    assert!(start.elapsed() < Duration::from_secs(40), "{:?}", start.elapsed());
}
