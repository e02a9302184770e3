//! A bound on the blocks that take no cycles (`freeze`, `unfreeze`). The limits on cycles
//! do not see them, yet each does real work (a freeze ranks every hidden→output synapse),
//! so a small preset repeating them hundreds of millions of times ran for hours while the
//! window's simulation thread answered nothing. Checked when a preset is read, naming the
//! block.

use crate::sim::schedule::Block;

/// Most `freeze` and `unfreeze` blocks one run may go through, repeats counted.
pub const MAX_ZERO_CYCLE_BLOCKS: u64 = 1_000_000;

/// Why a schedule has too many blocks that take no cycles.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{path}` (phase `{phase}`) runs {times} times (repeats counted), and the schedule runs {total} blocks that take no cycles in all, more than the limit of {max}", max = MAX_ZERO_CYCLE_BLOCKS)]
pub struct TooManyZeroCycleBlocks {
    /// The block that runs most often.
    pub path: String,
    /// Its phase (`freeze` or `unfreeze`).
    pub phase: &'static str,
    /// How often it runs.
    pub times: u64,
    /// Such blocks in the whole run.
    pub total: u64,
}

/// Checks that `schedule` runs at most [`MAX_ZERO_CYCLE_BLOCKS`] freeze and unfreeze
/// blocks; the refusal names the one that runs most often.
pub fn check_zero_cycle_blocks(schedule: &[Block]) -> Result<(), TooManyZeroCycleBlocks> {
    let mut total = 0_u64;
    let mut worst: Option<(String, &'static str, u64)> = None;
    walk(schedule, "schedule", 1, &mut total, &mut worst);
    match worst {
        Some((path, phase, times)) if total > MAX_ZERO_CYCLE_BLOCKS => Err(TooManyZeroCycleBlocks {
            path,
            phase,
            times,
            total,
        }),
        _ => Ok(()),
    }
}

/// Counts the zero-cycle blocks of `blocks` (at `path`), each run `rounds` times.
fn walk(
    blocks: &[Block],
    path: &str,
    rounds: u64,
    total: &mut u64,
    worst: &mut Option<(String, &'static str, u64)>,
) {
    if rounds == 0 {
        return;
    }
    for (index, block) in blocks.iter().enumerate() {
        let phase = match block {
            Block::Freeze { .. } => "freeze",
            Block::Unfreeze => "unfreeze",
            Block::Repeat { times, blocks } => {
                let inner = format!("{path}[{index}].blocks");
                walk(blocks, &inner, rounds.saturating_mul(*times), total, worst);
                continue;
            }
            _ => continue,
        };
        *total = total.saturating_add(rounds);
        if worst.as_ref().is_none_or(|(_, _, most)| rounds > *most) {
            *worst = Some((format!("{path}[{index}]"), phase, rounds));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_freezes_are_refused_naming_the_block_and_few_pass() {
        let schedule = |times| {
            vec![
                Block::Sleep { cycles: 1 },
                Block::Repeat {
                    times,
                    blocks: vec![Block::Freeze { top_percent: 10.0 }, Block::Unfreeze],
                },
            ]
        };
        let problem = check_zero_cycle_blocks(&schedule(400_000_000)).unwrap_err();
        assert_eq!(problem.path, "schedule[1].blocks[0]");
        assert_eq!(problem.total, 800_000_000);
        assert!(
            problem
                .to_string()
                .contains("(phase `freeze`) runs 400000000 times")
        );
        assert_eq!(check_zero_cycle_blocks(&schedule(500_000)), Ok(()));
        assert!(check_zero_cycle_blocks(&schedule(500_001)).is_err());
    }
}
