//! Presets, sessions and export: broken presets refused everywhere with their own message,
//! atomic saving, round trips, and CSV that matches between the window and the CLI.

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use proptest::prelude::*;
use sleeplab::headless::{Job, run_jobs, write_csv};
use sleeplab::preset::{Preset, write_atomically};
use sleeplab::sim::Task;
use sleeplab::sim::schedule::Block;
use sleeplab::ui::actions::Action;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::ui::files::FileAction;
use sleeplab::ui::files::export::weights_csv;
use sleeplab::worker::{Command, Phase};

const GOOD: &str = include_str!("../presets/sleep.toml");
const PATIENCE: Duration = Duration::from_secs(30);

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 11);
    files
}

fn cli(args: &[&str]) -> (bool, String) {
    let out = Process::new(env!("CARGO_BIN_EXE_sleeplab"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_broken_preset_is_refused_by_the_cli_with_its_own_message() {
    let mut messages = Vec::new();
    for path in corpus() {
        let (ok, stderr) = cli(&["run", path.to_str().unwrap()]);
        assert!(!ok, "{} was accepted", path.display());
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(
            stderr.contains(&path.display().to_string()),
            "no file named in: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        messages.push(stderr.replace(&path.display().to_string(), ""));
    }
    let mut unique = messages.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        messages.len(),
        "two broken presets gave the same message: {messages:#?}"
    );
}

#[test]
fn a_missing_file_and_a_directory_are_refused_by_the_cli() {
    let (ok, stderr) = cli(&["run", "/nonexistent/preset.toml"]);
    assert!(
        !ok && stderr.contains("no such file") && stderr.contains("/nonexistent/preset.toml"),
        "{stderr}"
    );
    let (ok, stderr) = cli(&["run", env!("CARGO_MANIFEST_DIR")]);
    assert!(!ok && stderr.contains("directory"), "{stderr}");
}

#[test]
fn every_broken_preset_is_refused_by_the_window_and_changes_nothing() {
    let mut app = SleepLabApp::new(default_preset(), || {});
    let before = app.current_preset();
    for path in corpus() {
        assert!(!app.open_preset_file(&path), "{} was accepted", path.display());
        let message = app.status.message.clone().unwrap_or_default();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert_eq!(app.current_preset(), before);
    }
}

#[test]
fn the_golden_file_of_format_1_still_loads() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/format-1.toml");
    let preset = Preset::load(&golden).unwrap();
    assert!(preset.to_toml().starts_with("format = 1\n"));
    assert!(!preset.schedule().is_empty());
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("experiment.toml");
    std::fs::write(&path, GOOD).unwrap();
    // A write that fails midway (see tests/saves.rs for the failure inside the write).
    let failed = sleeplab::save::write_atomically_with(&path, |file| {
        std::io::Write::write_all(file, b"format = 1\nname = ")?;
        Err(std::io::Error::other("the disk is full"))
    });
    assert!(failed.is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), GOOD);
    // A preset that could not be read back cannot even be made.
    let preset = Preset::parse(GOOD).unwrap();
    assert!(preset.with_seed(u64::MAX).is_err());
    // A failed save names the file and leaves the old one.
    let error = preset
        .save(&dir.path().join("no/such/dir/experiment.toml"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("experiment.toml"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), GOOD);
    // A good one saves, whole.
    let preset = preset.with_seed(7).unwrap().with_name("changed").unwrap();
    preset.save(&path).unwrap();
    assert_eq!(Preset::load(&path).unwrap(), preset);
    assert!(write_atomically(&dir.path().join("no/such/dir/x.csv"), b"x").is_err());
}

fn step_n(app: &mut SleepLabApp, n: u64) -> ndarray::Array2<f32> {
    for _ in 0..n {
        app.link
            .send(Command::Step)
            .expect("the thread takes the command");
    }
    assert!(
        app.link.wait_until(PATIENCE, |f| f.cycle == n),
        "the worker did not reach cycle {n}"
    );
    app.link.frame.as_ref().unwrap().weights.clone()
}

#[test]
fn a_saved_preset_reproduces_the_run_bit_for_bit() {
    let mut original = SleepLabApp::new(default_preset(), || {});
    original.controls.params.plasticity.learning_rate = 3.0;
    original.controls.seed_text = "42".into();
    original.controls.control = Phase::WakeT2;
    original.reset(42);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.toml");
    original.apply(Action::File(FileAction::SavePreset, path.clone()));
    let weights = step_n(&mut original, 200);

    let mut reopened = SleepLabApp::new(default_preset(), || {});
    assert!(reopened.open_preset_file(&path), "{:?}", reopened.status.message);
    assert_eq!(reopened.controls.params.plasticity.learning_rate, 3.0);
    assert_eq!(reopened.controls.control, original.controls.control);
    let again = step_n(&mut reopened, 200);
    assert_eq!(
        weights.iter().map(|w| w.to_bits()).collect::<Vec<_>>(),
        again.iter().map(|w| w.to_bits()).collect::<Vec<_>>()
    );
}

fn short_sleep_preset() -> Preset {
    let schedule = vec![
        Block::Wake {
            task: Task::T1,
            cycles: 4_000,
        },
        Block::Test {
            cycles: 1_000,
            label: "after T1".into(),
        },
        Block::Repeat {
            times: 10,
            blocks: vec![
                Block::Wake {
                    task: Task::T2,
                    cycles: 100,
                },
                Block::Sleep { cycles: 300 },
            ],
        },
        Block::Test {
            cycles: 1_000,
            label: "final".into(),
        },
    ];
    // The window's history keeps no probes yet (its frames carry them), so its export has
    // no probe rows: compare the rows both write.
    Preset::parse(GOOD)
        .unwrap()
        .with_schedule(schedule)
        .unwrap()
        .with_probes(sleeplab::sim::probe::Probes::default())
        .unwrap()
}

#[test]
fn the_window_exports_the_same_scores_csv_as_the_cli() {
    let preset = short_sleep_preset();
    let dir = tempfile::tempdir().unwrap();
    // Headless.
    let job = Job::new("short", preset.clone());
    let report = run_jobs(&[job], 1, Some(7), 1, &|_| {}).unwrap();
    let files = write_csv(&report, dir.path()).unwrap();
    let headless = std::fs::read_to_string(&files[0]).unwrap();
    // The window, following the schedule to its end.
    let mut app = SleepLabApp::new(preset, || {});
    app.controls.control = Phase::Schedule;
    app.reset(7);
    app.link
        .send(Command::Run(true))
        .expect("the thread takes the command");
    assert!(
        app.link.wait_until(PATIENCE, |f| f.schedule_finished),
        "the schedule did not finish"
    );
    let exported = dir.path().join("window.csv");
    app.apply(Action::File(FileAction::ExportScores, exported.clone()));
    let window = std::fs::read_to_string(&exported).unwrap();
    assert_eq!(window, headless);
    let mut lines = window.lines();
    assert_eq!(lines.next(), Some("cycle,phase,task,t1_score,t2_score,label"));
    let tests = window.lines().filter(|l| l.contains(",test,")).count();
    assert_eq!(tests, 2);
    let points: usize = app
        .link
        .history
        .scores
        .iter()
        .map(sleeplab::ui::history::ScoreRuns::len)
        .sum();
    assert_eq!(window.lines().count(), 1 + points + tests);
}

#[test]
fn the_weights_csv_has_a_row_per_hidden_unit() {
    let mut app = SleepLabApp::new(default_preset(), || {});
    step_n(&mut app, 5);
    let csv = weights_csv(app.link.frame.as_ref());
    assert!(csv.starts_with("hidden_unit,kind,N,NE,E,SE,S,SW,W,NW\n"));
    assert_eq!(csv.lines().count(), 1 + 148);
}

#[test]
fn the_file_menu_is_reachable_by_label_and_falls_back_to_a_path_field() {
    let mut app = SleepLabApp::new(default_preset(), || {});
    app.files.chooser.native_dialogs = false; // dialogs are never opened in tests
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
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut SleepLabApp| {
                app.tick(ui.ctx());
                app.show(ui);
            },
            app,
        )
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
