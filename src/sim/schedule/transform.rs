//! Schedules made from schedules: the same one without its sleep blocks (the "without
//! sleep" twin), and with a development first where a learned hidden layer needs one.

use super::Block;
use crate::sim::params::{HiddenKind, Params};

/// The schedule without its sleep blocks (the "without sleep" twin).
pub fn without_sleep(blocks: &[Block]) -> Vec<Block> {
    blocks
        .iter()
        .filter(|b| !matches!(b, Block::Sleep { .. }))
        .map(|b| match b {
            Block::Repeat { times, blocks } => Block::Repeat {
                times: *times,
                blocks: without_sleep(blocks),
            },
            other => other.clone(),
        })
        .collect()
}

/// `schedule`, with a `develop` block of `development.cycles` first when the hidden layer is
/// a learned one and nothing in the schedule develops it.
pub(super) fn with_development(params: &Params, mut schedule: Vec<Block>) -> Vec<Block> {
    if params.network.hidden == HiddenKind::Learned && !develops(&schedule) {
        let cycles = params.development.cycles;
        schedule.insert(0, Block::Develop { cycles });
    }
    schedule
}

/// Whether `blocks` (or a repeat among them) develop the hidden layer.
fn develops(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Develop { .. } => true,
        Block::Repeat { blocks, .. } => develops(blocks),
        _ => false,
    })
}
