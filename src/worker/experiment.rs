//! The experiment the simulation thread follows: how one starts, and how its running block
//! is named in the window's status.

use crate::preset::Preset;
use crate::sim::Simulation;
use crate::sim::phase::Phase;
use crate::sim::schedule::{Block, Experiment};
use crate::sim::simulation::SpikeLog;
use crate::sim::world::Task;

/// A new experiment on a preset, recording spikes for the raster, with task 1's world
/// built (the window shows it before the first cycle).
pub(super) fn new_experiment(preset: &Preset, seed: u64) -> Experiment {
    let mut sim = Simulation::new(preset.params(), seed);
    sim.spike_log = Some(SpikeLog::default());
    sim.world(Task::T1);
    Experiment::new(sim, preset.schedule().to_vec()).with_probes(preset.probes())
}

/// The block `experiment` is running and how far it is, in words (empty unless the phase
/// follows the schedule).
pub(super) fn block_label(experiment: &Experiment, phase: Phase) -> String {
    if phase != Phase::Schedule {
        return String::new();
    }
    match experiment.current_block() {
        Some((block, done)) => match block {
            Block::Wake { task, cycles } => format!("wake {} {done}/{cycles}", task.name()),
            Block::Sleep { cycles } => format!("sleep {done}/{cycles}"),
            Block::Develop { cycles } => format!("develop {done}/{cycles}"),
            Block::Test { label, cycles } => format!("test \"{label}\" {done}/{}", cycles * 2),
            Block::Freeze { .. } | Block::Unfreeze | Block::Repeat { .. } => String::new(),
        },
        None => "schedule not started".into(),
    }
}
