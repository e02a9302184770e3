//! The model's options beyond the first version (issue 11): the paper's multiplicative,
//! age-weighted, activity-normalised update; freezing; silencing in sleep; long STDP
//! windows; tests taken outside the schedule.

use sleeplab::sim::network::{N_OUTPUTS, Synapses};
use sleeplab::sim::params::{PlasticityParams, Silence, TraceKernel, UpdateRule};
use sleeplab::sim::plasticity::Stdp;
use sleeplab::sim::schedule::{Block, Experiment, TestResult};
use sleeplab::sim::simulation::BAR_GROUPS;
use sleeplab::sim::{Mode, Params, Simulation, Task};

/// Four hidden units; unit `i` (for each `i` in `units`) spikes one step before output 2.
fn paired(stdp: &mut Stdp, units: &[u16]) {
    stdp.record_step(units, 0);
    stdp.record_step(&[], 1 << 2);
}

fn multiplicative() -> PlasticityParams {
    PlasticityParams {
        update_rule: UpdateRule::Multiplicative,
        ..PlasticityParams::default()
    }
}

#[test]
fn multiplicative_update_changes_a_synapse_in_proportion_to_its_size_and_never_regrows_zero() {
    let params = multiplicative();
    let mut synapses = Synapses::new(4, 0.25);
    // Unit 0's synapse to output 2 is strong, unit 1's weak, unit 3's gone.
    let mut weights = synapses.weights_mut();
    weights[[0, 2]] = 0.6;
    weights[[1, 2]] = 0.1;
    weights[[3, 2]] = 0.0;
    let before = synapses.clone();
    let mut stdp = Stdp::new(4, &params);
    paired(&mut stdp, &[0, 1, 3]);
    assert!(stdp.apply_reward(&mut synapses, 1.0, 2.0, &params));
    let ratio = |i: usize| synapses.w(i, 2) / synapses.target[2] * before.target[2] / before.w(i, 2);
    let gain = |i: usize| (before.outgoing_start / before.outgoing_sum(i)).min(params.gain_cap);
    // Each grew by the factor 1 + η·S·g·tr (a relative change), then the column was
    // rescaled to its target.
    let tr = params.stdp_amplitude * (-1.0 / params.stdp_tau_ms).exp();
    let column: f32 = (0..4)
        .map(|i| before.w(i, 2) * (1.0 + 2.0 * gain(i) * if i == 2 { 0.0 } else { tr }))
        .sum();
    for i in [0, 1] {
        let expected = (1.0 + 2.0 * gain(i) * tr) * before.target[2] / column;
        assert!(
            (ratio(i) - expected).abs() < 1e-5,
            "unit {i}: {} against {expected}",
            ratio(i)
        );
    }
    assert_eq!(
        synapses.w(3, 2),
        0.0,
        "a zero weight stays zero under a multiplicative rule"
    );
}

#[test]
fn inverse_age_kernel_weighs_an_older_trace_less() {
    let grown = |kernel: TraceKernel, age: usize| {
        let params = PlasticityParams {
            trace_kernel: kernel,
            ..PlasticityParams::default()
        };
        let mut synapses = Synapses::new(4, 0.25);
        let mut stdp = Stdp::new(4, &params);
        paired(&mut stdp, &[0]);
        for _ in 0..age {
            stdp.end_cycle();
        }
        stdp.apply_reward(&mut synapses, 1.0, 2.0, &params);
        stdp.potentiation[0]
    };
    let flat = grown(TraceKernel::Flat, 3);
    assert!((grown(TraceKernel::Flat, 0) - flat).abs() < 1e-7);
    let fresh = grown(TraceKernel::InverseAge, 0);
    let old = grown(TraceKernel::InverseAge, 3);
    assert!((fresh - flat).abs() < 1e-7, "age 0 counts fully");
    assert!(
        (old - flat / 4.0).abs() < 1e-6,
        "age 3 counts a quarter: {old} against {flat}"
    );
}

