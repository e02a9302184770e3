//! Every number of the model, grouped as in docs/model.md and as in a preset file's tables.
//! Defaults are the values of docs/model.md (paper values and our reductions); units are in
//! the names (`_ms` = milliseconds = simulation steps, `_cycles` = movement cycles).
//! Beside each table, the [`Spec`] of each of its numbers: its key in a preset file, the
//! range a preset may give it and its unit. Preset validation and the window's sliders both
//! read these, so a range is written once.

use serde::{Deserialize, Serialize};

pub use super::spec::{Checked, Number, ParamError, Spec};

mod choices;
mod development;
use choices::is_default;
pub use choices::{RateAverage, Silence, TraceKernel, UpdateRule};
pub use development::{DevelopmentParams, Wiring};

/// All parameters of one model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// The foraging world (docs/model.md §1).
    pub world: WorldParams,
    /// Neurons, the hidden layer and movement (§2).
    pub network: NetworkParams,
    /// Reward-modulated STDP while awake (§3).
    pub plasticity: PlasticityParams,
    /// Sleep (§4).
    pub sleep: SleepParams,
    /// The learned hidden layer and its development (§2b); left out of a saved preset
    /// while it keeps its defaults.
    #[serde(skip_serializing_if = "is_default")]
    pub development: DevelopmentParams,
}

impl Params {
    /// Every number of the model beside its spec, in the order of a preset file. The
    /// decision window and the STDP window may not outlast the cycle, so their specs end at
    /// this `cycle_ms`.
    pub fn checks(&self) -> Vec<Checked> {
        use Checked::{Real, Whole};
        let (w, n, p, s) = (&self.world, &self.network, &self.plasticity, &self.sleep);
        let d = &self.development;
        // A 3×3 patch holds at most 9 cells.
        let inputs = match d.wiring {
            Wiring::Local => DevelopmentParams::LOCAL_INPUTS_PER_UNIT,
            Wiring::Random => DevelopmentParams::INPUTS_PER_UNIT,
        };
        let decision = Spec {
            high: n.cycle_ms,
            ..NetworkParams::DECISION_MS
        };
        let window = Spec {
            high: n.cycle_ms,
            ..PlasticityParams::STDP_WINDOW_MS
        };
        vec![
            Whole(WorldParams::SIZE_CELLS, w.size_cells),
            Real(WorldParams::FOOD_FRACTION, w.food_fraction),
            Real(NetworkParams::DETECTOR_SPIKE_PROB, n.detector_spike_prob),
            Whole(NetworkParams::DETECTOR_SPIKE_STEPS, n.detector_spike_steps),
            Whole(NetworkParams::CYCLE_MS, n.cycle_ms),
            Whole(decision, n.decision_ms),
            Real(NetworkParams::TAU_M_MS, n.tau_m_ms),
            Real(NetworkParams::THRESHOLD, n.threshold),
            Whole(NetworkParams::REFRACTORY_MS, n.refractory_ms),
            Real(NetworkParams::RELEASE_NOISE, n.release_noise),
            Real(NetworkParams::BACKGROUND_PROB, n.background_prob),
            Real(NetworkParams::BACKGROUND_AMPLITUDE, n.background_amplitude),
            Real(NetworkParams::INITIAL_WEIGHT, n.initial_weight),
            Real(NetworkParams::EXPLORATION_BASE, n.exploration_base),
            Real(NetworkParams::EXPLORATION_STEP, n.exploration_step),
            Real(PlasticityParams::STDP_AMPLITUDE, p.stdp_amplitude),
            Real(PlasticityParams::STDP_TAU_MS, p.stdp_tau_ms),
            Whole(window, p.stdp_window_ms),
            Whole(PlasticityParams::ELIGIBILITY_CYCLES, p.eligibility_cycles),
            Real(PlasticityParams::LEARNING_RATE, p.learning_rate),
            Real(PlasticityParams::REWARD, p.reward),
            Real(PlasticityParams::PUNISHMENT, p.punishment),
            Real(PlasticityParams::EMPTY_MOVE, p.empty_move),
            Real(PlasticityParams::GAIN_CAP, p.gain_cap),
            Real(PlasticityParams::MAX_WEIGHT_FACTOR, p.max_weight_factor),
            Real(PlasticityParams::HOMEOSTASIS_RATE, p.homeostasis_rate),
            Real(PlasticityParams::HOMEOSTASIS_SMOOTHING, p.homeostasis_smoothing),
            Real(PlasticityParams::HOMEOSTASIS_MIN, p.homeostasis_min),
            Real(PlasticityParams::HOMEOSTASIS_MAX, p.homeostasis_max),
            Real(SleepParams::NOISE_SCALE, s.noise_scale),
            Real(SleepParams::LEARNING_RATE, s.learning_rate),
            Real(SleepParams::REWARD, s.reward),
            Whole(DevelopmentParams::UNITS, d.units),
            Whole(inputs, d.inputs_per_unit),
            Whole(
                DevelopmentParams::CYCLES,
                usize::try_from(d.cycles).unwrap_or(usize::MAX),
            ),
            Real(DevelopmentParams::STDP_AMPLITUDE, d.stdp_amplitude),
            Whole(DevelopmentParams::WINNERS, d.winners),
            Real(DevelopmentParams::THRESHOLD_START, d.threshold_start),
            Real(DevelopmentParams::THRESHOLD_RISE, d.threshold_rise),
            Real(
                DevelopmentParams::THRESHOLD_DECAY_CYCLES,
                d.threshold_decay_cycles,
            ),
            Real(
                DevelopmentParams::FROZEN_THRESHOLD_FRACTION,
                d.frozen_threshold_fraction,
            ),
        ]
    }

