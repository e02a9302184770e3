//! The analysis commands (`weights`, `space`, `replay`, `dropout`, `responses`) on a tiny preset: they
//! read the run and never change it, and they report what they promise.

use serde_json::Value;
use sleeplab::analysis::observed::run_observed;
use sleeplab::analysis::replay::ReplayRecorder;
use sleeplab::headless::{Job, run_seed};

use crate::common::cli::{stdout_of, tiny};

#[test]
fn writing_the_weights_leaves_the_runs_json_byte_for_byte_the_same() {
    let preset = tiny();
    let preset = preset.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plain = stdout_of(&["run", preset, "--seeds", "2", "--json"]);
    let with_weights = stdout_of(&[
        "weights",
        preset,
        "--seeds",
        "2",
        "--json",
        "--every",
        "500",
        "--csv",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(plain, with_weights);
    let csv = std::fs::read_to_string(dir.path().join("tiny-seed1-weights.csv")).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("cycle,what,w_0_0,"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert!(rows.iter().any(|r| r.contains(",after T1,")));
    assert!(rows.iter().any(|r| r.contains(",final,")));
    // 4,200 waking and sleep cycles, every 500: 8 samples, and one per test block.
    assert_eq!(rows.len(), 10, "{rows:?}");
    assert_eq!(rows[0].split(',').count(), header.split(',').count());
}

#[test]
fn recording_spikes_for_the_replay_score_changes_no_score() {
    let job = Job::load(&tiny()).unwrap();
    let plain = run_seed(&job, 3, |_| {});
    let mut recorder = ReplayRecorder::default();
    let (observed, animal) = run_observed(&job, 0, 3, true, |e, s| recorder.observe(e, s));
    let scores = |tests: &[sleeplab::headless::SeedTest]| {
        tests
            .iter()
            .map(|t| (t.t1.to_bits(), t.t2.to_bits(), t.at_cycle))
            .collect::<Vec<_>>()
    };
    assert_eq!(scores(&plain.tests), scores(&observed.tests));
    assert_eq!(recorder.sleep_cycles, 900);
    let t1 = recorder.score(&animal.wake_rates, sleeplab::sim::Task::T1, 10);
    assert!(t1.expected > 0.0 && t1.score >= 0.0, "{t1:?}");
    // A hidden unit fires in sleep only from its noise: its count follows the prediction.
    assert!((0.7..1.3).contains(&t1.spikes_over_noise), "{t1:?}");
}

#[test]
fn space_gives_every_seed_its_distances_to_both_sets() {
    let preset = tiny();
    let text = stdout_of(&[
        "space",
        preset.to_str().unwrap(),
        "--seeds",
        "2",
        "--animals",
        "2",
        "--samples",
        "3",
        "--json",
    ]);
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["sets"][0]["points"], serde_json::json!([6, 6]));
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    for run in runs {
        for key in ["after_t1", "end", "after_t1_pcs", "end_pcs"] {
            for to in ["to_t1", "to_t2"] {
                let d = run[key][to].as_f64().unwrap();
                assert!(d.is_finite() && d >= 0.0, "{key}.{to} = {d}");
            }
        }
    }
}

#[test]
fn dropout_of_no_unit_scores_as_the_network_and_every_share_is_reported() {
    let preset = tiny();
    let text = stdout_of(&[
        "dropout",
        preset.to_str().unwrap(),
        "--dropout",
        "0,0.5,1",
        "--cycles",
        "300",
        "--json",
    ]);
    let json: Value = serde_json::from_str(&text).unwrap();
    let scores = json[0]["scores"].as_array().unwrap();
    assert_eq!(scores.len(), 3);
    // With every unit removed nothing drives the outputs: only random moves eat.
    for s in scores {
        let t1 = s[1].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&t1));
    }
}

#[test]
fn responses_are_reported_at_every_test_block_and_task_one_training_favours_its_food() {
    let preset = tiny();
    let text = stdout_of(&["responses", preset.to_str().unwrap(), "--seeds", "2", "--json"]);
    let json: Value = serde_json::from_str(&text).unwrap();
    let rows = json.as_array().unwrap();
    let labels: Vec<&str> = rows.iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["after T1", "final", "after T1", "final"]);
    for row in rows.iter().filter(|r| r["label"] == "after T1") {
        // Kinds in the order H, V, D+, D−: task 1 rewards H, so after it every output is
        // driven more by H than by V, which it never saw rewarded.
        for drive in row["responses"]["drive"].as_array().unwrap() {
            let h = drive[0].as_f64().unwrap();
            let v = drive[1].as_f64().unwrap();
            assert!(h > v, "{drive}");
        }
    }
}

#[test]
fn the_windows_replay_score_is_the_replay_commands() {
    use sleeplab::preset::Preset;
    use sleeplab::sim::Task;
    use sleeplab::sim::phase::Phase;
    use sleeplab::worker::{Command, WorkerHandle};
    use std::time::{Duration, Instant};

    let job = Job::load(&tiny()).unwrap();
    let mut recorder = ReplayRecorder::default();
    let (_, animal) = run_observed(&job, 0, 3, true, |e, s| recorder.observe(e, s));
    let headless = Task::ALL.map(|t| recorder.score(&animal.wake_rates, t, 10));
    let worker = WorkerHandle::spawn(Preset::load(&tiny()).unwrap(), 3, || {}).unwrap();
    for command in [
        Command::SetPhase(Phase::Schedule),
        Command::SetSpeed(None),
        Command::Run(true),
    ] {
        worker.send(command).unwrap();
    }
    let start = Instant::now();
    let frame = loop {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the schedule never ended"
        );
        if let Some(frame) = worker.recv_timeout(Duration::from_millis(100))
            && worker.is_current(&frame)
            && frame.schedule_finished
        {
            break frame;
        }
    };
    assert_eq!(frame.replay_scores, Some(headless));
}
