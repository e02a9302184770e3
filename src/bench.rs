//! `sleeplab bench`: the single-thread speed of the default preset's model and of the same
//! model with the paper's learned hidden layer (784 units, developed first), each as the
//! median of several timed rounds of waking, sleep and frozen test cycles.

use std::time::Instant;

use crate::sim::params::HiddenKind;
use crate::sim::{Mode, Params, Simulation, Task};

/// Cycles per second of each kind of cycle.
#[derive(Clone, Copy, Debug)]
pub struct BenchResult {
    /// Plastic waking cycles per second.
    pub wake_hz: f64,
    /// Sleep cycles per second (with sleep plasticity).
    pub sleep_hz: f64,
    /// Frozen test cycles per second.
    pub test_hz: f64,
}

const ROUNDS: usize = 5;
const BATCH_CYCLES: u64 = 500;

/// Development cycles the learned layer gets before it is timed (untimed).
const LEARNED_DEVELOP_CYCLES: u64 = 20_000;

/// The parameters timed: the default preset's, the model the window opens on and the
/// paper table runs (its multiplicative, activity-normalised reward through its traces).
fn default_model() -> Params {
    crate::ui::default_preset().params()
}

/// Times the default preset's model for about `seconds` in all.
pub fn run(seconds: f64) -> BenchResult {
    measure(Simulation::new(default_model(), 1), seconds)
}

/// Times the default preset's model with the paper's learned hidden layer (the default
/// `[development]`: 784 units), developed for 20,000 cycles first, for about `seconds`.
pub fn run_learned(seconds: f64) -> BenchResult {
    let mut params = default_model();
    params.network.hidden = HiddenKind::Learned;
    params.development = Params::default().development;
    let mut sim = Simulation::new(params, 1);
    for _ in 0..LEARNED_DEVELOP_CYCLES {
        sim.run_cycle(Mode::Develop);
    }
    measure(sim, seconds)
}

/// Times `sim` for about `seconds` in all.
fn measure(mut sim: Simulation, seconds: f64) -> BenchResult {
    // Train first, so that weights, rates and activity look like those of a real run.
    for _ in 0..5_000 {
        sim.run_cycle(Mode::Wake {
            task: Task::T1,
            plastic: true,
        });
    }
    let slice = seconds / (3.0 * ROUNDS as f64);
    let wake_hz = median_rate(
        &mut sim,
        Mode::Wake {
            task: Task::T1,
            plastic: true,
        },
        slice,
    );
    let sleep_hz = median_rate(&mut sim, Mode::Sleep, slice);
    let test_hz = median_rate(
        &mut sim,
        Mode::Wake {
            task: Task::T2,
            plastic: false,
        },
        slice,
    );
    BenchResult {
        wake_hz,
        sleep_hz,
        test_hz,
    }
}

fn median_rate(sim: &mut Simulation, mode: Mode, slice_secs: f64) -> f64 {
    let mut rates: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            let mut cycles = 0_u64;
            while start.elapsed().as_secs_f64() < slice_secs {
                for _ in 0..BATCH_CYCLES {
                    std::hint::black_box(sim.run_cycle(mode));
                }
                cycles += BATCH_CYCLES;
            }
            cycles as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    rates[ROUNDS / 2]
}

impl BenchResult {
    /// The three lines `sleeplab bench` prints for one model.
    pub fn lines(&self) -> String {
        format!(
            "wake   {:>9.0} cycles/s\nsleep  {:>9.0} cycles/s\ntest   {:>9.0} cycles/s\n",
            self.wake_hz, self.sleep_hz, self.test_hz
        )
    }
}