    /// Checks every number against its spec; the error names the first one out of range.
    pub fn validate(&self) -> Result<(), ParamError> {
        self.checks().iter().try_for_each(Checked::check)
    }
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

/// The key, range and unit of each number of [`WorldParams`].
impl WorldParams {
    /// [`WorldParams::size_cells`].
    pub const SIZE_CELLS: Spec<usize> = Spec::new("world.size_cells", 10, 500, "cells");
    /// [`WorldParams::food_fraction`].
    pub const FOOD_FRACTION: Spec<f32> = Spec::new("world.food_fraction", 0.0, 0.3, "");
}

/// Which hidden layer sits between the 7×7 view and the outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HiddenKind {
    /// One unit per (orientation, position) of a bar in the view (docs/model.md §2).
    Detectors,
    /// The paper's layer: units whose input weights develop in a `develop` phase (§2b),
    /// as the `[development]` table says.
    Learned,
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

/// The key, range and unit of each number of [`NetworkParams`].
impl NetworkParams {
    /// [`NetworkParams::detector_spike_prob`].
    pub const DETECTOR_SPIKE_PROB: Spec<f32> = Spec::new("network.detector_spike_prob", 0.0, 1.0, "");
    /// [`NetworkParams::detector_spike_steps`].
    pub const DETECTOR_SPIKE_STEPS: Spec<usize> = Spec::new("network.detector_spike_steps", 1, 10, "steps");
    /// [`NetworkParams::cycle_ms`].
    pub const CYCLE_MS: Spec<usize> = Spec::new("network.cycle_ms", 4, 200, "ms");
    /// [`NetworkParams::decision_ms`].
    pub const DECISION_MS: Spec<usize> = Spec::new("network.decision_ms", 1, Self::CYCLE_MS.high, "ms");
    /// [`NetworkParams::tau_m_ms`].
    pub const TAU_M_MS: Spec<f32> = Spec::new("network.tau_m_ms", 0.1, 1000.0, "ms");
    /// [`NetworkParams::threshold`].
    pub const THRESHOLD: Spec<f32> = Spec::new("network.threshold", 0.01, 100.0, "");
    /// [`NetworkParams::refractory_ms`].
    pub const REFRACTORY_MS: Spec<usize> = Spec::new("network.refractory_ms", 0, 50, "ms");
    /// [`NetworkParams::release_noise`].
    pub const RELEASE_NOISE: Spec<f32> = Spec::new("network.release_noise", 0.0, 1.0, "");
    /// [`NetworkParams::background_prob`].
    pub const BACKGROUND_PROB: Spec<f32> = Spec::new("network.background_prob", 0.0, 1.0, "");
    /// [`NetworkParams::background_amplitude`].
    pub const BACKGROUND_AMPLITUDE: Spec<f32> = Spec::new("network.background_amplitude", 0.0, 10.0, "");
    /// [`NetworkParams::initial_weight`].
    pub const INITIAL_WEIGHT: Spec<f32> = Spec::new("network.initial_weight", 0.001, 10.0, "");
    /// [`NetworkParams::exploration_base`].
    pub const EXPLORATION_BASE: Spec<f32> = Spec::new("network.exploration_base", 0.0, 1.0, "");
    /// [`NetworkParams::exploration_step`].
    pub const EXPLORATION_STEP: Spec<f32> = Spec::new("network.exploration_step", 0.0, 1.0, "/cycle");
}

/// Reward-modulated STDP while awake.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlasticityParams {
    /// K: weight change of one pre/post spike pair at zero delay.
    pub stdp_amplitude: f32,
    /// τ: decay of the STDP change with the delay between the two spikes.
    pub stdp_tau_ms: f32,
    /// Pairs further apart than this are ignored (at most the cycle length).
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
    /// How a reward turns the kept traces into weight changes: added (ours) or multiplied
    /// in (the paper's, docs/model.md §3b).
    #[serde(skip_serializing_if = "is_default")]
    pub update_rule: UpdateRule,
    /// How a trace's weight depends on its age: all alike (ours) or 1/(age + 1) (paper).
    #[serde(skip_serializing_if = "is_default")]
    pub trace_kernel: TraceKernel,
    /// Whether each update is divided by a running average of the kernel-weighted trace
    /// total (the paper's activity normalisation; wake and sleep keep their own average).
    #[serde(skip_serializing_if = "is_default")]
    pub activity_normalisation: bool,
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
            update_rule: UpdateRule::Additive,
            trace_kernel: TraceKernel::Flat,
            activity_normalisation: false,
        }
    }
}

