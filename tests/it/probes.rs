//! Probes: both tasks measured along the schedule, without changing the run.

use sleeplab::headless::{Job, RunReport, run_seed, write_csv};
use sleeplab::preset::Preset;
use sleeplab::sim::probe::Probes;
use sleeplab::sim::schedule::{Block, Experiment};
use sleeplab::sim::{Simulation, Task};

/// The shipped sleep preset on a short schedule: task 1, a test, task 2 bouts with sleep,
/// a test.
fn short_sleep_job(probes: Probes) -> Job {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/sleep.toml");
    let mut job = Job::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let schedule = vec![
        Block::Wake {
            task: Task::T1,
            cycles: 3_000,
        },
        Block::Test {
            cycles: 500,
            label: "after T1".into(),
        },
        Block::Repeat {
            times: 5,
            blocks: vec![
                Block::Wake {
                    task: Task::T2,
                    cycles: 100,
                },
                Block::Sleep { cycles: 300 },
            ],
        },
        Block::Test {
            cycles: 500,
            label: "final".into(),
        },
    ];
    job.preset = job
        .preset
        .with_schedule(schedule)
        .and_then(|p| p.with_probes(probes))
        .unwrap();
    job
}

#[test]
fn probes_leave_every_test_score_and_weight_bit_identical() {
    let on = Probes {
        every_cycles: 250,
        cycles: 200,
    };
    let run = |probes: Probes| {
        let job = short_sleep_job(probes);
        let sim = Simulation::new(job.preset.params(), 3);
        let mut experiment = Experiment::new(sim, job.preset.schedule().to_vec()).with_probes(probes);
        experiment.run_to_end(|_| {});
        let weights: Vec<u32> = experiment
            .sim
            .synapses
            .weights()
            .iter()
            .map(|w| w.to_bits())
            .collect();
        (
            experiment.results.clone(),
            weights,
            experiment.probe_results.len(),
        )
    };
    let (tests_off, weights_off, probes_off) = run(Probes::default());
    let (tests_on, weights_on, probes_on) = run(on);
    assert_eq!(probes_off, 0);
    // 3,000 waking + 5 × 400 cycles of the schedule, one probe per 250.
    assert_eq!(probes_on, 20);
    assert_eq!(tests_on, tests_off);
    assert_eq!(weights_on, weights_off);
}

#[test]
fn a_run_that_writes_no_csv_leaves_the_probes_out_and_scores_the_same() {
    let job = short_sleep_job(Probes {
        every_cycles: 250,
        cycles: 200,
    });
    let with = run_seed(&job, 2, |_| {});
    let without = run_seed(&job.clone().without_probes(), 2, |_| {});
    assert_eq!(with.probes.len(), 20);
    assert!(without.probes.is_empty());
    let scores = |run: &sleeplab::headless::SeedRun| {
        run.tests
            .iter()
            .map(|t| (t.label.clone(), t.at_cycle, t.t1.to_bits(), t.t2.to_bits()))
            .collect::<Vec<_>>()
    };
    assert_eq!(scores(&with), scores(&without));
}

#[test]
fn a_schedule_with_freeze_blocks_is_probed_without_changing_its_tests_or_weights() {
    let on = Probes {
        every_cycles: 500,
        cycles: 200,
    };
    let run = |probes: Probes| {
        let job = short_sleep_job(probes);
        let mut schedule = job.preset.schedule().to_vec();
        // Freeze the strongest 5 % after the first test, release them before the last one.
        schedule.insert(2, Block::Freeze { top_percent: 5.0 });
        schedule.insert(4, Block::Unfreeze);
        let sim = Simulation::new(job.preset.params(), 2);
        let mut experiment = Experiment::new(sim, schedule).with_probes(probes);
        experiment.run_to_end(|_| {});
        let weights: Vec<u32> = experiment
            .sim
            .synapses
            .weights()
            .iter()
            .map(|w| w.to_bits())
            .collect();
        (
            experiment.results.clone(),
            weights,
            experiment.probe_results.len(),
        )
    };
    let (tests_off, weights_off, probes_off) = run(Probes::default());
    let (tests_on, weights_on, probes_on) = run(on);
    assert_eq!(probes_off, 0);
    // Freeze and unfreeze take no cycles: 5,000 schedule cycles, one probe per 500.
    assert_eq!(probes_on, 10);
    assert_eq!(tests_on, tests_off);
    assert_eq!(weights_on, weights_off);
}