#[test]
fn activity_normalisation_makes_an_update_independent_of_the_overall_trace_size() {
    let params = PlasticityParams {
        activity_normalisation: true,
        ..multiplicative()
    };
    let change = |amplitude: f32| {
        let params = PlasticityParams {
            stdp_amplitude: amplitude,
            ..params.clone()
        };
        let mut synapses = Synapses::new(4, 0.25);
        let mut stdp = Stdp::new(4, &params);
        paired(&mut stdp, &[0, 1]);
        stdp.apply_reward(&mut synapses, 1.0, 0.2, &params);
        synapses.w(0, 2)
    };
    let (small, large) = (change(0.01), change(0.08));
    assert!(small > 0.25, "the paired synapse grew");
    assert!((small - large).abs() < 1e-6, "{small} against {large}");
}

#[test]
fn a_freeze_block_holds_the_strongest_synapses_fixed_until_an_unfreeze() {
    let schedule = vec![
        Block::Wake {
            task: Task::T1,
            cycles: 3_000,
        },
        Block::Freeze { top_percent: 5.0 },
        Block::Wake {
            task: Task::T2,
            cycles: 2_000,
        },
    ];
    let mut experiment = Experiment::new(Simulation::new(Params::default(), 2), schedule[..1].to_vec());
    experiment.run_to_end(|_| {});
    let trained = experiment.sim.synapses.clone();
    let mut experiment = Experiment::new(Simulation::new(Params::default(), 2), schedule.clone());
    experiment.run_to_end(|_| {});
    let synapses = &experiment.sim.synapses;
    let (now, then) = (synapses.weights(), trained.weights());
    let held = synapses.frozen().expect("the freeze block ran");
    let frozen: Vec<(usize, usize)> = held
        .indexed_iter()
        .filter(|&(_, &f)| f)
        .map(|(ij, _)| ij)
        .collect();
    // 5% of 148 × 8 synapses, rounded.
    assert_eq!(frozen.len(), 59);
    let weakest_frozen = frozen.iter().map(|&ij| then[ij]).fold(f32::MAX, f32::min);
    let strongest_free = then
        .indexed_iter()
        .filter(|&(ij, _)| !held[ij])
        .map(|(_, &w)| w)
        .fold(0.0, f32::max);
    assert!(weakest_frozen >= strongest_free, "the strongest were frozen");
    for &ij in &frozen {
        assert_eq!(now[ij], then[ij], "synapse {ij:?} moved");
    }
    let moved = now.iter().zip(&then).filter(|(a, b)| a != b).count();
    assert!(moved > 500, "the others still learn: {moved} moved");
    for j in 0..N_OUTPUTS {
        let sum: f32 = (0..148).map(|i| synapses.w(i, j)).sum();
        assert!(
            (sum - synapses.target[j]).abs() < 1e-3 * synapses.target[j],
            "output {j}"
        );
    }
    let mut released = schedule;
    released.push(Block::Unfreeze);
    let mut experiment = Experiment::new(Simulation::new(Params::default(), 2), released);
    experiment.run_to_end(|_| {});
    assert!(experiment.sim.synapses.frozen().is_none());
}

#[test]
fn silenced_units_never_fire_in_sleep() {
    let mut params = Params::default();
    params.sleep.silence = Silence::T1;
    let mut sim = Simulation::new(params, 4);
    // Waking in both worlds gives every unit a spontaneous rate.
    for task in Task::ALL {
        for _ in 0..2_000 {
            sim.run_cycle(Mode::Wake { task, plastic: true });
        }
    }
    let mut by_task = [0; 2];
    for _ in 0..500 {
        let outcome = sim.run_cycle(Mode::Sleep);
        by_task[0] += outcome.hidden_spikes_of(Task::T1);
        by_task[1] += outcome.hidden_spikes_of(Task::T2);
    }
    assert_eq!(by_task[0], 0);
    assert!(by_task[1] > 200, "task-2 units still fire: {}", by_task[1]);
}

