//! One block of a schedule as a preset writes it, and what it costs in cycles.

use serde::{Deserialize, Serialize};

use crate::sim::world::Task;

/// One block of a schedule, as written in a preset's `[[schedule]]` array.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "lowercase", deny_unknown_fields)]
pub enum Block {
    /// Awake and learning in `task`'s world.
    Wake {
        /// The task.
        task: Task,
        /// Length in movement cycles.
        cycles: u64,
    },
    /// Asleep.
    Sleep {
        /// Length in movement cycles.
        cycles: u64,
    },
    /// Developing a learned hidden layer (unsupervised, all four bar kinds; the only
    /// block in which input→hidden weights learn). Passes with a detector layer.
    Develop {
        /// Length in movement cycles.
        cycles: u64,
    },
    /// Frozen test: T1 in a T1 world, then T2 in a T2 world, `cycles` each.
    Test {
        /// Cycles per task.
        cycles: u64,
        /// The name the results are reported under.
        label: String,
    },
    /// Holds the strongest `top_percent` % of the hidden→output synapses (by weight at
    /// this moment) fixed for the rest of the run (the paper's freezing control). Takes no
    /// cycles.
    Freeze {
        /// The share of all synapses to freeze, in percent.
        top_percent: f64,
    },
    /// Releases every frozen synapse. Takes no cycles.
    Unfreeze,
    /// The inner blocks, `times` times over.
    Repeat {
        /// How often.
        times: u64,
        /// The blocks repeated (wake and sleep; tests are allowed too).
        blocks: Vec<Block>,
    },
}

impl Block {
    /// Movement cycles the block takes, tests counting both tasks (saturating).
    pub fn total_cycles(&self) -> u64 {
        match self {
            Block::Wake { cycles, .. } | Block::Sleep { cycles } | Block::Develop { cycles } => *cycles,
            Block::Test { cycles, .. } => cycles.saturating_mul(2),
            Block::Freeze { .. } | Block::Unfreeze => 0,
            Block::Repeat { times, blocks } => times.saturating_mul(total_cycles(blocks)),
        }
    }
}

/// Movement cycles a whole schedule takes (saturating at `u64::MAX`).
pub fn total_cycles(blocks: &[Block]) -> u64 {
    blocks
        .iter()
        .fold(0, |sum: u64, b| sum.saturating_add(b.total_cycles()))
}
