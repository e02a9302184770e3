//! Every number of the model, grouped as in SCIENCE.md and as in a preset file's tables.
//! Defaults are the values of SCIENCE.md (paper values and our reductions); units are in
//! the names (`_ms` = milliseconds = simulation steps, `_cycles` = movement cycles).

use serde::{Deserialize, Serialize};

/// All parameters of one model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// The foraging world (SCIENCE.md §1).
    pub world: WorldParams,
    /// Neurons, the hidden layer and movement (§2).
    pub network: NetworkParams,
    /// Reward-modulated STDP while awake (§3).
    pub plasticity: PlasticityParams,
    /// Sleep (§4).
    pub sleep: SleepParams,
}

/// The foraging world.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorldParams {
    /// Side of the square, wrap-around grid, in cells.
    pub size_cells: usize,
    /// Fraction of cells that hold food (each bar covers two cells).
    pub food_fraction: f32,
}

impl Default for WorldParams {
    fn default() -> Self {
        Self {
            size_cells: 50,
            food_fraction: 0.10,
        }
    }
}

/// Which hidden layer sits between the 7×7 view and the outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HiddenKind {
    /// One unit per (orientation, position) of a bar in the view (SCIENCE.md §2).
    Detectors,
}

/// Neurons, hidden layer and movement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkParams {
    /// The kind of hidden layer.
    pub hidden: HiddenKind,
    /// Probability that an active detector spikes at each of its spike steps.
    pub detector_spike_prob: f32,
    /// Number of steps (starting at step 1 of the cycle) at which an active detector may spike.
    pub detector_spike_steps: usize,
    /// Length of one movement cycle, in 1 ms steps.
    pub cycle_ms: usize,
    /// Steps at the start of a cycle whose output spikes choose the move.
    pub decision_ms: usize,
    /// Membrane time constant of the output neurons.
    pub tau_m_ms: f32,
    /// Firing threshold of the output neurons (reset is 0).
    pub threshold: f32,
    /// Refractory period of the output neurons after a spike.
    pub refractory_ms: usize,
    /// Release noise R: every synaptic event is scaled by (1 + ξ), ξ uniform in ±R.
    pub release_noise: f32,
    /// Probability per step and output of a background kick (wake only).
    pub background_prob: f32,
    /// Size of a background kick, in units of the threshold.
    pub background_amplitude: f32,
    /// Initial value W0 of every hidden→output excitatory weight.
    pub initial_weight: f32,
    /// Probability of a random move right after eating.
    pub exploration_base: f32,
    /// Added to the random-move probability for every cycle without eating.
    pub exploration_step: f32,
}

impl Default for NetworkParams {
    fn default() -> Self {
        Self {
            hidden: HiddenKind::Detectors,
            detector_spike_prob: 0.8,
            detector_spike_steps: 3,
            cycle_ms: 20,
            decision_ms: 10,
            tau_m_ms: 5.0,
            threshold: 1.0,
            refractory_ms: 2,
            release_noise: 0.12,
            background_prob: 0.03,
            background_amplitude: 0.7,
            initial_weight: 0.25,
            exploration_base: 0.01,
            exploration_step: 0.01,
        }
    }
}

/// Reward-modulated STDP while awake.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlasticityParams {
    /// K: weight change of one pre/post spike pair at zero delay.
    pub stdp_amplitude: f32,
    /// τ: decay of the STDP change with the delay between the two spikes.
    pub stdp_tau_ms: f32,
    /// Pairs further apart than this are ignored (at most 8).
    pub stdp_window_ms: usize,
    /// How many movement cycles a cycle's STDP changes wait for a reward before they expire.
    pub eligibility_cycles: usize,
    /// η: scales every reward-driven weight change while awake.
    pub learning_rate: f32,
    /// S for eating a rewarded bar.
    pub reward: f32,
    /// S for eating a punished bar (negative).
    pub punishment: f32,
    /// S for a move that eats nothing (negative).
    pub empty_move: f32,
    /// Cap of the factor W_i0 / W_i that lets weakly connected hidden units learn faster.
    pub gain_cap: f32,
    /// W_max as a multiple of the initial weight W0.
    pub max_weight_factor: f32,
    /// Rate of the homeostatic scaling of each output's weight-sum target (0 = off).
    pub homeostasis_rate: f32,
    /// Smoothing of each output's firing-rate average, per cycle.
    pub homeostasis_smoothing: f32,
    /// Lowest target, as a fraction of the starting target.
    pub homeostasis_min: f32,
    /// Highest target, as a fraction of the starting target.
    pub homeostasis_max: f32,
}

impl Default for PlasticityParams {
    fn default() -> Self {
        Self {
            stdp_amplitude: 0.04,
            stdp_tau_ms: 4.0,
            stdp_window_ms: 6,
            eligibility_cycles: 6,
            learning_rate: 2.0,
            reward: 1.0,
            punishment: -0.001,
            empty_move: -0.0001,
            gain_cap: 10.0,
            max_weight_factor: 40.0,
            homeostasis_rate: 0.005,
            homeostasis_smoothing: 0.01,
            homeostasis_min: 0.25,
            homeostasis_max: 1.75,
        }
    }
}

/// How hidden units fire in sleep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SleepNoise {
    /// Each hidden unit at its own average waking rate.
    WakeRates,
    /// Every hidden unit at the population's mean waking rate.
    Uniform,
}

/// Sleep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SleepParams {
    /// Whether weights may change during sleep.
    pub plasticity: bool,
    /// Which spontaneous rates the hidden units fire at.
    pub noise: SleepNoise,
    /// Multiplies the spontaneous rates.
    pub noise_scale: f32,
    /// η during sleep.
    pub learning_rate: f32,
    /// The constant reward S given every sleep cycle.
    pub reward: f32,
}

impl Default for SleepParams {
    fn default() -> Self {
        Self {
            plasticity: true,
            noise: SleepNoise::WakeRates,
            noise_scale: 2.0,
            learning_rate: 0.125,
            reward: 0.5,
        }
    }
}