#[test]
fn the_noise_alone_predicts_each_bar_groups_sleep_spikes_and_silenced_ones_get_none() {
    let mut params = Params::default();
    params.sleep.silence = Silence::T2;
    let mut sim = Simulation::new(params, 4);
    for task in Task::ALL {
        for _ in 0..2_000 {
            sim.run_cycle(Mode::Wake { task, plastic: true });
        }
    }
    let (mut seen, mut noise) = ([0_u64; BAR_GROUPS], [0_f64; BAR_GROUPS]);
    for _ in 0..2_000 {
        let outcome = sim.run_cycle(Mode::Sleep);
        for g in 0..BAR_GROUPS {
            seen[g] += u64::from(outcome.hidden_spikes_by_bar[g]);
            noise[g] += f64::from(outcome.noise_spikes_by_bar[g]);
        }
    }
    for kind in [Task::T2.rewarded(), Task::T2.punished()] {
        assert_eq!(
            (seen[kind.index()], noise[kind.index()]),
            (0, 0.0),
            "{kind:?} is silenced"
        );
    }
    for kind in [Task::T1.rewarded(), Task::T1.punished()] {
        let (seen, noise) = (seen[kind.index()] as f64, noise[kind.index()]);
        assert!(noise > 500.0, "{kind:?} units fire spontaneously: {noise}");
        // Spontaneous spikes are independent draws: within 5 standard deviations.
        assert!(
            (seen - noise).abs() < 5.0 * noise.sqrt(),
            "{kind:?}: {seen} spikes, {noise} expected"
        );
    }
}

#[test]
fn an_stdp_window_as_long_as_the_cycle_pairs_distant_spikes() {
    let params = PlasticityParams {
        stdp_window_ms: 20,
        stdp_tau_ms: 10.0,
        ..PlasticityParams::default()
    };
    let mut stdp = Stdp::new(2, &params);
    stdp.record_step(&[1], 0);
    for _ in 0..18 {
        stdp.record_step(&[], 0);
    }
    stdp.record_step(&[], 1);
    let expected = params.stdp_amplitude * (-19.0 / params.stdp_tau_ms).exp();
    assert!((stdp.eligibility(1, 0) - expected).abs() < 1e-9);
}

#[test]
fn a_test_taken_by_hand_leaves_the_schedules_later_test_scores_unchanged() {
    let schedule = vec![
        Block::Wake {
            task: Task::T1,
            cycles: 1_000,
        },
        Block::Test {
            cycles: 300,
            label: "first".into(),
        },
        Block::Wake {
            task: Task::T1,
            cycles: 1_000,
        },
        Block::Test {
            cycles: 300,
            label: "second".into(),
        },
    ];
    let plain = {
        let mut e = Experiment::new(Simulation::new(Params::default(), 9), schedule.clone());
        e.run_to_end(|_| {});
        e.results
    };
    let mut e = Experiment::new(Simulation::new(Params::default(), 9), schedule);
    // Into the second waking block, after the first test.
    for _ in 0..1_700 {
        e.step();
    }
    TestResult::measure(&mut e.sim, "by hand".into(), 200, 0);
    e.run_to_end(|_| {});
    assert_eq!(e.results, plain);
}

#[test]
fn normalisation_never_lifts_a_weight_above_the_cap() {
    let mut synapses = Synapses::new(4, 0.25);
    // Output 0's weights sum to 0.6 against a target of 1.0, one of them at the cap 0.5:
    // a plain rescale would lift it to 0.83.
    for (i, w) in [0.5, 0.05, 0.05, 0.0].into_iter().enumerate() {
        synapses.weights_mut()[[i, 0]] = w;
    }
    synapses.normalise(0.5);
    let column: Vec<f32> = (0..4).map(|i| synapses.w(i, 0)).collect();
    assert_eq!(column[0], 0.5);
    assert!(
        (column[1] - 0.25).abs() < 1e-6 && (column[2] - 0.25).abs() < 1e-6,
        "{column:?}"
    );
    assert_eq!(column[3], 0.0);
    assert!((column.iter().sum::<f32>() - synapses.target[0]).abs() < 1e-6);
}
