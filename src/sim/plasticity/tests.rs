//! Tests of reward-modulated STDP.

use super::*;

fn setup() -> (Stdp, Synapses, PlasticityParams) {
    let params = PlasticityParams::default();
    (Stdp::new(4, &params), Synapses::new(4, 0.25), params)
}

/// Hidden unit 0 spikes, output 2 spikes one step later: a causal pair.
fn causal_pair(stdp: &mut Stdp) {
    stdp.record_step(&[0], 0);
    stdp.record_step(&[], 1 << 2);
}

#[test]
fn pre_before_post_leaves_a_positive_trace_and_post_before_pre_a_negative_one() {
    let (mut stdp, _, params) = setup();
    causal_pair(&mut stdp);
    let expected = params.stdp_amplitude * (-1.0 / params.stdp_tau_ms).exp();
    assert!((stdp.eligibility(0, 2) - expected).abs() < 1e-7);
    stdp.record_step(&[], 1 << 5);
    stdp.record_step(&[], 0);
    stdp.record_step(&[1], 0);
    let expected = params.stdp_amplitude * (-2.0 / params.stdp_tau_ms).exp();
    assert!((stdp.eligibility(1, 5) + expected).abs() < 1e-7);
}

#[test]
fn pairs_further_apart_than_the_window_do_not_count() {
    let (mut stdp, _, params) = setup();
    stdp.record_step(&[0], 0);
    for _ in 0..params.stdp_window_ms {
        stdp.record_step(&[], 0);
    }
    stdp.record_step(&[], 1);
    assert_eq!(stdp.eligibility(0, 0), 0.0);
}

#[test]
fn reward_sign_decides_the_direction_of_change() {
    for (reward, grows) in [(1.0, true), (-1.0, false)] {
        let (mut stdp, mut synapses, params) = setup();
        causal_pair(&mut stdp);
        let before = synapses.w(0, 2);
        assert!(stdp.apply_reward(&mut synapses, reward, params.learning_rate, &params));
        assert_eq!(synapses.w(0, 2) > before, grows, "reward {reward}");
    }
}

#[test]
fn traces_expire_after_the_eligibility_cycles() {
    let (mut stdp, _, params) = setup();
    causal_pair(&mut stdp);
    let fresh = stdp.eligibility(0, 2);
    for cycle in 1..=params.eligibility_cycles {
        // Still kept during the cycle it was made and the following ones...
        assert_eq!(stdp.eligibility(0, 2), fresh, "cycle {cycle}");
        stdp.end_cycle();
    }
    // ...and dropped after `eligibility_cycles` cycles.
    assert_eq!(stdp.eligibility(0, 2), 0.0);
    let (mut synapses, before) = (Synapses::new(4, 0.25), Synapses::new(4, 0.25));
    assert!(!stdp.apply_reward(&mut synapses, 1.0, 2.0, &params));
    assert_eq!(synapses, before);
}

#[test]
fn normalisation_keeps_each_outputs_weight_sum_on_its_target() {
    let (mut stdp, mut synapses, params) = setup();
    causal_pair(&mut stdp);
    stdp.record_step(&[3], 1 << 7);
    stdp.record_step(&[], 1 << 7);
    for _ in 0..50 {
        stdp.apply_reward(&mut synapses, 1.0, 5.0, &params);
    }
    for j in 0..N_OUTPUTS {
        let sum: f32 = (0..4).map(|i| synapses.w(i, j)).sum();
        assert!((sum - synapses.target[j]).abs() < 1e-4, "output {j}: {sum}");
    }
    // Potentiated synapses grew at the expense of their neighbours.
    assert!(synapses.w(0, 2) > 0.25 && synapses.w(1, 2) < 0.25);
    // Balanced inhibition is each hidden unit's mean excitatory weight.
    let mean0: f32 = (0..N_OUTPUTS).map(|j| synapses.w(0, j)).sum::<f32>() / 8.0;
    assert!((synapses.inhibition(0) - mean0).abs() < 1e-6);
}

#[test]
fn a_reward_names_the_synapses_it_strengthened_before_normalisation() {
    for (reward, strengthened) in [(1.0, vec![(0, 1_u8 << 2)]), (-1.0, vec![])] {
        let (mut stdp, mut synapses, params) = setup();
        causal_pair(&mut stdp);
        assert!(stdp.apply_reward(&mut synapses, reward, params.learning_rate, &params));
        let grew: Vec<(usize, u8)> = stdp.strengthened().iter().collect();
        // Normalisation then lifts the other synapses of output 2's column a little: they
        // are not named, as STDP did not strengthen them.
        assert_eq!(grew, strengthened, "reward {reward}");
    }
}
