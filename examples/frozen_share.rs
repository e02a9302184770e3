//! Which synapses a freeze block holds fixed, for the freezing study (docs/size-study.md):
//! runs a preset's schedule to its first cycle of waking in task 2 (after the freeze) and
//! prints, per seed, how many synapses are frozen, the share of them on hidden units of
//! task 1's bars, of task 2's and of no single task, the share of all hidden→output weight
//! they hold, and the share of task 2's units' weight that is frozen.
//!
//! `cargo run --release --example frozen_share -- PRESET FIRST_SEED SEEDS`

use std::path::Path;

use sleeplab::preset::Preset;
use sleeplab::sim::Simulation;
use sleeplab::sim::schedule::Experiment;
use sleeplab::sim::simulation::Mode;
use sleeplab::sim::world::Task;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, path, first, seeds] = args.as_slice() else {
        return Err("usage: frozen_share PRESET FIRST_SEED SEEDS".into());
    };
    let preset = Preset::load(Path::new(path))?;
    let first: u64 = first.parse()?;
    let seeds: u64 = seeds.parse()?;
    println!(
        "seed\tfrozen\ton task-1 units\ton task-2 units\ton other units\tshare of all weight\tshare of task-2 units' weight"
    );
    for seed in first..first + seeds {
        let sim = Simulation::new(preset.params(), seed);
        let mut experiment = Experiment::new(sim, preset.schedule().to_vec());
        while let Some(step) = experiment.step() {
            if !step.testing && matches!(step.mode, Mode::Wake { task: Task::T2, .. }) {
                break;
            }
        }
        let sim = &experiment.sim;
        let weights = sim.synapses.weights();
        let Some(frozen) = sim.synapses.frozen() else {
            return Err("the schedule froze nothing before task 2".into());
        };
        let mut by_task = [0_u64; 3];
        let (mut frozen_weight, mut all_weight) = (0.0_f64, 0.0_f64);
        let (mut t2_frozen, mut t2_all) = (0.0_f64, 0.0_f64);
        for ((i, j), &w) in weights.indexed_iter() {
            let task = sim.hidden.task_of(i);
            let is_frozen = frozen[[i, j]];
            all_weight += f64::from(w);
            if task == Some(Task::T2) {
                t2_all += f64::from(w);
            }
            if is_frozen {
                frozen_weight += f64::from(w);
                by_task[task.map_or(2, Task::index)] += 1;
                if task == Some(Task::T2) {
                    t2_frozen += f64::from(w);
                }
            }
        }
        let count: u64 = by_task.iter().sum();
        let share = |n: u64| n as f64 / count.max(1) as f64;
        println!(
            "{seed}\t{count}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}",
            share(by_task[0]),
            share(by_task[1]),
            share(by_task[2]),
            frozen_weight / all_weight,
            if t2_all > 0.0 { t2_frozen / t2_all } else { 0.0 }
        );
    }
    Ok(())
}
