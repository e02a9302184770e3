//! The digits lab's own thread: it owns the network, does what the buttons ask (train,
//! sleep, test), and sends the whole lab state after each piece of work, so that the window
//! stays responsive and only ever draws.

use crossbeam_channel::{Receiver, Sender};

use super::sliders::SleepSettings;
use crate::digits::{DigitsRun, DigitsSetup, DigitsTask, DigitsTest};

/// What the buttons ask for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Request {
    /// Learn task A (digits 0–4) or B (5–9) for the preset's epochs.
    Train(DigitsTask),
    /// Sleep with these constants, for these steps.
    Sleep(SleepSettings),
    /// Score every digit now.
    Test,
    /// Start afresh: a new network with the same seed, no bars.
    Reset,
}

/// The stages a class compares, in the order the bars show them.
pub const STAGES: [&str; 3] = ["after task A", "after task B", "after sleep"];

/// Sleep steps between two updates of the bars: the class watches sleep bring digits back.
const SLEEP_STEPS_PER_UPDATE: u32 = 250;

/// Everything the window shows of the lab.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabState {
    /// Per-digit accuracy measured after each stage (see [`STAGES`]), once it has run.
    pub stages: [Option<[f64; 10]>; 3],
    /// What the lab is doing now, if anything.
    pub busy: Option<String>,
    /// The latest test's scores of task A and task B.
    pub last_test: Option<[f64; 2]>,
    /// Sleep steps taken so far, over all sleeps.
    pub sleep_steps: u64,
    /// Why the lab cannot run, if it cannot.
    pub problem: Option<String>,
}

/// Per-digit accuracies of a test.
fn per_digit(test: &DigitsTest) -> [f64; 10] {
    test.per_class.map(crate::digits::ClassScore::accuracy)
}

/// The lab's work loop: runs until the window drops its end of either channel.
pub fn run(
    setup: &DigitsSetup,
    seed: u64,
    requests: &Receiver<Request>,
    reports: &Sender<LabState>,
    waker: &(dyn Fn() + Send + Sync),
) {
    let mut state = LabState::default();
    let publish = |state: &LabState| {
        let sent = reports.send(state.clone()).is_ok();
        waker();
        sent
    };
    let mut run = match DigitsRun::new(setup, seed) {
        Ok(run) => run,
        Err(e) => {
            state.problem = Some(e.to_string());
            publish(&state);
            return;
        }
    };
    let epochs = setup
        .schedule
        .iter()
        .find_map(|b| match b {
            crate::digits::DigitsBlock::Train { epochs, .. } => Some(*epochs),
            _ => None,
        })
        .unwrap_or(5);
    for request in requests {
        state.busy = Some(match request {
            Request::Train(DigitsTask::A) => "Learning digits 0–4…".to_owned(),
            Request::Train(_) => "Learning digits 5–9…".to_owned(),
            Request::Sleep(_) => "Sleeping…".to_owned(),
            Request::Test => "Testing…".to_owned(),
            Request::Reset => "Starting afresh…".to_owned(),
        });
        if !publish(&state) {
            return;
        }
        match request {
            Request::Train(task) => {
                run.train(task, epochs, 0.0);
                let slot = usize::from(task != DigitsTask::A);
                state.stages[slot] = Some(per_digit(&run.test(STAGES[slot])));
                // A new task makes the last sleep's bars out of date.
                state.stages[2] = None;
            }
            Request::Sleep(settings) => {
                run.set_sleep_constants(settings.constants);
                let sleep_steps = settings.steps;
                let mut done = 0;
                while done < sleep_steps {
                    let steps = SLEEP_STEPS_PER_UPDATE.min(sleep_steps - done);
                    run.sleep_steps(steps);
                    done += steps;
                    state.sleep_steps += u64::from(steps);
                    state.stages[2] = Some(per_digit(&run.test(STAGES[2])));
                    state.busy = Some(format!("Sleeping: step {done} of {sleep_steps}"));
                    if !publish(&state) {
                        return;
                    }
                }
                run.wake();
            }
            Request::Test => {}
            Request::Reset => {
                // The data loaded when the lab started, so it loads again.
                if let Ok(fresh) = DigitsRun::new(setup, seed) {
                    run = fresh;
                }
                state = LabState::default();
                state.busy = Some("Starting afresh…".to_owned());
            }
        }
        let test = run.test("test");
        state.last_test = Some(DigitsTask::SCORED.map(|t| test.accuracy(t)));
        state.busy = None;
        if !publish(&state) {
            return;
        }
    }
}
