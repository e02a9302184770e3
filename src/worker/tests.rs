//! The thread's promises to the window: faults are caught and told, a full queue is told
//! from a dead thread, closing never hangs, and every frame says whether the run goes on.

use std::time::{Duration, Instant};

use super::*;
use crate::sim::Params;
use crate::sim::schedule::Block;
use crate::sim::world::Task;

const PATIENCE: Duration = Duration::from_secs(20);

/// A preset whose schedule is one short waking block.
fn short_preset() -> Preset {
    let schedule = vec![Block::Wake {
        task: Task::T1,
        cycles: 30,
    }];
    Preset::from_parts("short", "", 3, &Params::default(), schedule).expect("a valid preset")
}

fn spawn() -> WorkerHandle {
    WorkerHandle::spawn(short_preset(), 3, || {}).expect("the thread starts")
}

/// Waits for a frame that has taken in every command sent and satisfies `done`.
fn wait_for(worker: &WorkerHandle, done: impl Fn(&Frame) -> bool) -> Frame {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if let Some(frame) = worker.recv_timeout(Duration::from_millis(100))
            && worker.is_current(&frame)
            && done(&frame)
        {
            return frame;
        }
    }
    panic!("no such frame within {PATIENCE:?}");
}

fn wait_until_stopped(worker: &WorkerHandle) {
    let start = Instant::now();
    while worker.is_alive() && start.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_panic_in_the_simulation_thread_is_caught_and_its_message_kept() {
    let worker = spawn();
    assert_eq!(worker.failure(), None);
    assert_eq!(
        worker.send(Command::PanicForTest("the model broke".into())),
        Ok(())
    );
    wait_until_stopped(&worker);
    assert!(!worker.is_alive());
    assert_eq!(worker.failure().as_deref(), Some("the model broke"));
    assert_eq!(worker.send(Command::Step), Err(SendError::Stopped));
}

#[test]
fn a_formatted_panic_message_is_kept_too() {
    let worker = spawn();
    let cycle = 7;
    assert_eq!(
        worker.send(Command::PanicForTest(format!("bad cycle {cycle}"))),
        Ok(())
    );
    wait_until_stopped(&worker);
    assert_eq!(worker.failure().as_deref(), Some("bad cycle 7"));
}

#[test]
fn a_full_queue_is_told_from_a_stopped_thread() {
    let worker = spawn();
    assert_eq!(worker.send(Command::StallForTest(Duration::from_secs(2))), Ok(()));
    let refusals: Vec<SendError> = (0..COMMAND_QUEUE + 10)
        .filter_map(|_| worker.send(Command::Step).err())
        .collect();
    assert!(
        !refusals.is_empty(),
        "a queue of {COMMAND_QUEUE} cannot take every command"
    );
    assert!(refusals.iter().all(|e| *e == SendError::Full), "{refusals:?}");
    assert!(worker.is_alive(), "a busy thread is not a dead one");
    assert_eq!(worker.failure(), None);
}

#[test]
fn dropping_the_handle_does_not_wait_for_a_busy_thread() {
    let worker = spawn();
    assert_eq!(
        worker.send(Command::StallForTest(Duration::from_secs(30))),
        Ok(())
    );
    let start = Instant::now();
    drop(worker);
    let waited = start.elapsed();
    assert!(
        waited < STOP_DEADLINE * 3,
        "closing waited {waited:?} for a thread busy for 30 s"
    );
}

#[test]
fn dropping_the_handle_of_an_idle_thread_joins_it() {
    let token = Arc::new(());
    let held = Arc::clone(&token);
    let worker = WorkerHandle::spawn(short_preset(), 3, move || {
        let _ = &held;
    })
    .expect("the thread starts");
    assert_eq!(Arc::strong_count(&token), 2);
    drop(worker);
    assert_eq!(Arc::strong_count(&token), 1, "the thread and its waker are gone");
}

#[test]
fn every_frame_says_whether_the_run_goes_on() {
    let worker = spawn();
    assert!(!wait_for(&worker, |_| true).running, "a fresh run is paused");
    assert_eq!(worker.send(Command::Run(true)), Ok(()));
    assert!(wait_for(&worker, |_| true).running);
    assert_eq!(worker.send(Command::Run(false)), Ok(()));
    let paused = wait_for(&worker, |_| true);
    assert!(!paused.running && !paused.schedule_finished);

    // A schedule that ends pauses the run, and the frame says why.
    assert_eq!(worker.send(Command::SetPhase(Phase::Schedule)), Ok(()));
    assert_eq!(worker.send(Command::Run(true)), Ok(()));
    let finished = wait_for(&worker, |f| f.schedule_finished);
    assert!(!finished.running);
    assert_eq!(
        finished.cycle,
        paused.cycle + 30,
        "the schedule's 30 cycles, all of them"
    );
    assert_eq!(finished.phase, Phase::Schedule);
    assert_eq!(finished.commands_applied, 4);
}

#[test]
fn a_reset_starts_a_new_record() {
    let worker = spawn();
    for _ in 0..12 {
        assert_eq!(worker.send(Command::Step), Ok(()));
    }
    let before = wait_for(&worker, |f| f.cycle == 12);
    assert!(!before.raster.is_empty());
    let preset = Box::new(short_preset());
    assert_eq!(worker.send(Command::Reset { preset, seed: 4 }), Ok(()));
    let after = wait_for(&worker, |_| true);
    assert_eq!((after.epoch, after.seed, after.cycle), (before.epoch + 1, 4, 0));
    assert!(after.raster.is_empty() && after.new_spans.is_empty() && after.activity.is_none());
    assert_eq!(after.replay, ReplayMeter::default());
}

#[test]
fn probes_reach_the_window_for_the_run_and_its_twin() {
    let schedule = vec![
        Block::Wake {
            task: Task::T1,
            cycles: 300,
        },
        Block::Repeat {
            times: 2,
            blocks: vec![
                Block::Wake {
                    task: Task::T2,
                    cycles: 100,
                },
                Block::Sleep { cycles: 100 },
            ],
        },
    ];
    let probes = crate::sim::probe::Probes {
        every_cycles: 100,
        cycles: 20,
    };
    let preset = Preset::from_parts("probed", "", 3, &Params::default(), schedule)
        .and_then(|p| p.with_probes(probes))
        .expect("a valid preset");
    let worker = WorkerHandle::spawn(preset, 3, || {}).expect("the thread starts");
    for command in [
        Command::SetTwin(true),
        Command::SetPhase(Phase::Schedule),
        Command::Run(true),
    ] {
        assert_eq!(worker.send(command), Ok(()));
    }
    let (mut main, mut twin) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        let Some(frame) = worker.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        if !worker.is_current(&frame) {
            continue;
        }
        main.extend(frame.new_probes.iter().map(|p| p.at_cycle));
        if let Some(t) = &frame.twin {
            twin.extend(t.new_probes.iter().map(|p| p.at_cycle));
        }
        if frame.schedule_finished {
            break;
        }
    }
    // 700 waking and sleep cycles: a probe after every 100.
    assert_eq!(main, (1..=7).map(|k| k * 100).collect::<Vec<_>>());
    // The twin skips sleep: 500 waking cycles, a probe after every 100 of them, dated by
    // the main run's clock (it waits while the main run sleeps, so its 500th cycle is the
    // main run's 600th).
    assert_eq!(twin, vec![100, 200, 300, 400, 600]);
}

