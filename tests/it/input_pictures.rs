//! The learned units' input pictures (issue 12): the window offers them for a learned hidden
//! layer and not for detectors, a tile chooses its unit for the inspector, which shows the
//! unit's own picture; the simulation thread sends new input weights while development
//! changes them, a few times a second at most, never every cycle, and watching them leaves
//! the run as it would be unwatched.

use crate::common;
use crate::common::pointer;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::preset::Preset;
use sleeplab::sim::params::HiddenKind;
use sleeplab::sim::schedule::{Block, Experiment};
use sleeplab::sim::world::BarKind;
use sleeplab::sim::{Params, Simulation, Task};
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::ui::inspector::Unit;
use sleeplab::ui::panels::ScoresView;
use sleeplab::ui::units::{self, UnitGroup};
use sleeplab::worker::{Activity, Command, Frame, INPUT_WEIGHTS_INTERVAL, InputWeights, Phase, WorkerHandle};

const PATIENCE: Duration = Duration::from_mins(1);

/// A window on `preset` once its first frame is in.
fn window_on(preset: Preset) -> Harness<'static, SleepLabApp> {
    let mut harness = common::window(SleepLabApp::new(preset, || {}));
    assert!(
        harness.state_mut().link.wait_until(PATIENCE, |_| true),
        "no frame"
    );
    harness.run_steps(3);
    harness
}

fn paper_sleep() -> Preset {
    Preset::load(Path::new("presets/paper-196-sleep.toml")).expect("the shipped preset opens")
}

#[test]
fn the_input_pictures_are_offered_for_a_learned_layer_and_not_for_detectors() {
    let mut detectors = window_on(default_preset());
    let frame = detectors.state().link.frame.clone().unwrap();
    assert!(frame.input_weights.is_none(), "detectors have no input weights");
    assert!(detectors.query_by_label("Input pictures").is_none());
    detectors.state_mut().views.scores = ScoresView::InputPictures;
    detectors.run_steps(2);
    assert!(
        detectors
            .query_by_label("Input pictures of the hidden units")
            .is_none()
    );
    assert_eq!(
        detectors.state().views.scores,
        ScoresView::OverTime,
        "a view it cannot show is left"
    );

    let mut learned = window_on(paper_sleep());
    let frame = learned.state().link.frame.clone().unwrap();
    let inputs = frame
        .input_weights
        .expect("a learned layer sends its input weights");
    assert_eq!(inputs.units(), 196);
    assert!(
        learned
            .query_by_label("Input pictures of the hidden units")
            .is_none()
    );
    learned.get_by_label("Input pictures").click();
    learned.run_steps(3);
    assert_eq!(learned.state().views.scores, ScoresView::InputPictures);
    assert!(
        learned
            .query_by_label("Input pictures of the hidden units")
            .is_some()
    );
}

#[test]
fn a_tile_chooses_its_unit_and_the_inspector_shows_that_units_input_picture() {
    let mut harness = window_on(paper_sleep());
    harness.get_by_label("Input pictures").click();
    harness.run_steps(3);
    let rect = harness.get_by_label("Input pictures of the hidden units").rect();
    // The first tile (right of the groups' names): the first unit of the first group.
    let frame = harness.state().link.frame.clone().unwrap();
    let (group, members) = units::grouped(&frame.hidden_kinds).remove(0);
    let first = members[0];
    let pos = rect.min + Vec2::new(56.0 + 3.0, 3.0);
    pointer::click_at(&mut harness, pos);
    assert_eq!(harness.state().views.selected, Some(Unit::Hidden(first)));
    assert!(
        harness
            .query_by_label(&format!("Input picture of hidden unit {first}"))
            .is_some()
    );
    let words = match group {
        UnitGroup::Other => "single out no one orientation",
        UnitGroup::Detects(_) => "It prefers",
    };
    assert!(harness.query_by_label_contains(words).is_some(), "{group:?}");
}

/// A small learned layer's preset: development, then a little waking.
fn small_learned(develop_cycles: u64, wake_cycles: u64) -> Preset {
    let mut params = Params::default();
    params.network.hidden = HiddenKind::Learned;
    params.development.units = 64;
    let schedule = vec![
        Block::Develop {
            cycles: develop_cycles,
        },
        Block::Wake {
            task: Task::T1,
            cycles: wake_cycles,
        },
    ];
    Preset::from_parts("small learned", "", 5, &params, schedule).expect("a valid preset")
}

