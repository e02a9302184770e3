//! One simulated animal: its network, its worlds and its random stream, advanced one
//! movement cycle at a time, awake in a task's world or asleep (docs/model.md §2–4).

use super::hidden::HiddenLayer;
use super::homeostasis::Homeostasis;
use super::network::{N_OUTPUTS, Outputs, Synapses};
use super::params::Params;
use super::plasticity::Stdp;
use super::rng::{SimRng, derive_seed};
use super::world::{Task, World};

pub use super::outcome::{BAR_GROUPS, CycleOutcome, NO_BAR_GROUP, Score, SpikeLog};
pub use super::sleep_rates::WakeRates;

mod develop;
mod sleep;
mod wake;

/// What the animal is doing during a cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Awake and foraging in `task`'s world; weights learn when `plastic`.
    Wake {
        /// The world it forages in.
        task: Task,
        /// Whether rewards change weights (false in test blocks).
        plastic: bool,
    },
    /// Asleep: no input, spontaneous hidden activity, constant reward.
    Sleep,
    /// Developing a learned hidden layer: only its input weights learn (docs/model.md §2b).
    Develop,
}

/// The stream number of sleep's random numbers (see [`derive_seed`]).
const SLEEP_STREAM: u64 = u64::MAX;
/// Probes draw from stream numbers from here on, far from the schedule's test blocks (1, 2,
/// 3 … doubled).
const PROBE_STREAMS: u64 = 1 << 63;

/// Tests taken outside the schedule draw from stream numbers from here on, far from the
/// schedule's test blocks (1, 2, 3 … doubled).
const MANUAL_TEST_STREAMS: u64 = 1 << 62;

/// Reference lives of an animal (see [`Simulation::reference_copy`]) draw from stream
/// numbers from here on, apart from tests and probes.
const REFERENCE_STREAMS: u64 = 1 << 61;

/// [`NO_BAR_GROUP`] as a unit's group tag.
const NO_BAR_TAG: u8 = 4;

/// The whole simulated animal.
#[derive(Clone, Debug)]
pub struct Simulation {
    params: Params,
    seed: u64,
    /// The random stream of waking (the world, noise, moves).
    rng: SimRng,
    /// The random stream of sleep: its own, so that waking draws the same numbers whether
    /// or not sleep came in between ("common random numbers"): a run with sleep differs
    /// from one without only through what sleep did to the weights.
    sleep_rng: SimRng,
    /// Whether the traces now kept were made in plastic sleep.
    traces_from_sleep: bool,
    /// A learned layer's development: its own random stream, world and state.
    develop: develop::Development,
    /// The hidden layer.
    pub hidden: HiddenLayer,
    /// Each hidden unit's group in the per-bar tallies: the index of the bar kind that drives
    /// it, or [`NO_BAR_GROUP`].
    bar_tags: Vec<u8>,
    /// The plastic hidden→output synapses.
    pub synapses: Synapses,
    outputs: Outputs,
    /// The output neurons' state in the other state of wake or sleep: each state runs from
    /// its own, so that waking resumes exactly where it left off.
    sleep_outputs: Outputs,
    stdp: Stdp,
    /// Each output's smoothed firing rate and the homeostatic scaling it drives.
    pub homeostasis: Homeostasis,
    /// The waking rates that drive sleep.
    pub wake_rates: WakeRates,
    worlds: [Option<World>; 2],
    /// The probability of a random move this cycle.
    pub exploration: f32,
    last_direction: usize,
    last_mode: Option<Mode>,
    /// Movement cycles simulated so far.
    pub cycle: u64,
    /// Test blocks run so far (each draws from its own random stream).
    tests_run: u64,
    /// Tests taken outside the schedule ("Test now"), numbered on streams of their own.
    manual_tests_run: u64,
    /// When `Some`, every spike of the last cycle is written here.
    pub spike_log: Option<SpikeLog>,
    scratch: Scratch,
}

#[derive(Clone, Debug, Default)]
struct Scratch {
    view: Vec<u16>,
    active: Vec<u16>,
    spikes: Vec<u16>,
    sleep_prob: Vec<f32>,
    /// The units that fire spontaneously in sleep, and when (see `update_sleep_drive`).
    sleep_drive: sleep::SleepDrive,
    /// The spikes per sleep cycle each group of units fires on average from that drive.
    noise_spikes_by_bar: [f32; BAR_GROUPS],
}

