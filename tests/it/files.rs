//! Presets, sessions and export: broken presets refused everywhere with their own message,
//! atomic saving, round trips, and CSV that matches between the window and the CLI.

use crate::common;
mod window;

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

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

const GOOD: &str = include_str!("../../presets/sleep.toml");
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
    // A write that fails midway (see tests/it/saves.rs for the failure inside the write).
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