#[test]
fn development_sends_new_input_weights_a_few_times_a_second_never_every_cycle() {
    let (develop, wake) = (2_400, 600);
    let preset = small_learned(develop, wake);
    let start = Instant::now();
    let worker = WorkerHandle::spawn(preset.clone(), preset.seed(), || {}).expect("the thread starts");
    // Slow enough that development lasts more than a second and a half.
    for command in [
        Command::SetSpeed(Some(1_500.0)),
        Command::SetPhase(Phase::Schedule),
        Command::Run(true),
    ] {
        worker.send(command).expect("the thread takes the command");
    }
    let mut frames: Vec<Frame> = Vec::new();
    let done = |f: &Frame| f.schedule_finished && f.input_weights.as_ref().is_some_and(|i| i.cycle > develop);
    while !frames.last().is_some_and(done) {
        assert!(start.elapsed() < PATIENCE, "the schedule did not end");
        if let Some(frame) = worker.recv_timeout(Duration::from_millis(100)) {
            frames.push(frame);
        }
    }
    let elapsed = start.elapsed();
    // While developing, the window shows the world of all four bar kinds the animal wanders
    // in; afterwards, task 1's.
    let worlds_of = |activity: Activity| {
        frames
            .iter()
            .filter(move |f| f.activity == Some(activity))
            .filter_map(|f| f.world.as_ref())
    };
    for world in worlds_of(Activity::Develop) {
        assert!(world.development, "a task's world shown during development");
        let kinds: HashSet<BarKind> = world.bars.iter().map(|b| b.kind).collect();
        assert_eq!(kinds.len(), 4, "{kinds:?}");
    }
    assert!(
        worlds_of(Activity::Develop).next().is_some(),
        "no frame of development"
    );
    for world in worlds_of(Activity::Wake(Task::T1)) {
        assert!(!world.development && world.task == Task::T1);
    }
    // The distinct snapshots, in order.
    let mut snapshots: Vec<Arc<InputWeights>> = Vec::new();
    let mut shared = 0;
    for frame in &frames {
        let inputs = frame
            .input_weights
            .clone()
            .expect("every frame of a learned layer has them");
        match snapshots.last() {
            Some(last) if Arc::ptr_eq(last, &inputs) => shared += 1,
            _ => snapshots.push(inputs),
        }
    }
    let cycles: Vec<u64> = snapshots.iter().map(|s| s.cycle).collect();
    assert_eq!(cycles[0], 0, "the first frame shows the undeveloped layer");
    let in_development = cycles.iter().filter(|&&c| c > 0 && c <= develop).count();
    assert!(in_development >= 3, "too few while developing: {cycles:?}");
    // At most one look per interval (and the first snapshot), whatever the frame rate.
    let most = elapsed.as_secs_f64() / INPUT_WEIGHTS_INTERVAL.as_secs_f64() + 2.0;
    assert!(
        snapshots.len() as f64 <= most,
        "{} snapshots in {elapsed:?}: {cycles:?}",
        snapshots.len()
    );
    assert!(
        shared > snapshots.len(),
        "frames mostly share a snapshot ({shared} shared)"
    );
    // Each new snapshot differs from the one before; once development has ended, at most
    // the one that reads each unit's preference follows.
    for pair in snapshots.windows(2) {
        assert!(!pair[0].same_as(&pair[1]), "an unchanged snapshot was sent again");
    }
    // (None when the last look of the development already read what the freeze reads.)
    assert!(cycles.iter().filter(|&&c| c > develop).count() <= 1, "{cycles:?}");
    // The groups form as the units develop, not only when the development ends.
    let developing = snapshots
        .iter()
        .rfind(|s| s.cycle > 0 && s.cycle <= develop)
        .expect("snapshots during development");
    assert!(
        developing.preferred.iter().any(Option::is_some),
        "no unit prefers a bar at cycle {} of the development",
        developing.cycle
    );
    let last_frame = frames.last().unwrap();
    let last = snapshots.last().unwrap();
    assert!(
        last.preferred.iter().any(Option::is_some),
        "no unit prefers a bar"
    );
    assert_eq!(
        &*last_frame.hidden_kinds,
        &last.preferred[..],
        "the groups follow"
    );

    // Watching changed nothing: the same run without the window ends the same, bit for bit.
    let mut alone = Experiment::new(
        Simulation::new(preset.params(), preset.seed()),
        preset.schedule().to_vec(),
    );
    alone.run_to_end(|_| {});
    let layer = alone.sim.hidden.learned().expect("a learned layer");
    assert!(InputWeights::of(layer, alone.sim.cycle).same_as(last));
    let bits = |w: &ndarray::Array2<f32>| w.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&last_frame.weights), bits(&alone.sim.synapses.weights()));
}

#[test]
fn the_twin_shows_the_world_of_development_while_developing_too() {
    let preset = small_learned(2_400, 600);
    let worker = WorkerHandle::spawn(preset.clone(), preset.seed(), || {}).expect("the thread starts");
    for command in [
        Command::SetTwin(true),
        Command::SetSpeed(Some(1_500.0)),
        Command::SetPhase(Phase::Schedule),
        Command::Run(true),
    ] {
        worker.send(command).expect("the thread takes the command");
    }
    let start = Instant::now();
    loop {
        assert!(
            start.elapsed() < PATIENCE,
            "no frame of development with the twin"
        );
        let Some(frame) = worker.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        let twin_world = frame.twin.as_ref().and_then(|t| t.world.as_ref());
        if frame.activity == Some(Activity::Develop)
            && let Some(world) = twin_world
        {
            assert!(
                world.development,
                "the twin shows a task's world during development"
            );
            break;
        }
    }
}
