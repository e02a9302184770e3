//! The learned hidden layer (docs/model.md §2b): development makes its units bar-selective,
//! its input weights learn in development only, a learned-layer schedule without a
//! `develop` block develops first, and all of it is deterministic.

use sleeplab::sim::hidden::HiddenLayer;
use sleeplab::sim::params::{HiddenKind, Wiring};
use sleeplab::sim::schedule::{Block, Experiment};
use sleeplab::sim::{BarKind, Mode, Params, Simulation, Task};

/// The paper's layer at a size a test can develop quickly.
fn learned(units: usize) -> Params {
    let mut params = Params::default();
    params.network.hidden = HiddenKind::Learned;
    params.development.units = units;
    params
}

fn develop(sim: &mut Simulation, cycles: u64) {
    for _ in 0..cycles {
        sim.run_cycle(Mode::Develop);
    }
    sim.finish_development();
}

/// How many units prefer each orientation (H, V, D+, D−), and how many none.
fn preferences(hidden: &HiddenLayer) -> ([usize; 4], usize) {
    let mut kinds = [0; 4];
    let mut none = 0;
    for unit in 0..hidden.len() {
        match hidden.kind_of(unit) {
            Some(kind) => kinds[kind.index()] += 1,
            None => none += 1,
        }
    }
    (kinds, none)
}

/// Every input weight of every unit, as bits.
fn input_weights(sim: &Simulation) -> Vec<u32> {
    let layer = sim.hidden.learned().expect("a learned layer");
    (0..layer.len())
        .flat_map(|u| layer.input_weights(u).iter().map(|w| w.to_bits()))
        .collect()
}

/// Every hidden→output weight, as bits, to compare runs exactly.
fn output_weights(sim: &Simulation) -> Vec<u32> {
    sim.synapses.weights().iter().map(|w| w.to_bits()).collect()
}

#[test]
fn development_makes_most_units_prefer_one_orientation() {
    let mut sim = Simulation::new(learned(196), 1);
    let (_, undeveloped_none) = preferences(&sim.hidden);
    // Equal input weights: a unit responds to any two of its cells, of any orientation.
    assert!(
        undeveloped_none > 190,
        "{undeveloped_none} of 196 mixed before development"
    );
    develop(&mut sim, 20_000);
    let (kinds, none) = preferences(&sim.hidden);
    let selective: usize = kinds.iter().sum();
    assert!(
        selective * 10 >= 196 * 8,
        "only {selective} of 196 select one orientation: {kinds:?}"
    );
    // Every orientation gets its share, none crowds the others out.
    for (kind, &count) in BarKind::ALL.iter().zip(&kinds) {
        assert!(
            count >= 196 / 10,
            "{kind:?}: {count} units ({kinds:?}, {none} mixed)"
        );
    }
}

#[test]
fn input_weights_learn_only_in_development() {
    let mut sim = Simulation::new(learned(64), 2);
    let start = input_weights(&sim);
    develop(&mut sim, 2_000);
    let developed = input_weights(&sim);
    assert_ne!(start, developed, "development changed no input weight");
    let task = Task::T1;
    for _ in 0..1_000 {
        sim.run_cycle(Mode::Wake { task, plastic: true });
    }
    for _ in 0..500 {
        sim.run_cycle(Mode::Sleep);
    }
    assert_eq!(
        developed,
        input_weights(&sim),
        "waking or sleep changed input weights"
    );
    // The hidden→output weights did learn meanwhile: the freeze is of the input side only.
    assert_ne!(sim.synapses, Simulation::new(learned(64), 2).synapses);
}

#[test]
fn a_learned_schedule_without_a_develop_block_develops_first() {
    let params = learned(32);
    let cycles = params.development.cycles;
    let schedule = vec![Block::Wake {
        task: Task::T1,
        cycles: 10,
    }];
    let experiment = Experiment::new(Simulation::new(params, 3), schedule.clone());
    assert_eq!(experiment.schedule()[0], Block::Develop { cycles });
    assert_eq!(&experiment.schedule()[1..], &schedule[..]);
    // A detector network's schedule is left as it is.
    let detectors = Experiment::new(Simulation::new(Params::default(), 3), schedule.clone());
    assert_eq!(detectors.schedule(), &schedule[..]);
}

#[test]
fn one_seed_develops_and_learns_one_way_bit_for_bit() {
    let run = |seed| {
        let schedule = vec![
            Block::Develop { cycles: 1_500 },
            Block::Wake {
                task: Task::T1,
                cycles: 1_500,
            },
            Block::Sleep { cycles: 300 },
        ];
        let mut experiment = Experiment::new(Simulation::new(learned(100), seed), schedule);
        experiment.run_to_end(|_| {});
        (input_weights(&experiment.sim), output_weights(&experiment.sim))
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn local_wiring_sees_one_patch_and_random_wiring_cells_anywhere() {
    // For each unit, the most of its 9 cells that one 3×3 patch of the view holds.
    let in_one_patch = |wiring| {
        let mut params = learned(200);
        params.development.wiring = wiring;
        let sim = Simulation::new(params, 4);
        (0..sim.hidden.len())
            .map(|u| {
                let cells = sim.hidden.footprint(u);
                assert_eq!(cells.len(), 9);
                assert!(!cells.contains(&(3, 3)), "the centre cell is never an input");
                let patch = |r: usize, c: usize| {
                    let near = |a: usize, b: usize| a.abs_diff(b) <= 1;
                    cells
                        .iter()
                        .filter(|&&(cr, cc)| near(cr, r) && near(cc, c))
                        .count()
                };
                (1..6)
                    .flat_map(|r| (1..6).map(move |c| (r, c)))
                    .map(|(r, c)| patch(r, c))
                    .max()
                    .unwrap()
            })
            .collect::<Vec<_>>()
    };
    // Local: a whole patch, or a patch around the centre with one other cell for it.
    let local = in_one_patch(Wiring::Local);
    assert!(local.iter().all(|&n| n >= 8), "{local:?}");
    let random = in_one_patch(Wiring::Random);
    assert!(random.iter().filter(|&&n| n >= 8).count() < 5, "{random:?}");
}

#[test]
fn with_a_learned_layer_sleep_without_plasticity_is_exactly_no_sleep() {
    // The control of docs/model.md §5: sleep may help only through its plasticity.
    let run = |sleep_cycles: u64| {
        let mut params = learned(100);
        params.sleep.plasticity = false;
        let mut schedule = vec![
            Block::Develop { cycles: 2_000 },
            Block::Wake {
                task: Task::T1,
                cycles: 1_500,
            },
        ];
        if sleep_cycles > 0 {
            schedule.push(Block::Sleep { cycles: sleep_cycles });
        }
        // Task 1 again: a change of task clears the traces only between two waking blocks
        // (through a sleep without plasticity the traces of task 1 reach task 2; reported).
        schedule.push(Block::Wake {
            task: Task::T1,
            cycles: 1_500,
        });
        let mut experiment = Experiment::new(Simulation::new(params, 9), schedule);
        experiment.run_to_end(|_| {});
        output_weights(&experiment.sim)
    };
    assert_eq!(run(0), run(800));
}
