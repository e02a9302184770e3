//! The thread answers Pause, Reset and Close within moments whatever it is doing: a long
//! probe and a long run of blocks that take no cycles are done in small pieces, with a
//! look at the command queue between them.

use std::time::{Duration, Instant};

use super::*;
use crate::sim::Params;
use crate::sim::probe::Probes;
use crate::sim::schedule::Block;
use crate::sim::world::Task;

/// How long the thread may take to answer (generous: the machine may be loaded; the work
/// it is in the middle of takes far longer).
const ANSWER: Duration = Duration::from_secs(2);

fn wake(cycles: u64) -> Block {
    Block::Wake {
        task: Task::T1,
        cycles,
    }
}

/// Probes of a million frozen cycles per task, the most a preset allows, after every 100
/// waking cycles: each probe takes many seconds. The first starts after cycle 100.
fn long_probes() -> (Preset, u64) {
    let probes = Probes {
        every_cycles: 100,
        cycles: Probes::MAX_CYCLES,
    };
    Preset::from_parts("long probes", "", 3, &Params::default(), vec![wake(300)])
        .and_then(|p| p.with_probes(probes))
        .map(|p| (p, 100))
        .expect("a valid preset")
}

/// A million freeze and unfreeze blocks (the most a run may hold) between two wakes: they
/// start after cycle 5.
fn many_zero_cycle_blocks() -> (Preset, u64) {
    let schedule = vec![
        wake(5),
        Block::Repeat {
            times: 500_000,
            blocks: vec![Block::Freeze { top_percent: 50.0 }, Block::Unfreeze],
        },
        wake(5),
    ];
    let preset = Preset::from_parts("many freezes", "", 3, &Params::default(), schedule);
    (preset.expect("a valid preset"), 5)
}

/// Starts `preset` following its schedule at full speed, and waits until the thread is
/// in its long work, which starts after cycle `long_work_from`.
fn busy_worker(preset: Preset, long_work_from: u64) -> WorkerHandle {
    let worker = WorkerHandle::spawn(preset, 3, || {}).expect("the thread starts");
    for command in [Command::SetPhase(Phase::Schedule), Command::Run(true)] {
        assert_eq!(worker.send(command), Ok(()));
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Some(frame) = worker.recv_timeout(Duration::from_millis(50))
            && frame.cycle + 5 >= long_work_from
        {
            // Well into the long work: the answer below is not the end of it.
            std::thread::sleep(Duration::from_millis(200));
            return worker;
        }
    }
    panic!("the run never started");
}

/// Waits up to [`ANSWER`] for a frame that has applied every command sent and satisfies
/// `done`; returns it and the time it took.
fn answer(worker: &WorkerHandle, done: impl Fn(&Frame) -> bool) -> (Option<Frame>, Duration) {
    let start = Instant::now();
    while start.elapsed() < ANSWER {
        if let Some(frame) = worker.recv_timeout(Duration::from_millis(20))
            && worker.is_current(&frame)
            && done(&frame)
        {
            return (Some(frame), start.elapsed());
        }
    }
    (None, start.elapsed())
}

fn pause_is_answered((preset, start): (Preset, u64)) {
    let worker = busy_worker(preset, start);
    assert_eq!(worker.send(Command::Run(false)), Ok(()));
    let (frame, waited) = answer(&worker, |f| !f.running);
    assert!(frame.is_some(), "no pause within {waited:?}");
    assert!(
        !frame.is_some_and(|f| f.schedule_finished),
        "the long work was not over"
    );
}

fn reset_is_answered((preset, start): (Preset, u64)) {
    let worker = busy_worker(preset, start);
    let (frame, waited) = reset_to_seed_9(&worker);
    let frame = frame.unwrap_or_else(|| panic!("no reset within {waited:?}"));
    assert_eq!((frame.seed, frame.cycle, frame.running), (9, 0, false));
}

/// Sends a reset to a short preset at seed 9 and waits for the frame of the new run.
fn reset_to_seed_9(worker: &WorkerHandle) -> (Option<Frame>, Duration) {
    let fresh =
        Preset::from_parts("short", "", 3, &Params::default(), vec![wake(10)]).expect("a valid preset");
    let command = Command::Reset {
        preset: Box::new(fresh),
        seed: 9,
    };
    assert_eq!(worker.send(command), Ok(()));
    answer(worker, |f| f.epoch == 1)
}

fn close_is_answered((preset, start): (Preset, u64)) {
    let worker = busy_worker(preset, start);
    let done = worker.done.clone();
    let start = Instant::now();
    drop(worker);
    // The thread's own word that its work is over: its end of `done` is dropped.
    let ended = done.recv_timeout(ANSWER);
    assert_eq!(
        ended,
        Err(RecvTimeoutError::Disconnected),
        "the thread still worked {:?} after the window closed",
        start.elapsed()
    );
}

#[test]
fn pause_is_answered_in_the_middle_of_a_long_probe() {
    pause_is_answered(long_probes());
}

#[test]
fn reset_is_answered_in_the_middle_of_a_long_probe() {
    reset_is_answered(long_probes());
}

#[test]
fn close_is_answered_in_the_middle_of_a_long_probe() {
    close_is_answered(long_probes());
}

#[test]
fn pause_is_answered_among_a_million_blocks_of_no_cycles() {
    pause_is_answered(many_zero_cycle_blocks());
}

#[test]
fn reset_is_answered_among_a_million_blocks_of_no_cycles() {
    reset_is_answered(many_zero_cycle_blocks());
}

#[test]
fn close_is_answered_among_a_million_blocks_of_no_cycles() {
    close_is_answered(many_zero_cycle_blocks());
}

#[test]
fn a_step_in_the_middle_of_a_long_probe_still_pauses_at_once() {
    let (preset, start) = long_probes();
    let worker = busy_worker(preset, start);
    assert_eq!(worker.send(Command::Run(false)), Ok(()));
    assert!(answer(&worker, |f| !f.running).0.is_some());
    // A step owes a whole cycle, and the probe comes first: the thread works on it but
    // still takes a pause... and a reset at once.
    assert_eq!(worker.send(Command::Step), Ok(()));
    let (frame, waited) = reset_to_seed_9(&worker);
    assert!(frame.is_some(), "no reset within {waited:?}");
}
