//! What one bout of sleep and one bout of waking do to the hidden→output weights, for the
//! size study (docs/size-study.md). Over the first BOUTS wake/sleep bouts of task 2 it
//! prints, per seed: the hidden and output spikes per sleep cycle, the share of sleep
//! cycles that changed a weight, and how far the weights moved in a bout, Σ|ΔW| / ΣW over
//! all synapses (so a synapse counts by its size), in the wake half and in the sleep half;
//! and how far each output's *pattern* moved: the same measure on each output's incoming
//! weights divided by their sum, which leaves out synaptic scaling's uniform rescaling;
//! and the tug of war itself: the share of all hidden→output weight on units that see task
//! 1's bars, how much a waking bout takes from it and a sleep bout gives back.
//! The preset's schedule must hold a repeat of wake task 2 / sleep; KEY=VALUE arguments
//! change parameters as `sleeplab sweep --vary` does.
//!
//! `cargo run --release --example sleep_drive -- PRESET FIRST_SEED SEEDS BOUTS [KEY=VALUE ...]`

use std::path::Path;

use sleeplab::headless::VarySpec;
use sleeplab::headless::vary::combinations;
use sleeplab::preset::Preset;
use sleeplab::sim::Simulation;
use sleeplab::sim::network::N_OUTPUTS;
use sleeplab::sim::schedule::Experiment;
use sleeplab::sim::simulation::Mode;
use sleeplab::sim::world::Task;

/// How far the weights moved between two snapshots: Σ|ΔW| / ΣW.
fn moved(before: &[f32], after: &[f32]) -> f64 {
    let change: f64 = before
        .iter()
        .zip(after)
        .map(|(b, a)| f64::from((a - b).abs()))
        .sum();
    let total: f64 = before.iter().map(|&b| f64::from(b)).sum();
    if total > 0.0 { change / total } else { 0.0 }
}

/// Each output's incoming weights divided by their sum (`weights` row-major, one row per
/// hidden unit, one column per output).
fn pattern(weights: &[f32]) -> Vec<f32> {
    let mut sums = [0.0_f32; N_OUTPUTS];
    for (k, &w) in weights.iter().enumerate() {
        sums[k % N_OUTPUTS] += w;
    }
    weights
        .iter()
        .enumerate()
        .map(|(k, &w)| {
            let sum = sums[k % N_OUTPUTS];
            if sum > 0.0 { w / sum } else { 0.0 }
        })
        .collect()
}

/// The share of all weight on synapses from units that see task 1's bars.
fn task1_share(sim: &Simulation) -> f64 {
    let (mut task1, mut all) = (0.0_f64, 0.0_f64);
    for ((unit, _), &w) in sim.synapses.weights().indexed_iter() {
        all += f64::from(w);
        if sim.hidden.task_of(unit) == Some(Task::T1) {
            task1 += f64::from(w);
        }
    }
    if all > 0.0 { task1 / all } else { 0.0 }
}

/// One seed's tallies over the measured bouts.
#[derive(Default)]
struct Tally {
    hidden_spikes: u64,
    output_spikes: u64,
    changing_cycles: u64,
    sleep_cycles: u64,
    wake_moved: f64,
    sleep_moved: f64,
    wake_pattern_moved: f64,
    sleep_pattern_moved: f64,
    wake_task1_change: f64,
    sleep_task1_change: f64,
    task1_share_first: Option<f64>,
    task1_share_last: f64,
    bouts: u32,
}

fn measure(preset: &Preset, seed: u64, bouts: u32) -> Tally {
    let sim = Simulation::new(preset.params(), seed);
    let mut experiment = Experiment::new(sim, preset.schedule().to_vec());
    let mut tally = Tally::default();
    let mut last: Option<bool> = None;
    let mut snapshot: Vec<f32> = Vec::new();
    let mut share_before = 0.0;
    while let Some(step) = experiment.step() {
        let asleep = match step.mode {
            _ if step.testing => continue,
            Mode::Sleep => true,
            Mode::Wake { task: Task::T2, .. } => false,
            _ => continue,
        };
        if last != Some(asleep) {
            let now: Vec<f32> = experiment.sim.synapses.weights().iter().copied().collect();
            let share_now = task1_share(&experiment.sim);
            tally.task1_share_first.get_or_insert(share_now);
            tally.task1_share_last = share_now;
            match last {
                Some(true) => {
                    tally.sleep_moved += moved(&snapshot, &now);
                    tally.sleep_pattern_moved += moved(&pattern(&snapshot), &pattern(&now));
                    tally.sleep_task1_change += share_now - share_before;
                    tally.bouts += 1;
                }
                Some(false) => {
                    tally.wake_moved += moved(&snapshot, &now);
                    tally.wake_pattern_moved += moved(&pattern(&snapshot), &pattern(&now));
                    tally.wake_task1_change += share_now - share_before;
                }
                None => {}
            }
            if tally.bouts == bouts {
                break;
            }
            snapshot = now;
            share_before = share_now;
            last = Some(asleep);
        }
        if asleep {
            tally.hidden_spikes += u64::from(step.outcome.hidden_spikes);
            tally.output_spikes += step
                .outcome
                .output_spikes
                .iter()
                .map(|&s| u64::from(s))
                .sum::<u64>();
            tally.changing_cycles += u64::from(step.outcome.weights_changed);
            tally.sleep_cycles += 1;
        }
    }
    tally
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, path, first, seeds, bouts, changes @ ..] = args.as_slice() else {
        return Err("usage: sleep_drive PRESET FIRST_SEED SEEDS BOUTS [KEY=VALUE ...]".into());
    };
    let mut preset = Preset::load(Path::new(path))?;
    if !changes.is_empty() {
        let specs = changes
            .iter()
            .map(|c| c.parse::<VarySpec>())
            .collect::<Result<Vec<_>, _>>()?;
        let varied = combinations(&preset, &specs, 1)?;
        let [(_, one)] = <[_; 1]>::try_from(varied).map_err(|_| "give one value per key")?;
        preset = one;
    }
    let first: u64 = first.parse()?;
    let seeds: u64 = seeds.parse()?;
    let bouts: u32 = bouts.parse()?;
    println!(
        "seed\thidden spikes/sleep cycle\toutput spikes/sleep cycle\tsleep cycles changing W\tmoved per wake bout\tmoved per sleep bout\tpattern moved per wake bout\tpattern moved per sleep bout\ttask-1 share: first\tlast\tchange per wake bout\tper sleep bout"
    );
    for seed in first..first + seeds {
        let t = measure(&preset, seed, bouts);
        let cycles = t.sleep_cycles.max(1) as f64;
        let n = f64::from(t.bouts.max(1));
        println!(
            "{seed}\t{:.2}\t{:.3}\t{:.3}\t{:.5}\t{:.5}\t{:.5}\t{:.5}\t{:.4}\t{:.4}\t{:+.6}\t{:+.6}",
            t.hidden_spikes as f64 / cycles,
            t.output_spikes as f64 / cycles,
            t.changing_cycles as f64 / cycles,
            t.wake_moved / n,
            t.sleep_moved / n,
            t.wake_pattern_moved / n,
            t.sleep_pattern_moved / n,
            t.task1_share_first.unwrap_or(0.0),
            t.task1_share_last,
            t.wake_task1_change / n,
            t.sleep_task1_change / n
        );
    }
    Ok(())
}