#[test]
fn probes_follow_every_n_waking_or_sleep_cycles_and_score_both_tasks() {
    let probes = Probes {
        every_cycles: 400,
        cycles: 300,
    };
    let job = short_sleep_job(probes);
    let sim = Simulation::new(job.preset.params(), 1);
    let mut experiment = Experiment::new(sim, job.preset.schedule().to_vec()).with_probes(probes);
    let mut reported = Vec::new();
    experiment.run_to_end_with(
        |_| {},
        |step, cycle| {
            if let Some(probe) = step.finished_probe {
                assert!(!step.testing, "a probe follows a waking or sleep cycle");
                reported.push((probe, cycle));
            }
        },
    );
    assert_eq!(reported.len(), 5_000 / 400);
    for (k, (probe, cycle)) in reported.iter().enumerate() {
        assert_eq!(probe.number, k as u64 + 1);
        assert_eq!(probe.at_cycle, *cycle);
        // Test blocks run on copies: the animal's count is the schedule's waking and sleep
        // cycles.
        assert_eq!(probe.at_cycle, 400 * (k as u64 + 1));
        for task in Task::ALL {
            let eaten = probe.scores[task.index()].rewarded + probe.scores[task.index()].punished;
            assert!(eaten > 0, "probe {} ate nothing in {task:?}", probe.number);
        }
    }
    assert_eq!(
        experiment.probe_results,
        reported.iter().map(|(p, _)| *p).collect::<Vec<_>>()
    );
}

#[test]
fn each_probe_draws_its_own_stream() {
    let job = short_sleep_job(Probes::default());
    let mut sim = Simulation::new(job.preset.params(), 2);
    for _ in 0..1_000 {
        sim.run_cycle(sleeplab::sim::Mode::Wake {
            task: Task::T1,
            plastic: true,
        });
    }
    let copies: Vec<_> = [1, 2]
        .iter()
        .flat_map(|&n| Task::ALL.map(|t| sim.probe_copy(t, n)))
        .chain(Task::ALL.map(|t| sim.test_copy(t, 1)))
        .map(|copy| {
            let world = Task::ALL.iter().find_map(|&t| copy.world_if_made(t)).cloned();
            format!("{:?}", world.map(|w| w.bars().to_vec()))
        })
        .collect();
    for (i, a) in copies.iter().enumerate() {
        for b in &copies[i + 1..] {
            assert_ne!(a, b, "two probe or test copies were given the same world");
        }
    }
}

#[test]
fn the_csv_has_a_probe_row_with_both_scores_per_probe() {
    let probes = Probes {
        every_cycles: 1_000,
        cycles: 200,
    };
    let job = short_sleep_job(probes);
    let run = run_seed(&job, 1, |_| {});
    let dir = tempfile::tempdir().unwrap();
    let report = RunReport {
        summary: Vec::new(),
        runs: vec![run],
    };
    let files = write_csv(&report, dir.path()).unwrap();
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|r| r[1] == "probe")
        .collect();
    assert_eq!(rows.len(), 5);
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row[0], ((k + 1) * 1_000).to_string());
        assert_eq!(row[2], "both");
        for score in &row[3..5] {
            let value: f64 = score.parse().unwrap();
            assert!((0.0..=1.0).contains(&value));
        }
        assert_eq!(row[5], format!("\"probe {}\"", k + 1));
    }
}

#[test]
fn a_probes_table_is_read_checked_and_counted_in_the_schedule_cost() {
    let base =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/sleep.toml"))
            .unwrap();
    let without_table = strip_probes(&base);
    let with = |table: &str| {
        Preset::parse(&format!("{without_table}\n[probes]\n{table}\n")).map_err(|e| e.to_string())
    };
    // No table: off.
    assert!(Preset::parse(&without_table).unwrap().probes().is_off());
    let on = with("every_cycles = 2000\ncycles = 1000").unwrap();
    assert_eq!(
        on.probes(),
        Probes {
            every_cycles: 2_000,
            cycles: 1_000
        }
    );
    assert!(with("every_cycles = 0").unwrap().probes().is_off());
    let problem = with("every_cycles = 2000\ncycles = 0").unwrap_err();
    assert!(problem.contains("probes.cycles"), "{problem}");
    let problem = with("every_cycles = 5").unwrap_err();
    assert!(problem.contains("probes.every_cycles"), "{problem}");
    let problem = with("every_cycle = 5").unwrap_err();
    assert!(problem.contains("every_cycle"), "{problem}");
    // 150,000 schedule cycles, a probe of 2 × 1,000,000 cycles every 100: far over the
    // limit of cycles, though the schedule alone is within it.
    let problem = with("every_cycles = 100\ncycles = 1000000").unwrap_err();
    assert!(problem.contains("probes"), "{problem}");
    // A preset saved with probes on opens again with them; off, the table is left out.
    let saved = on.to_toml();
    assert_eq!(Preset::parse(&saved).unwrap().probes(), on.probes());
    let off = Preset::parse(&without_table).unwrap();
    assert!(!off.to_toml().contains("[probes]"));
}

/// A preset's text without its `[probes]` table, if it has one.
fn strip_probes(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.trim_start().starts_with('[') {
            skipping = line.trim() == "[probes]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
