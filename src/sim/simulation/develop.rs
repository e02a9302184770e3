//! A development cycle (docs/model.md §2b): the agent wanders at random in a world of all four
//! bar kinds while a learned hidden layer's input weights learn, unsupervised. The outputs
//! and the hidden→output synapses take no part. When development ends (at the first cycle
//! of any other kind) the input weights are frozen and each unit's threshold is fixed.

use crate::sim::hidden::{HiddenLayer, VIEW_CELLS, fill_occupied};
use crate::sim::network::{DIRECTIONS, N_OUTPUTS};
use crate::sim::rng::{SimRng, derive_seed};
use crate::sim::world::World;

use super::{CycleOutcome, Mode, NO_BAR_TAG, Simulation, log_step};

/// The stream numbers (see [`derive_seed`]) of a learned layer's wiring and of its
/// development: streams of their own, so that developing leaves waking's numbers as they
/// were.
const WIRING_STREAM: u64 = u64::MAX - 1;
const DEVELOP_STREAM: u64 = u64::MAX - 2;

/// The random stream a learned layer of seed `seed` is wired from.
pub(super) fn wiring_rng(seed: u64) -> SimRng {
    SimRng::new(derive_seed(seed, WIRING_STREAM))
}

/// Each hidden unit's group in the per-bar tallies: the index of the bar kind that drives
/// it, or `NO_BAR_GROUP` for a unit with no single bar (a mixed learned unit).
pub(super) fn bar_tags(hidden: &HiddenLayer) -> Vec<u8> {
    (0..hidden.len())
        .map(|i| {
            hidden.kind_of(i).map_or(NO_BAR_TAG, |kind| {
                u8::try_from(kind.index()).unwrap_or(NO_BAR_TAG)
            })
        })
        .collect()
}

/// What development keeps between its cycles.
#[derive(Clone, Debug)]
pub(super) struct Development {
    /// Its own random stream: the world, the moves, the release noise of input events.
    rng: SimRng,
    /// The world of all four bar kinds, made on the first development cycle.
    world: Option<World>,
    /// Whether development cycles ran since the input weights were last frozen.
    unfrozen: bool,
    /// Scratch: which view cells hold food, and the view.
    occupied: Vec<bool>,
    view: Vec<u16>,
}

impl Development {
    /// Nothing developed yet, for the animal of seed `seed`.
    pub(super) fn new(seed: u64) -> Self {
        Self {
            rng: SimRng::new(derive_seed(seed, DEVELOP_STREAM)),
            world: None,
            unfrozen: false,
            occupied: vec![false; VIEW_CELLS * VIEW_CELLS],
            view: Vec::new(),
        }
    }
}

impl Simulation {
    /// One development cycle. With a detector layer nothing develops: the cycle passes.
    pub(super) fn develop_cycle(&mut self) -> CycleOutcome {
        let mut outcome = CycleOutcome::default();
        if let Some(log) = &mut self.spike_log {
            log.clear();
        }
        let release_noise = self.params.network.release_noise;
        let world_params = &self.params.world;
        let dev = &mut self.develop;
        let Some(layer) = self.hidden.learned_mut() else {
            return outcome;
        };
        let world = dev.world.get_or_insert_with(|| {
            World::with_all_kinds(world_params.size_cells, world_params.food_fraction, &mut dev.rng)
        });
        world.view(VIEW_CELLS, &mut dev.view);
        fill_occupied(&dev.view, &mut dev.occupied);
        layer.develop(
            &dev.occupied,
            &self.params.development,
            release_noise,
            &mut dev.rng,
            &mut self.scratch.spikes,
        );
        dev.unfrozen = true;
        // The winners spike once, right after their inputs (for the raster); the outputs
        // rest.
        for step in 0..self.params.network.cycle_ms {
            let spikes: &[u16] = if step == 1 { &self.scratch.spikes } else { &[] };
            log_step(self.spike_log.as_mut(), step, spikes, 0, None);
        }
        outcome.hidden_spikes = u32::try_from(self.scratch.spikes.len()).unwrap_or(u32::MAX);
        // A random walk shows every bar at every place of the view; what is stepped on is
        // eaten and reappears elsewhere, so the world keeps changing.
        let direction = dev.rng.below(N_OUTPUTS);
        world.move_agent(DIRECTIONS[direction], &mut dev.rng);
        outcome
    }

    /// The world of all four bar kinds a learned layer develops in, once made.
    pub fn development_world(&self) -> Option<&World> {
        self.develop.world.as_ref()
    }

    /// Before a cycle of `mode`: any cycle but a development cycle ends development.
    pub(super) fn end_development_unless(&mut self, mode: Mode) {
        if mode != Mode::Develop {
            self.finish_development();
        }
    }

    /// Ends development if any ran since the last freeze: input weights frozen, thresholds
    /// fixed, each unit's preferred orientation (and so its task tag) read from its weights.
    /// Runs by itself before the first cycle of any other kind.
    pub fn finish_development(&mut self) {
        if !self.develop.unfrozen {
            return;
        }
        self.develop.unfrozen = false;
        let fraction = self.params.development.frozen_threshold_fraction;
        let release_noise = self.params.network.release_noise;
        if let Some(layer) = self.hidden.learned_mut() {
            layer.freeze(fraction, release_noise);
        }
        self.bar_tags = bar_tags(&self.hidden);
    }
}
