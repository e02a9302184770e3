//! What a preset's parameters and schedule must agree on: a `develop` block needs a
//! learned hidden layer (a detector layer would skip it without a word), and the
//! development a learned layer gets when its schedule has no `develop` block counts
//! against the limit of cycles like any block.

use super::limits::MAX_SCHEDULE_CYCLES;
use crate::sim::params::{HiddenKind, Params};
use crate::sim::schedule::{Block, total_cycles};

/// The first disagreement between `params` and `schedule`, in words naming the block.
pub fn disagreement(params: &Params, schedule: &[Block]) -> Option<String> {
    let develop = first_develop(schedule, "schedule");
    match (params.network.hidden, develop) {
        (HiddenKind::Detectors, Some(path)) => Some(format!(
            "`{path}` is a `develop` block, but this preset's hidden layer is bar detectors, which do not develop: remove the block, or set `network.hidden = \"learned\"`"
        )),
        (HiddenKind::Learned, None) => {
            let implicit = params.development.cycles;
            let total = total_cycles(schedule).saturating_add(implicit);
            (total > MAX_SCHEDULE_CYCLES).then(|| {
                format!(
                    "`schedule` with the {implicit} cycles of development a learned layer gets first (`development.cycles`, as the schedule has no `develop` block) runs {total} cycles in all, more than the limit of {MAX_SCHEDULE_CYCLES}"
                )
            })
        }
        _ => None,
    }
}

/// The path of the first `develop` block in `blocks` (at `path`), repeats searched.
fn first_develop(blocks: &[Block], path: &str) -> Option<String> {
    blocks.iter().enumerate().find_map(|(index, block)| match block {
        Block::Develop { .. } => Some(format!("{path}[{index}]")),
        Block::Repeat { blocks, .. } => first_develop(blocks, &format!("{path}[{index}].blocks")),
        _ => None,
    })
}
