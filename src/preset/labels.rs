//! Test labels are unique in a schedule. Scores are reported per label (mean ± SD over
//! seeds), so a label used twice — two test blocks, or one inside a `repeat` — would be
//! pooled as if it were more seeds, and `n` and the SD would be wrong. Such a schedule is
//! refused, naming the label and the block.

use std::collections::HashMap;

use crate::sim::schedule::Block;

/// A test label used more than once in a schedule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LabelProblem {
    /// A test inside a repeat that runs more than once.
    #[error(
        "`{path}`: the test label `{label}` would be used {times} times, once per round of its `repeat`; scores are reported per label, so each test needs a label of its own (write the rounds out, or move the test out of the repeat)"
    )]
    InRepeat {
        /// The block.
        path: String,
        /// The label.
        label: String,
        /// How often the block runs.
        times: u64,
    },
    /// Two test blocks with one label.
    #[error(
        "`{path}`: the test label `{label}` is used already by `{first}`; scores are reported per label, so each test needs a label of its own"
    )]
    Again {
        /// The second block.
        path: String,
        /// The label.
        label: String,
        /// The first block with it.
        first: String,
    },
}

/// Checks that every test label of `schedule` runs once at most.
pub fn check_unique_labels(schedule: &[Block]) -> Result<(), LabelProblem> {
    let mut seen = HashMap::new();
    walk(schedule, "schedule", 1, &mut seen)
}

/// Checks `blocks` (at `path`), each run `rounds` times, against the labels `seen` so far.
fn walk<'a>(
    blocks: &'a [Block],
    path: &str,
    rounds: u64,
    seen: &mut HashMap<&'a str, String>,
) -> Result<(), LabelProblem> {
    for (index, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{index}]");
        match block {
            Block::Test { label, .. } if rounds > 0 => {
                if rounds > 1 {
                    return Err(LabelProblem::InRepeat {
                        path: here,
                        label: label.clone(),
                        times: rounds,
                    });
                }
                if let Some(first) = seen.get(label.as_str()) {
                    return Err(LabelProblem::Again {
                        path: here,
                        label: label.clone(),
                        first: first.clone(),
                    });
                }
                seen.insert(label, here);
            }
            Block::Repeat { times, blocks } => {
                walk(
                    blocks,
                    &format!("{here}.blocks"),
                    rounds.saturating_mul(*times),
                    seen,
                )?;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test(label: &str) -> Block {
        Block::Test {
            cycles: 1,
            label: label.into(),
        }
    }

    #[test]
    fn a_label_used_twice_or_inside_a_repeat_is_named() {
        let twice = [test("a"), test("b"), test("a")];
        assert_eq!(
            check_unique_labels(&twice)
                .unwrap_err()
                .to_string()
                .split(':')
                .next(),
            Some("`schedule[2]`")
        );
        let repeated = [Block::Repeat {
            times: 3,
            blocks: vec![Block::Sleep { cycles: 1 }, test("round")],
        }];
        let problem = check_unique_labels(&repeated).unwrap_err();
        assert_eq!(
            problem,
            LabelProblem::InRepeat {
                path: "schedule[0].blocks[1]".into(),
                label: "round".into(),
                times: 3
            }
        );
        // A repeat that runs once, or never, uses its labels once at most.
        for times in [0, 1] {
            let once = [
                test("a"),
                Block::Repeat {
                    times,
                    blocks: vec![test("b")],
                },
                test("c"),
            ];
            assert_eq!(check_unique_labels(&once), Ok(()));
        }
    }
}