impl Simulation {
    /// A naive animal: all weights equal, no worlds made yet.
    pub fn new(params: Params, seed: u64) -> Self {
        let hidden = HiddenLayer::new(&params, &mut develop::wiring_rng(seed));
        let n_hidden = hidden.len();
        Self {
            synapses: Synapses::new(n_hidden, params.network.initial_weight),
            outputs: Outputs::new(&params.network),
            sleep_outputs: Outputs::new(&params.network),
            stdp: Stdp::new(n_hidden, &params.plasticity),
            homeostasis: Homeostasis::new(),
            wake_rates: WakeRates::new(n_hidden),
            worlds: [None, None],
            exploration: params.network.exploration_base,
            last_direction: 0,
            last_mode: None,
            cycle: 0,
            tests_run: 0,
            manual_tests_run: 0,
            spike_log: None,
            scratch: Scratch::default(),
            bar_tags: develop::bar_tags(&hidden),
            rng: SimRng::new(seed),
            sleep_rng: SimRng::new(derive_seed(seed, SLEEP_STREAM)),
            develop: develop::Development::new(seed),
            traces_from_sleep: false,
            seed,
            hidden,
            params,
        }
    }

    /// The parameters in use.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The seed this animal was made from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Changes parameters from the next cycle on. Structural ones (world size, hidden layer,
    /// initial weight) only take effect on a new simulation.
    pub fn set_params(&mut self, params: Params) {
        self.outputs.set_params(&params.network);
        self.sleep_outputs.set_params(&params.network);
        self.stdp.set_params(&params.plasticity);
        self.params = params;
    }

    /// The world of `task`, made on first use from the animal's random stream.
    pub fn world(&mut self, task: Task) -> &mut World {
        let p = &self.params.world;
        let rng = &mut self.rng;
        self.worlds[task.index()].get_or_insert_with(|| World::new(p.size_cells, p.food_fraction, task, rng))
    }

    /// The world of `task` if it exists yet.
    pub fn world_if_made(&self, task: Task) -> Option<&World> {
        self.worlds[task.index()].as_ref()
    }

    /// Runs one movement cycle in `mode`.
    pub fn run_cycle(&mut self, mode: Mode) -> CycleOutcome {
        if self.last_mode != Some(mode) {
            self.change_mode(mode);
        }
        self.cycle += 1;
        match mode {
            Mode::Wake { task, plastic } => self.wake_cycle(task, plastic),
            Mode::Sleep => self.sleep_cycle(),
            Mode::Develop => self.develop_cycle(),
        }
    }

    /// Falling asleep or waking up: the output neurons start from rest, and no reward of
    /// one state acts on the spike pairs of the other. Sleep without plasticity leaves
    /// no trace at all, so waking after it goes on exactly as if it had not happened.
    fn change_mode(&mut self, mode: Mode) {
        self.end_development_unless(mode);
        let wake_to_wake = matches!(
            (self.last_mode, mode),
            (Some(Mode::Wake { .. }), Mode::Wake { .. })
        );
        let entering_plastic_sleep = mode == Mode::Sleep && self.params.sleep.plasticity;
        if wake_to_wake || entering_plastic_sleep || self.traces_from_sleep || mode == Mode::Develop {
            self.stdp.clear_traces();
            self.stdp.clear_history();
            self.traces_from_sleep = entering_plastic_sleep;
        }
        self.stdp.set_asleep(mode == Mode::Sleep);
        if mode == Mode::Sleep || self.last_mode == Some(Mode::Sleep) {
            self.sleep_outputs = std::mem::replace(&mut self.outputs, self.sleep_outputs.clone());
        }
        self.last_mode = Some(mode);
    }

