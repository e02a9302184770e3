//! The digits experiment (SCIENCE.md §7): runs reproduce by seed, a network trained on
//! digits 0–4 and then 5–9 forgets the first task, the shipped presets run headless in the
//! usual report shape, and a broken digits file is refused with a message.

use crate::common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::digits::{DataError, Digits, DigitsBlock, DigitsRun, DigitsSetup, DigitsTask, run_schedule};
use sleeplab::headless::{Job, run_jobs};
use sleeplab::preset::Preset;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::ui::digits::TITLE;

/// How long the digits lab's thread may take over one request (a debug build on a busy
/// machine; a request takes well under a second).
const PATIENCE: Duration = Duration::from_mins(1);

fn shipped(name: &str) -> Job {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("presets")
        .join(name);
    Job::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn train(task: DigitsTask, epochs: u32) -> DigitsBlock {
    DigitsBlock::Train {
        task,
        epochs,
        rehearsal_fraction: 0.0,
    }
}

fn test(label: &str) -> DigitsBlock {
    DigitsBlock::Test { label: label.into() }
}

#[test]
fn a_digits_run_is_the_same_bit_for_bit_for_the_same_seed() {
    let setup = DigitsSetup {
        schedule: vec![
            train(DigitsTask::A, 1),
            train(DigitsTask::B, 1),
            DigitsBlock::Sleep { steps: 500 },
            test("end"),
        ],
        ..DigitsSetup::default()
    };
    let weights = |seed| {
        let mut run = DigitsRun::new(&setup, seed).unwrap();
        for block in &setup.schedule {
            run.run_block(block);
        }
        let bits: Vec<u64> = run
            .net
            .w_hidden
            .iter()
            .chain(&run.net.w_output)
            .map(|w| w.to_bits())
            .collect();
        (bits, run.tests)
    };
    let first = weights(6);
    assert_eq!(first, weights(6));
    assert_ne!(first.0, weights(7).0);
}

#[test]
fn sequential_training_on_digits_forgets_task_a() {
    let setup = DigitsSetup {
        schedule: vec![
            train(DigitsTask::A, 3),
            test("after A"),
            train(DigitsTask::B, 3),
            test("after B"),
        ],
        ..DigitsSetup::default()
    };
    let tests = run_schedule(&setup, 1).unwrap();
    let (after_a, after_b) = (&tests[0], &tests[1]);
    assert!(after_a.accuracy(DigitsTask::A) > 0.85, "{after_a:?}");
    assert!(after_b.accuracy(DigitsTask::B) > 0.85, "{after_b:?}");
    assert!(after_b.accuracy(DigitsTask::A) < 0.1, "{after_b:?}");
}

#[test]
fn the_digits_presets_run_headless_in_the_usual_shape() {
    let jobs = [shipped("digits-sequential.toml"), shipped("digits-sleep.toml")];
    let report = run_jobs(&jobs, 1, Some(6), 1, &|_| {}).unwrap();
    let labels: Vec<(&str, &str)> = report
        .summary
        .iter()
        .map(|r| (r.preset.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("digits-sequential", "after A"),
            ("digits-sequential", "after B"),
            ("digits-sleep", "after A"),
            ("digits-sleep", "after B"),
            ("digits-sleep", "after sleep"),
        ]
    );
    // Sleep changes only what comes after it: both presets train alike.
    assert_eq!(report.summary[1].t1_mean, report.summary[3].t1_mean);
    let after_b = &report.runs[0].tests[1];
    let [right, wrong] = after_b.t2_eaten;
    assert_eq!(right as f64 / (right + wrong) as f64, after_b.t2);
    // The twin without sleep drops the sleep block and its test keeps its label.
    let twin = jobs[1].without_sleep();
    assert!(
        twin.preset
            .digits()
            .unwrap()
            .schedule
            .iter()
            .all(|b| !matches!(b, DigitsBlock::Sleep { .. }))
    );
}

#[test]
fn a_broken_digits_file_is_refused_with_a_message() {
    let bytes = include_bytes!("../../assets/digits/digits.csv.gz");
    assert!(Digits::from_gzip(bytes).is_ok());
    let cut = Digits::from_gzip(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(cut, DataError::NotGzip(_)), "{cut}");
    assert!(
        cut.to_string()
            .starts_with("the digits file is not a readable gzip file"),
        "{cut}"
    );
    let error = Digits::from_csv("0,1,2\n").unwrap_err();
    assert_eq!(error.to_string(), "line 1 of the digits file: 3 values, not 65");
}

#[test]
fn a_digits_preset_with_a_bad_value_is_refused_naming_the_key() {
    let text = include_str!("../../presets/digits-sleep.toml").replace("decay = 0.999", "decay = 1.5");
    let problem = Preset::parse(&text).unwrap_err().to_string();
    assert!(
        problem.contains("`digits.sleep.decay` = 1.5 is out of range"),
        "{problem}"
    );
    let text = include_str!("../../presets/digits-sleep.toml").replace("steps = 5000", "steps = 5000000");
    let problem = Preset::parse(&text).unwrap_err().to_string();
    assert!(problem.contains("digits block 5: `steps` = 5000000"), "{problem}");
}

/// Steps the window until the digits lab has taken the last request and finished it.
fn until_idle(harness: &mut Harness<'static, SleepLabApp>) {
    let start = Instant::now();
    loop {
        harness.step();
        let lab = harness.state().digits.as_ref().expect("the digits lab is open");
        assert!(lab.state.problem.is_none(), "{:?}", lab.state.problem);
        if !lab.busy() {
            break;
        }
        assert!(start.elapsed() < PATIENCE, "the digits lab took too long");
        std::thread::yield_now();
    }
    harness.run_steps(2);
}

#[test]
fn the_digits_lab_opens_from_the_menu_and_sleep_changes_the_bars() {
    let mut harness = common::window(SleepLabApp::offline(default_preset()));
    harness.run_steps(2);
    harness.get_by_label("Presets").click();
    harness.run_steps(2);
    harness.get_by_label(TITLE).click();
    // A new window sizes itself, unseen, before its first visible frame.
    harness.run_steps(4);
    assert!(harness.state().digits.is_some());
    for button in ["Train task A", "Train task B"] {
        harness.get_by_label(button).click();
        until_idle(&mut harness);
    }
    let stages = |h: &Harness<'static, SleepLabApp>| h.state().digits.as_ref().unwrap().state.stages;
    let before = stages(&harness);
    let after_b = before[1].expect("bars after task B");
    assert!(after_b[..5].iter().all(|&a| a < 0.1), "{after_b:?}");
    assert!(before[2].is_none());
    // The controls' phase switch also says "Sleep": the lab's button is in its window,
    // drawn after the panels.
    harness.get_all_by_label("Sleep").last().unwrap().click();
    until_idle(&mut harness);
    let after_sleep = stages(&harness)[2].expect("bars after sleep");
    let task_a = |bars: &[f64; 10]| bars[..5].iter().sum::<f64>() / 5.0;
    assert!(
        task_a(&after_sleep) > task_a(&after_b) + 0.2,
        "{after_sleep:?} against {after_b:?}"
    );
    // The window's lab is the headless run of its preset, bit for bit: sleep in steps of
    // 250 between bar updates is the same sleep as 5,000 steps at once.
    let preset = Preset::parse(sleeplab::ui::digits::DIGITS_PRESET).unwrap();
    let headless = run_schedule(preset.digits().unwrap(), preset.seed()).unwrap();
    let headless_bars = headless
        .last()
        .unwrap()
        .per_class
        .map(sleeplab::digits::ClassScore::accuracy);
    assert_eq!(after_sleep, headless_bars);
    // Closing the window stops the lab.
    harness.state_mut().digits = None;
}

#[test]
fn a_digits_preset_saves_and_opens_again_unchanged() {
    for text in [
        include_str!("../../presets/digits-sleep.toml"),
        include_str!("../../presets/digits-rehearsal.toml"),
    ] {
        let preset = Preset::parse(text).unwrap();
        let again = Preset::parse(&preset.to_toml()).unwrap_or_else(|e| panic!("{e}\n{}", preset.to_toml()));
        assert_eq!(again, preset);
        assert!(again.digits().is_some());
    }
    // A forager preset gains no digits table.
    assert!(!default_preset().to_toml().contains("digits"));
}

#[test]
fn digits_sleep_without_plasticity_changes_nothing_so_only_plasticity_can_help() {
    let text = include_str!("../../presets/digits-sleep.toml")
        .replace("inc = 0.033", "inc = 0.0")
        .replace("dec = 0.0023", "dec = 0.0");
    let preset = Preset::parse(&text).unwrap();
    let tests = run_schedule(preset.digits().unwrap(), 6).unwrap();
    let (after_b, after_sleep) = (&tests[1], &tests[2]);
    assert_eq!(after_b.per_class, after_sleep.per_class);
}

#[test]
fn opening_a_digits_preset_in_the_window_opens_the_lab_and_keeps_the_forager() {
    let mut app = SleepLabApp::offline(default_preset());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/digits-rehearsal.toml");
    assert!(app.open_preset_file(&path), "{:?}", app.status.message);
    let lab = app.digits.as_ref().expect("the digits lab opened");
    assert_eq!(lab.settings.steps, 5_000);
    assert_eq!(app.preset, default_preset());
}
