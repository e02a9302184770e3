//! Neurons you can click: a click on a hidden unit's row in the raster, on its column in
//! the heatmap, or on an output, chooses it; the inspector then says what it is and shows
//! its synapses, spikes or membrane potential. And the record behind the world's marks: a
//! logged cycle keeps its move, its meal and every step's output potentials.

use crate::common;
use crate::common::pointer;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pointer::click_at;
use sleeplab::sim::network::DIRECTIONS;
use sleeplab::sim::simulation::{Mode, Simulation, SpikeLog};
use sleeplab::sim::world::{BarKind, Task};
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::ui::inspector::{Unit, title};
use sleeplab::ui::{raster, weights};
use sleeplab::worker::Command;

const PATIENCE: Duration = Duration::from_secs(20);

/// A window whose simulation has run `cycles` waking cycles of task 1.
fn window_after(cycles: u64) -> Harness<'static, SleepLabApp> {
    let mut harness = common::window(SleepLabApp::new(default_preset(), || {}));
    let app = harness.state_mut();
    for _ in 0..cycles {
        app.link
            .send(Command::Step)
            .expect("the thread takes the command");
    }
    assert!(app.link.wait_until(PATIENCE, |f| f.cycle == cycles));
    harness.run_steps(3);
    harness
}

/// The first hidden unit that detects `kind`.
fn first_unit(harness: &Harness<'static, SleepLabApp>, kind: BarKind) -> usize {
    let frame = harness.state().link.frame.clone().unwrap();
    frame.hidden_kinds.iter().position(|k| *k == Some(kind)).unwrap()
}

#[test]
fn clicking_a_hidden_units_raster_row_inspects_what_it_detects_and_its_synapses() {
    let mut harness = window_after(30);
    let unit = first_unit(&harness, BarKind::Horizontal);
    let frame = harness.state().link.frame.clone().unwrap();
    let rect = harness.get_by_label("Raster of spikes").rect();
    let pos = raster::row_centre(&frame, rect, Unit::Hidden(unit)).expect("the unit has a row");
    click_at(&mut harness, pos);
    assert_eq!(harness.state().views.selected, Some(Unit::Hidden(unit)));
    assert!(harness.query_by_label("Neuron inspector").is_some());
    assert!(
        harness
            .query_by_label(&format!("Hidden unit {unit}: H detector"))
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("It fires when a horizontal bar starts")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("In task 1 such bars are food")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Synapses to the outputs: now and at the end of task 1")
            .is_some()
    );
    assert!(harness.query_by_label_contains("in the last 30 cycles").is_some());

    // Closing the inspector forgets the choice.
    harness.get_by_label("Close window").click();
    harness.run_steps(2);
    assert_eq!(harness.state().views.selected, None);
}

#[test]
fn clicking_a_heatmap_column_chooses_its_hidden_unit_and_an_output_row_shows_its_potential() {
    let mut harness = window_after(30);
    let unit = first_unit(&harness, BarKind::Vertical);
    let frame = harness.state().link.frame.clone().unwrap();
    let rect = harness.get_by_label("Weights heatmap").rect();
    let pos = weights::cell_centre(&frame, rect, unit, 3).unwrap();
    click_at(&mut harness, pos);
    assert_eq!(harness.state().views.selected, Some(Unit::Hidden(unit)));
    assert!(
        harness
            .query_by_label_contains("In task 2 such bars are food")
            .is_some()
    );

    let rect = harness.get_by_label("Raster of spikes").rect();
    let pos = raster::row_centre(&frame, rect, Unit::Output(2)).unwrap();
    click_at(&mut harness, pos);
    assert_eq!(harness.state().views.selected, Some(Unit::Output(2)));
    assert!(
        harness
            .query_by_label("Output E: moves the animal east")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Membrane potential over the last cycles")
            .is_some()
    );
    assert!(harness.query_by_label("Receptive field").is_some());
    assert!(harness.query_by_label("Strongest inputs").is_some());
}

#[test]
fn an_outputs_receptive_field_picture_chooses_that_output() {
    let mut harness = window_after(5);
    harness.get_by_label("Receptive field of output S").click();
    harness.run_steps(4);
    assert_eq!(harness.state().views.selected, Some(Unit::Output(4)));
    assert!(
        harness
            .query_by_label("Output S: moves the animal south")
            .is_some()
    );
}

#[test]
fn titles_name_the_bar_kind_or_the_direction() {
    let harness = window_after(1);
    let frame = harness.state().link.frame.clone().unwrap();
    let unit = first_unit(&harness, BarKind::Falling);
    assert_eq!(
        title(&frame, Unit::Hidden(unit)),
        format!("Hidden unit {unit}: D− detector")
    );
    assert_eq!(title(&frame, Unit::Output(0)), "Output N: moves the animal north");
}

#[test]
fn a_logged_cycle_keeps_its_move_its_meal_and_every_steps_output_potentials() {
    let params = default_preset().params();
    let steps = params.network.cycle_ms;
    let mut sim = Simulation::new(params, 3);
    sim.spike_log = Some(SpikeLog::default());
    let mut meals = 0;
    for _ in 0..400 {
        let before = sim.world(Task::T1).agent;
        let outcome = sim.run_cycle(Mode::Wake {
            task: Task::T1,
            plastic: true,
        });
        let after = sim.world(Task::T1).agent;
        let size = sim.world(Task::T1).size().cast_signed();
        let log = sim.spike_log.as_ref().unwrap();
        assert_eq!(log.output_potential.len(), steps, "one entry per step");
        assert_eq!(log.eaten, outcome.eaten, "the meal drawn is the meal eaten");
        meals += usize::from(log.eaten.is_some());
        let (dr, dc) = DIRECTIONS[usize::from(log.moved.expect("a waking cycle moves"))];
        let wrap = |x: usize, d: isize| (x.cast_signed() + d).rem_euclid(size).cast_unsigned();
        assert_eq!(
            after,
            (wrap(before.0, dr), wrap(before.1, dc)),
            "the arrow is the move made"
        );
    }
    assert!(meals > 0, "some cycles ate");
    sim.run_cycle(Mode::Sleep);
    let log = sim.spike_log.as_ref().unwrap();
    assert_eq!(log.moved, None, "sleep moves nothing");
    assert_eq!(log.output_potential.len(), steps);
    assert!(log.output_potential.iter().flatten().all(|v| v.is_finite()));
}

#[test]
fn an_outputs_synapses_over_time_appear_once_the_run_has_gone_a_thousand_cycles() {
    let mut harness = window_after(1);
    harness.state_mut().views.selected = Some(Unit::Output(0));
    harness.run_steps(2);
    assert!(harness.query_by_label("Its synapses over time").is_some());
    let waiting = "Its synapses over time appear once the run has gone a few thousand cycles.";
    assert!(
        harness.query_by_label(waiting).is_some(),
        "one point is no history"
    );
    let app = harness.state_mut();
    app.link
        .send(Command::SetSpeed(None))
        .expect("the thread takes the command");
    app.link
        .send(Command::Run(true))
        .expect("the thread takes the command");
    assert!(app.link.wait_until(PATIENCE, |f| f.cycle >= 1_200));
    app.link
        .send(Command::Run(false))
        .expect("the thread takes the command");
    harness.run_steps(3);
    assert!(
        harness.query_by_label(waiting).is_none(),
        "two points draw the lines"
    );
}
