//! The runner's place in a schedule: walks the blocks in order, expanding repeats lazily
//! (a repeat of a billion costs no memory), and counts its own steps so that they can be
//! held against [`crate::sim::schedule::cost::ScheduleCost`].

use super::Block;

/// Walks a schedule's blocks in order. Give it a schedule from
/// [`crate::sim::schedule::cost::runnable`]: a repeat that runs no block is stepped over
/// here too, but only the runnable form bounds the walk by its cost.
#[derive(Clone, Debug)]
pub(super) struct Cursor {
    /// One frame per nesting level: the next block's index and the rounds left.
    stack: Vec<(usize, u64)>,
    /// Blocks looked at so far (repeat blocks included, once per round they are met).
    pub(super) steps: u64,
    /// Wake, sleep and test blocks handed out so far.
    pub(super) leaves: u64,
}

impl Cursor {
    pub(super) fn new() -> Self {
        Self {
            stack: vec![(0, 1)],
            steps: 0,
            leaves: 0,
        }
    }

    /// One entry per nesting level, outermost first: the next block's index and the rounds
    /// left (empty once the walk is over).
    pub(super) fn levels(&self) -> &[(usize, u64)] {
        &self.stack
    }

    /// The list of blocks the innermost frame walks.
    fn list<'a>(root: &'a [Block], stack: &[(usize, u64)]) -> &'a [Block] {
        let mut list = root;
        for &(next, _) in &stack[..stack.len().saturating_sub(1)] {
            if let Some(Block::Repeat { blocks, .. }) = list.get(next.wrapping_sub(1)) {
                list = blocks;
            }
        }
        list
    }

    /// The next wake, sleep or test block, or `None` at the end.
    pub(super) fn next_leaf(&mut self, root: &[Block]) -> Option<Block> {
        loop {
            let depth = self.stack.len();
            if depth == 0 {
                return None;
            }
            let list = Self::list(root, &self.stack);
            let (next, times_left) = self.stack[depth - 1];
            if let Some(block) = list.get(next) {
                self.stack[depth - 1].0 += 1;
                self.steps += 1;
                match block {
                    Block::Repeat { times, blocks } => {
                        if *times > 0 && !blocks.is_empty() {
                            self.stack.push((0, *times));
                        }
                    }
                    leaf => {
                        self.leaves += 1;
                        return Some(leaf.clone());
                    }
                }
            } else if times_left > 1 {
                self.stack[depth - 1] = (0, times_left - 1);
            } else {
                self.stack.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Task;
    use crate::sim::schedule::total_cycles;

    fn wake(task: Task, cycles: u64) -> Block {
        Block::Wake { task, cycles }
    }

    #[test]
    fn cursor_expands_nested_repeats_in_order() {
        let schedule = vec![
            wake(Task::T1, 1),
            Block::Repeat {
                times: 2,
                blocks: vec![
                    wake(Task::T2, 2),
                    Block::Repeat {
                        times: 2,
                        blocks: vec![Block::Sleep { cycles: 3 }],
                    },
                ],
            },
            Block::Repeat {
                times: 0,
                blocks: vec![wake(Task::T1, 9)],
            },
            Block::Sleep { cycles: 4 },
        ];
        let mut cursor = Cursor::new();
        let mut leaves = Vec::new();
        while let Some(b) = cursor.next_leaf(&schedule) {
            leaves.push(b);
        }
        let sleep3 = Block::Sleep { cycles: 3 };
        assert_eq!(
            leaves,
            vec![
                wake(Task::T1, 1),
                wake(Task::T2, 2),
                sleep3.clone(),
                sleep3.clone(),
                wake(Task::T2, 2),
                sleep3.clone(),
                sleep3,
                Block::Sleep { cycles: 4 },
            ]
        );
        assert_eq!(cursor.leaves, 8);
        assert_eq!(total_cycles(&schedule), 1 + 2 * (2 + 6) + 4);
    }
}