/// The key, range and unit of each number of [`PlasticityParams`].
impl PlasticityParams {
    /// [`PlasticityParams::stdp_amplitude`].
    pub const STDP_AMPLITUDE: Spec<f32> = Spec::new("plasticity.stdp_amplitude", 0.0, 1.0, "");
    /// [`PlasticityParams::stdp_tau_ms`].
    pub const STDP_TAU_MS: Spec<f32> = Spec::new("plasticity.stdp_tau_ms", 0.1, 100.0, "ms");
    /// [`PlasticityParams::stdp_window_ms`].
    pub const STDP_WINDOW_MS: Spec<usize> =
        Spec::new("plasticity.stdp_window_ms", 1, NetworkParams::CYCLE_MS.high, "ms");
    /// [`PlasticityParams::eligibility_cycles`].
    pub const ELIGIBILITY_CYCLES: Spec<usize> = Spec::new("plasticity.eligibility_cycles", 1, 50, "cycles");
    /// [`PlasticityParams::learning_rate`].
    pub const LEARNING_RATE: Spec<f32> = Spec::new("plasticity.learning_rate", 0.0, 100.0, "");
    /// [`PlasticityParams::reward`].
    pub const REWARD: Spec<f32> = Spec::new("plasticity.reward", -10.0, 10.0, "");
    /// [`PlasticityParams::punishment`].
    pub const PUNISHMENT: Spec<f32> = Spec::new("plasticity.punishment", -10.0, 10.0, "");
    /// [`PlasticityParams::empty_move`].
    pub const EMPTY_MOVE: Spec<f32> = Spec::new("plasticity.empty_move", -10.0, 10.0, "");
    /// [`PlasticityParams::gain_cap`].
    pub const GAIN_CAP: Spec<f32> = Spec::new("plasticity.gain_cap", 1.0, 1000.0, "");
    /// [`PlasticityParams::max_weight_factor`].
    pub const MAX_WEIGHT_FACTOR: Spec<f32> = Spec::new("plasticity.max_weight_factor", 1.0, 1000.0, "");
    /// [`PlasticityParams::homeostasis_rate`].
    pub const HOMEOSTASIS_RATE: Spec<f32> = Spec::new("plasticity.homeostasis_rate", 0.0, 1.0, "");
    /// [`PlasticityParams::homeostasis_smoothing`].
    pub const HOMEOSTASIS_SMOOTHING: Spec<f32> = Spec::new("plasticity.homeostasis_smoothing", 0.0, 1.0, "");
    /// [`PlasticityParams::homeostasis_min`].
    pub const HOMEOSTASIS_MIN: Spec<f32> = Spec::new("plasticity.homeostasis_min", 0.0, 1.0, "");
    /// [`PlasticityParams::homeostasis_max`].
    pub const HOMEOSTASIS_MAX: Spec<f32> = Spec::new("plasticity.homeostasis_max", 1.0, 100.0, "");
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
    /// How each unit's waking rate is averaged into its sleep rate.
    #[serde(skip_serializing_if = "is_default")]
    pub rate_average: RateAverage,
    /// Hidden units of this task get no spontaneous activity in sleep (a causal test of
    /// replay); "none" silences nobody.
    #[serde(skip_serializing_if = "is_default")]
    pub silence: Silence,
}

impl Default for SleepParams {
    fn default() -> Self {
        Self {
            plasticity: true,
            noise: SleepNoise::WakeRates,
            noise_scale: 2.0,
            learning_rate: 0.125,
            reward: 0.5,
            rate_average: RateAverage::AllWaking,
            silence: Silence::Nobody,
        }
    }
}

/// The key, range and unit of each number of [`SleepParams`].
impl SleepParams {
    /// [`SleepParams::noise_scale`].
    pub const NOISE_SCALE: Spec<f32> = Spec::new("sleep.noise_scale", 0.0, 20.0, "");
    /// [`SleepParams::learning_rate`].
    pub const LEARNING_RATE: Spec<f32> = Spec::new("sleep.learning_rate", 0.0, 100.0, "");
    /// [`SleepParams::reward`].
    pub const REWARD: Spec<f32> = Spec::new("sleep.reward", -10.0, 10.0, "");
}