    /// The synapses the last reward strengthened, before normalisation (after a sleep
    /// cycle: what sleep's own STDP strengthened).
    pub fn strengthened_by_last_reward(&self) -> super::plasticity::Strengthened<'_> {
        self.stdp.strengthened()
    }

    /// The score of `task` over `cycles` frozen cycles in a fresh world of that task:
    /// rewarded / (rewarded + punished) bars eaten. Runs on a copy with its own random
    /// stream, so the animal is left exactly as it was and training is not perturbed.
    /// Such tests ("Test now") draw from streams of their own, apart from the schedule's
    /// test blocks, so that taking one leaves every later test block's score unchanged.
    pub fn test_score(&mut self, task: Task, cycles: u64) -> Score {
        self.manual_tests_run += 1;
        let stream = MANUAL_TEST_STREAMS + self.manual_tests_run * 2 + task.index() as u64;
        let mut copy = self.copy_for_test(task, stream);
        let mut score = Score::default();
        for _ in 0..cycles {
            score.add(task, copy.run_cycle(Mode::Wake { task, plastic: false }).eaten);
        }
        score
    }

    /// A copy for a test of `task` with its own random stream and a fresh world.
    pub fn test_copy(&self, task: Task, test_number: u64) -> Simulation {
        self.copy_for_test(task, test_number * 2 + task.index() as u64)
    }

    /// A copy for probe number `probe_number` of `task` (see [`super::probe`]): as a test
    /// copy, from a stream of its own, apart from the test blocks' streams, so that probing
    /// changes no test block's score.
    pub fn probe_copy(&self, task: Task, probe_number: u64) -> Simulation {
        self.copy_for_test(task, PROBE_STREAMS + probe_number * 2 + task.index() as u64)
    }

    /// A copy for a test of `task` whose random stream is number `stream`.
    fn copy_for_test(&self, task: Task, stream: u64) -> Simulation {
        let mut copy = self.clone();
        copy.spike_log = None;
        copy.rng = SimRng::new(derive_seed(self.seed, stream));
        let p = &copy.params.world;
        copy.worlds = [None, None];
        copy.worlds[task.index()] = Some(World::new(p.size_cells, p.food_fraction, task, &mut copy.rng));
        copy.exploration = copy.params.network.exploration_base;
        copy
    }

    /// This animal, the same network in the same state, living on in fresh worlds from
    /// random stream `life` of its own: another life of the same animal, as the weight-space
    /// analysis trains to find the solutions this network reaches (Golden et al. 2022, Fig 7).
    pub fn reference_copy(&self, life: u64) -> Simulation {
        let mut copy = self.clone();
        copy.spike_log = None;
        copy.rng = SimRng::new(derive_seed(self.seed, REFERENCE_STREAMS + life));
        copy.worlds = [None, None];
        copy
    }

    /// A number for the next test block's random stream (advanced by each test).
    pub fn next_test_number(&mut self) -> u64 {
        self.tests_run += 1;
        self.tests_run
    }

    /// Skips the quiet steps from `step` on, up to `until` (the next step at which a hidden
    /// spike may come), if the outputs have none to run: no input queued, no neuron
    /// refractory and, with `background` kicks (awake), no kick due. Such steps draw no
    /// random number and fire nothing. The spike histories move on with them when the
    /// state is `plastic`. Returns how many were skipped (none may be).
    fn skip_quiet_steps(&mut self, step: usize, until: usize, background: bool, plastic: bool) -> usize {
        let quiet = self.outputs.quiet_steps(background, until - step);
        if quiet > 0 {
            self.outputs.skip_quiet(quiet, background);
            if plastic {
                self.stdp.skip_quiet(quiet);
            }
        }
        quiet
    }

    /// Counts step `step`'s spikes into `outcome`: the outputs that `fired` (into
    /// `decision` too while `deciding`) and the hidden spikes in `scratch.spikes`; and
    /// writes them to the raster when one is kept.
    fn tally_step(
        &mut self,
        step: usize,
        fired: u8,
        deciding: bool,
        outcome: &mut CycleOutcome,
        decision: &mut [u32; N_OUTPUTS],
    ) {
        count_spikes(fired, deciding, outcome, decision);
        outcome.hidden_spikes += u32::try_from(self.scratch.spikes.len()).unwrap_or(u32::MAX);
        log_step(
            self.spike_log.as_mut(),
            step,
            &self.scratch.spikes,
            fired,
            Some(&self.outputs),
        );
    }
}

fn count_spikes(fired: u8, deciding: bool, outcome: &mut CycleOutcome, decision: &mut [u32; N_OUTPUTS]) {
    if fired == 0 {
        return;
    }
    for j in 0..N_OUTPUTS {
        let bit = u32::from((fired >> j) & 1);
        outcome.output_spikes[j] += bit;
        if deciding {
            decision[j] += bit;
        }
    }
}

fn log_step(log: Option<&mut SpikeLog>, step: usize, hidden: &[u16], fired: u8, outputs: Option<&Outputs>) {
    let Some(log) = log else { return };
    // No output neurons (development): all at rest.
    log.output_potential
        .push(outputs.map_or([0.0; N_OUTPUTS], Outputs::potential_now));
    let step = u8::try_from(step).unwrap_or(u8::MAX);
    log.hidden.extend(hidden.iter().map(|&i| (step, i)));
    for j in 0..8_u8 {
        if fired & (1 << j) != 0 {
            log.output.push((step, j));
        }
    }
}