#[test]
fn a_paused_thread_sends_frames_only_when_something_happened() {
    let worker = spawn();
    let first = wait_for(&worker, |_| true);
    assert!(!first.running);
    // Nothing happens: no frame for several of the paused thread's looks at its commands.
    while worker.recv_timeout(Duration::from_millis(10)).is_some() {}
    assert!(
        worker.recv_timeout(Duration::from_millis(400)).is_none(),
        "a paused thread woke the window for nothing"
    );
    // A command is news: its frame comes, with the cycle it ran.
    assert_eq!(worker.send(Command::Step), Ok(()));
    let stepped = wait_for(&worker, |f| f.cycle == 1);
    assert!(!stepped.running);
}

#[test]
fn next_sleep_runs_to_the_start_of_the_next_sleep_period_and_pauses_there() {
    let schedule = vec![
        Block::Wake {
            task: Task::T1,
            cycles: 40,
        },
        Block::Sleep { cycles: 30 },
        Block::Wake {
            task: Task::T2,
            cycles: 20,
        },
        Block::Sleep { cycles: 30 },
    ];
    let preset = Preset::from_parts("sleeps", "", 3, &Params::default(), schedule).expect("a valid preset");
    let worker = WorkerHandle::spawn(preset, 3, || {}).expect("the thread starts");
    worker.send(Command::SetPhase(Phase::Schedule)).expect("sent");
    worker.send(Command::RunToSleep).expect("sent");
    let first = wait_for(&worker, |f| !f.running && f.cycle > 0);
    assert_eq!(first.cycle, 41, "paused on the first cycle of the first sleep");
    assert_eq!(first.activity, Some(Activity::Sleep));
    // From inside a sleep, the next one: through the wake between them.
    worker.send(Command::RunToSleep).expect("sent");
    let second = wait_for(&worker, |f| !f.running && f.cycle > 41);
    assert_eq!(second.cycle, 91);
    assert_eq!(second.activity, Some(Activity::Sleep));
}
