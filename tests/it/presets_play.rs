//! Presets that play, at a class pace: opening a preset from the menu selects *Follow
//! schedule* at a pace a class can watch, and a pace in minutes sets the speed that plays
//! the schedule in that time (worked out from the speed sent, never by waiting).

use crate::common::{self, bundled};

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::preset::Preset;
use sleeplab::sim::Task;
use sleeplab::sim::schedule::animal_cycles;
use sleeplab::ui::actions::Action;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::pace::Pace;
use sleeplab::ui::{BUNDLED_PRESETS, default_preset, scores};
use sleeplab::worker::{Command, Phase};

/// How long the simulation thread may take to reach its second probe (a debug build on a
/// busy machine).
const PATIENCE: Duration = Duration::from_mins(2);

fn offline_harness(preset: Preset) -> Harness<'static, SleepLabApp> {
    common::window(SleepLabApp::offline(preset))
}

#[test]
fn every_bundled_preset_opens_and_the_silencing_lesson_finds_both_of_its_presets() {
    for (name, text) in BUNDLED_PRESETS {
        Preset::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for name in ["Sleep, task-1 units silenced", "Sleep, task-2 units silenced"] {
        assert_eq!(bundled(name).name(), name);
    }
}

/// The last speed command sent to the simulation.
fn last_speed(app: &SleepLabApp) -> Option<&Command> {
    app.link
        .sent
        .iter()
        .rev()
        .find(|c| matches!(c, Command::SetSpeed(_)))
}

#[test]
fn opening_a_preset_from_the_menu_selects_follow_schedule_at_a_class_pace() {
    let mut harness = offline_harness(default_preset());
    harness.run_steps(2);
    assert_ne!(harness.state().controls.control, Phase::Schedule);
    harness.get_by_label("Presets").click();
    harness.run_steps(2);
    harness.get_by_label("Sequential").click();
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.preset.name(), "Sequential");
    assert_eq!(app.controls.control, Phase::Schedule);
    assert!(matches!(app.link.sent.back(), Some(Command::SetSpeed(Some(_)))));
    assert!(
        app.link
            .sent
            .iter()
            .any(|c| matches!(c, Command::SetPhase(Phase::Schedule)))
    );
    // Its acts play at the class pace, each in its own time, pausing after each.
    assert_eq!(app.controls.pace, Pace::Class);
    assert!(
        app.link
            .sent
            .iter()
            .any(|c| matches!(c, Command::SetClassPace(true)))
    );
    assert!(harness.query_by_label("Preset: Sequential").is_some());
    assert!(harness.query_by_label_contains("Class pace:").is_some());
}

#[test]
fn a_preset_without_acts_opens_at_the_schedule_in_two_minutes() {
    let mut harness = offline_harness(default_preset());
    harness.run_steps(2);
    harness.state_mut().apply(Action::SetPace(Pace::Class));
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.controls.pace, Pace::Minutes(2), "no acts, no class pace");
    // The speed shown is the speed sent.
    let Some(Command::SetSpeed(Some(hz))) = last_speed(app).cloned() else {
        panic!("a paced preset sends a speed");
    };
    let shown = format!("Speed in force: {hz:.0} cycles/s");
    assert!(harness.query_by_label(&shown).is_some(), "{shown} is not shown");
}

#[test]
fn pace_two_minutes_plays_the_schedule_in_two_minutes() {
    let preset = bundled("Sleep");
    let cycles = animal_cycles(preset.schedule());
    let mut harness = offline_harness(preset);
    harness.run_steps(2);
    assert_eq!(harness.state().controls.pace, Pace::Full);
    harness.get_by_label("Pace").click();
    harness.run_steps(2);
    harness.get_by_label("Schedule in 2 minutes").click();
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.controls.pace, Pace::Minutes(2));
    let Some(Command::SetSpeed(Some(hz))) = last_speed(app).cloned() else {
        panic!("a pace in minutes sends a speed");
    };
    let seconds = cycles as f64 / hz;
    assert!(
        (seconds - 120.0).abs() <= 0.15 * 120.0,
        "{cycles} cycles at {hz:.1} cycles/s take {seconds:.0} s, not about 2 minutes"
    );
    harness.get_by_label("Pace").click();
    harness.run_steps(2);
    harness.get_by_label("Full speed").click();
    harness.run_steps(2);
    assert!(
        matches!(last_speed(harness.state()), Some(Command::SetSpeed(None))),
        "full speed sends no target"
    );
}

#[test]
fn probe_lines_appear_for_both_tasks() {
    let app = SleepLabApp::new(bundled("Sleep"), || {});
    let mut harness = common::window(app);
    harness.run_steps(2);
    harness.state_mut().apply_all([
        Action::SetPhase(Phase::Schedule),
        Action::SetPace(Pace::Full),
        Action::Run(true),
    ]);
    let start = Instant::now();
    while harness.state().link.history.probes.len() < 2 && start.elapsed() < PATIENCE {
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run_steps(2);
    let history = &harness.state().link.history;
    assert!(history.probes.len() >= 2, "no probes after {PATIENCE:?}");
    for task in [Task::T1, Task::T2] {
        assert!(
            scores::probe_points(history, task).len() >= 2,
            "{task:?} has no probe line"
        );
        let key = format!("{} probe", task.name());
        assert!(harness.query_by_label(&key).is_some(), "the key lacks {key}");
    }
}

#[test]
fn the_paper_presets_open_from_the_presets_menu() {
    for name in [
        "Paper: sleep",
        "Paper: sequential",
        "Paper, 196 units: sleep",
        "Paper: freeze 5%",
    ] {
        let mut harness = offline_harness(default_preset());
        harness.run_steps(2);
        harness.get_by_label("Presets").click();
        harness.run_steps(2);
        harness.get_by_label(name).click();
        harness.run_steps(2);
        let app = harness.state();
        assert_eq!(app.preset.name(), name);
        assert_eq!(app.controls.control, Phase::Schedule);
    }
}

#[test]
fn every_shipped_preset_says_in_one_short_sentence_what_a_class_will_see() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let preset = Preset::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let description = preset.description();
        let at = path.display();
        assert!(
            description.chars().count() <= 160,
            "{at}: {} characters",
            description.chars().count()
        );
        for developer_note in [
            ".toml",
            ".md",
            "sleeplab ",
            "--",
            "issue",
            "seeds 1",
            "SD ",
            "cargo",
        ] {
            assert!(
                !description.contains(developer_note),
                "{at}: the description holds \"{developer_note}\": {description}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} presets found");
}
