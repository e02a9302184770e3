//! The file actions in the window: the File menu, the path field, the session kept at
//! closing, a bad preset file at start.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use proptest::prelude::*;
use sleeplab::preset::Preset;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::worker::{Command, Phase};

use super::{GOOD, common, corpus};

#[test]
fn the_file_menu_is_reachable_by_label_and_falls_back_to_a_path_field() {
    let mut app = SleepLabApp::new(default_preset(), || {});
    app.files.chooser.native_dialogs = false; // dialogs are never opened in tests
    let mut harness = common::window(app);
    harness.run_steps(2);
    harness.get_by_label("File").click();
    harness.run_steps(2);
    for item in [
        "Open preset…",
        "Export scores (CSV)…",
        "Export weights (CSV)…",
        "Save screenshot…",
    ] {
        assert!(harness.query_by_label(item).is_some(), "{item} missing");
    }
    harness.get_by_label("Save preset…").click();
    harness.run_steps(2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-the-window.toml");
    harness.state_mut().files.chooser.path_field.as_mut().unwrap().1 = path.display().to_string();
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(
        Preset::load(&path).is_ok(),
        "{:?}",
        harness.state().status.message
    );
    harness.get_by_label("Presets").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Sequential").is_some());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_text_is_loaded_or_refused_never_a_panic(text in ".{0,400}") {
        let _ = Preset::parse(&text);
    }

    #[test]
    fn mutated_presets_are_loaded_or_refused_never_a_panic(
        cut in 0..GOOD.len(),
        insert in "[-a-z0-9_.=\"\\[\\]{}, \n]{0,12}",
        number in prop::num::f64::ANY,
    ) {
        let mut text = GOOD.to_owned();
        let cut = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(cut, &insert);
        let _ = Preset::parse(&text);
        let swapped = GOOD.replace("0.125", &format!("{number}"));
        if let Ok(preset) = Preset::parse(&swapped) {
            prop_assert!(preset.params().sleep.learning_rate.is_finite());
        }
    }
}

#[test]
fn the_session_kept_at_closing_restores_the_experiment() {
    let mut app = SleepLabApp::new(default_preset(), || {});
    app.controls.params.sleep.noise_scale = 3.0;
    app.controls.control = Phase::Schedule;
    app.files.recent.push(PathBuf::from("/tmp/lesson.toml"));
    let session = app.session();
    // What eframe stores is the serialised session; read it back as a new window would.
    let stored = serde_json::to_string(&session).unwrap();
    let restored: sleeplab::ui::app::Session = serde_json::from_str(&stored).unwrap();
    let preset = Preset::parse(&restored.preset_toml).unwrap();
    let reopened = SleepLabApp::new(preset, || {});
    assert_eq!(reopened.controls.params, app.controls.params);
    assert_eq!(reopened.controls.control, Phase::Schedule);
    assert_eq!(restored.recent, app.files.recent);
}

fn offline_harness(app: SleepLabApp) -> Harness<'static, SleepLabApp> {
    common::window(app)
}

/// Chooses `item` in the File menu and confirms `path` in the path field.
fn file_menu(harness: &mut Harness<'static, SleepLabApp>, item: &str, path: &Path) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label(item).click();
    harness.run_steps(2);
    harness.state_mut().files.chooser.path_field.as_mut().unwrap().1 = path.display().to_string();
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(2);
}

#[test]
fn the_file_actions_work_in_the_window_without_a_simulation_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = offline_harness(SleepLabApp::offline(default_preset()));
    harness.run_steps(2);

    // Save, then open what was saved: the same experiment, started afresh.
    let saved = dir.path().join("saved.toml");
    file_menu(&mut harness, "Save preset…", &saved);
    assert_eq!(Preset::load(&saved).unwrap(), harness.state().current_preset());
    assert_eq!(harness.state().files.recent, std::slice::from_ref(&saved));
    let other = dir.path().join("sleep.toml");
    std::fs::write(&other, GOOD).unwrap();
    file_menu(&mut harness, "Open preset…", &other);
    let app = harness.state();
    assert_eq!(app.status.message, None);
    assert_eq!(app.status.notice, Some(format!("Opened {}", other.display())));
    assert_eq!(app.preset.name(), Preset::parse(GOOD).unwrap().name());
    assert!(
        matches!(app.link.sent.iter().rev().find(|c| matches!(c, Command::Reset { .. })), Some(Command::Reset { seed, .. }) if *seed == app.preset.seed())
    );
    assert_eq!(app.files.recent, [other, saved]);

    // A broken file is explained and changes nothing.
    let before = (harness.state().current_preset(), harness.state().link.sent.len());
    let broken = corpus().remove(0);
    file_menu(&mut harness, "Open preset…", &broken);
    let app = harness.state();
    assert!(
        app.status
            .message
            .as_deref()
            .unwrap_or_default()
            .contains(&broken.display().to_string())
    );
    assert_eq!((app.current_preset(), app.link.sent.len()), before);

    // Exports before any frame: the headers, and the news in the status line.
    let scores = dir.path().join("scores.csv");
    file_menu(&mut harness, "Export scores (CSV)…", &scores);
    assert_eq!(
        std::fs::read_to_string(&scores).unwrap(),
        "cycle,phase,task,t1_score,t2_score,label\n"
    );
    assert!(
        harness
            .query_by_label(&format!("Saved {}", scores.display()))
            .is_some()
    );
    let weights = dir.path().join("weights.csv");
    file_menu(&mut harness, "Export weights (CSV)…", &weights);
    assert_eq!(
        std::fs::read_to_string(&weights).unwrap(),
        "hidden_unit,kind,N,NE,E,SE,S,SW,W,NW\n"
    );
    // A folder that does not exist: the reason is shown.
    file_menu(
        &mut harness,
        "Export weights (CSV)…",
        &dir.path().join("no/such/dir/w.csv"),
    );
    assert!(
        harness
            .state()
            .status
            .message
            .as_deref()
            .is_some_and(|m| m.contains("cannot export the weights"))
    );
}

#[test]
fn a_bad_preset_file_for_the_window_opens_the_default_preset_with_the_reason_shown() {
    let broken = corpus().remove(0);
    let (preset, problem) = sleeplab::ui::starting_preset(&broken);
    assert_eq!(preset, default_preset());
    let problem = problem.expect("the reason");
    assert!(problem.contains(&broken.display().to_string()), "{problem}");
    assert!(problem.contains("default preset"), "{problem}");
    let mut app = SleepLabApp::offline(preset);
    app.status.problem(problem.clone());
    let mut harness = offline_harness(app);
    harness.run_steps(2);
    assert!(
        harness.query_by_label(&problem).is_some(),
        "the reason is not in the window"
    );
    // A good file opens as itself.
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/sleep.toml");
    assert_eq!(
        sleeplab::ui::starting_preset(&good),
        (Preset::load(&good).unwrap(), None)
    );
}

#[test]
fn the_window_prints_why_it_opened_on_the_default_preset() {
    // The window cannot open here (no display, or it closes after one frame); what is
    // printed before it tries is what counts.
    let broken = corpus().remove(0);
    let out = Process::new(env!("CARGO_BIN_EXE_sleeplab"))
        .args(["window", broken.to_str().unwrap()])
        .env("SLEEPLAB_CLOSE_AFTER_FRAMES", "1")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&broken.display().to_string()) && stderr.contains("default preset"),
        "{stderr}"
    );
}
