//! Unit tests of the schedule helpers.

use super::*;

fn wake(task: Task, cycles: u64) -> Block {
    Block::Wake { task, cycles }
}

#[test]
fn without_sleep_drops_every_sleep_block() {
    let schedule = vec![Block::Repeat {
        times: 3,
        blocks: vec![wake(Task::T2, 2), Block::Sleep { cycles: 3 }],
    }];
    assert_eq!(total_cycles(&without_sleep(&schedule)), 6);
}
