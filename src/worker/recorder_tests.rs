//! The recorder's promises: bounded news, thinning that keeps the ends, spans that close,
//! and the weights kept at the end of each task.

use super::*;
use crate::sim::network::Synapses;
use crate::sim::world::BarKind;

fn record(recorder: &mut Recorder, clock: u64, activity: Activity, outcome: &CycleOutcome) {
    recorder.record(CycleRecord {
        clock,
        activity,
        outcome,
        spikes: None,
        synapses: &Synapses::new(1, 0.5),
    });
}

/// A waking cycle in task 1 that ate a rewarded bar.
fn meal() -> CycleOutcome {
    CycleOutcome {
        eaten: Some(BarKind::Horizontal),
        ..CycleOutcome::default()
    }
}

fn test_result(at_cycle: u64) -> TestResult {
    TestResult {
        label: "probe".into(),
        at_cycle,
        scores: Default::default(),
    }
}

#[test]
fn pending_news_stays_bounded_while_nobody_reads_it() {
    let mut recorder = Recorder::default();
    let outcome = meal();
    let mut clock = 0_u64;
    // Alternating wake and sleep: a score point every ten meals, a span every cycle.
    for _ in 0..(MAX_PENDING_POINTS * 12) {
        clock += 1;
        let activity = if clock.is_multiple_of(2) {
            Activity::Sleep
        } else {
            Activity::Wake(Task::T1)
        };
        record(&mut recorder, clock, activity, &outcome);
    }
    for at in 0..(MAX_PENDING_TESTS as u64 * 3) {
        recorder.push_test(test_result(at));
    }
    assert!(recorder.raster.len() <= RASTER_CYCLES);
    assert!(recorder.replay.len() <= REPLAY_WINDOW_CYCLES);
    assert_eq!(recorder.replay_meter().cycles, REPLAY_WINDOW_CYCLES);
    let deltas = recorder.take_deltas();
    assert!(!deltas.scores.is_empty() && deltas.scores.len() <= MAX_PENDING_POINTS);
    assert!(
        deltas.spans.len() <= MAX_PENDING_POINTS + 1,
        "closed spans plus the open one"
    );
    assert!(!deltas.tests.is_empty() && deltas.tests.len() <= MAX_PENDING_TESTS);
    // The oldest tests went first; the newest is kept.
    assert_eq!(
        deltas.tests.last().map(|t| t.at_cycle),
        Some(MAX_PENDING_TESTS as u64 * 3 - 1)
    );
    // The newest span is the open one, at the last clock.
    assert_eq!(deltas.spans.last().map(|s| s.end), Some(clock));
}

#[test]
fn thinning_halves_a_list_and_keeps_its_first_and_last_points() {
    for len in [2_usize, 3, 10, 11, 20_001] {
        let mut points: Vec<usize> = (0..len).collect();
        thin_out(&mut points);
        assert_eq!(points.first(), Some(&0), "length {len}");
        assert_eq!(points.last(), Some(&(len - 1)), "length {len}");
        assert!(points.len() <= len / 2 + 1, "length {len}: {} kept", points.len());
        assert!(points.windows(2).all(|w| w[0] < w[1]), "order kept");
    }
    let mut one = vec![7];
    thin_out(&mut one);
    assert_eq!(one, [7]);
}

#[test]
fn spans_close_when_the_activity_changes_and_the_open_one_grows() {
    let mut recorder = Recorder::default();
    let quiet = CycleOutcome::default();
    for clock in 1..=5 {
        record(&mut recorder, clock, Activity::Wake(Task::T1), &quiet);
    }
    for clock in 6..=8 {
        record(&mut recorder, clock, Activity::Sleep, &quiet);
    }
    let wake = Span {
        activity: Activity::Wake(Task::T1),
        start: 1,
        end: 5,
    };
    let sleep_so_far = Span {
        activity: Activity::Sleep,
        start: 6,
        end: 8,
    };
    assert_eq!(recorder.take_deltas().spans, [wake, sleep_so_far]);
    record(&mut recorder, 9, Activity::Sleep, &quiet);
    let sleep = Span {
        end: 9,
        ..sleep_so_far
    };
    assert_eq!(
        recorder.take_deltas().spans,
        [sleep],
        "the closed wake span is sent once"
    );
    record(&mut recorder, 10, Activity::Test(Task::T2), &quiet);
    let test = Span {
        activity: Activity::Test(Task::T2),
        start: 10,
        end: 10,
    };
    assert_eq!(recorder.take_deltas().spans, [sleep, test]);
}

#[test]
fn taking_the_news_empties_it() {
    let mut recorder = Recorder::default();
    let outcome = meal();
    for clock in 1..=30 {
        record(&mut recorder, clock, Activity::Wake(Task::T1), &outcome);
    }
    recorder.push_test(test_result(30));
    let first = recorder.take_deltas();
    assert_eq!(first.scores.len(), 3, "a point every ten meals");
    assert_eq!(first.tests.len(), 1);
    let second = recorder.take_deltas();
    assert!(second.scores.is_empty() && second.tests.is_empty());
    assert_eq!(second.spans.len(), 1, "only the open span, again");
}

#[test]
fn the_weights_are_kept_when_a_task_s_waking_ends() {
    let mut recorder = Recorder::default();
    let quiet = CycleOutcome::default();
    let record_with = |recorder: &mut Recorder, clock, activity, weight: f32| {
        recorder.record(CycleRecord {
            clock,
            activity,
            outcome: &quiet,
            spikes: None,
            synapses: &Synapses::new(1, weight),
        });
    };
    let kept = |recorder: &Recorder| {
        recorder
            .weights_after_task()
            .each_ref()
            .map(|w| w.as_ref().map(|w| w[[0, 0]]))
    };
    record_with(&mut recorder, 1, Activity::Wake(Task::T1), 1.0);
    assert_eq!(kept(&recorder), [None, None]);
    record_with(&mut recorder, 2, Activity::Wake(Task::T2), 2.0);
    assert_eq!(kept(&recorder), [Some(2.0), None]);
    record_with(&mut recorder, 3, Activity::Sleep, 3.0);
    assert_eq!(kept(&recorder), [Some(2.0), Some(3.0)]);
    assert_eq!(recorder.last_wake_task(), Some(Task::T2));
    assert_eq!(recorder.last_activity(), Some(Activity::Sleep));
}

#[test]
fn a_test_cycle_shows_no_spikes_of_the_animal_in_the_raster() {
    let mut recorder = Recorder::default();
    let quiet = CycleOutcome::default();
    let log = SpikeLog {
        hidden: vec![(0, 1)],
        ..SpikeLog::default()
    };
    for (clock, activity) in [(1, Activity::Wake(Task::T1)), (2, Activity::Test(Task::T1))] {
        recorder.record(CycleRecord {
            clock,
            activity,
            outcome: &quiet,
            spikes: Some(&log),
            synapses: &Synapses::new(1, 0.5),
        });
    }
    let raster = recorder.raster();
    assert_eq!(raster.len(), 2);
    assert_eq!(raster[0].spikes, log);
    assert!(raster[1].spikes.hidden.is_empty());
}

#[test]
fn the_synapses_sleep_strengthened_are_gathered_until_taken_and_are_not_whole_columns() {
    use crate::sim::{Mode, Simulation};
    let mut sim = Simulation::new(crate::ui::default_preset().params(), 1);
    let task1 = Mode::Wake {
        task: Task::T1,
        plastic: true,
    };
    // As long as the sleep preset's task 1: enough for sleep's spikes to fire outputs.
    for _ in 0..30_000 {
        sim.run_cycle(task1);
    }
    let mut recorder = Recorder::default();
    let n = sim.hidden.len();
    for _ in 0..100 {
        if sim.run_cycle(Mode::Sleep).weights_changed {
            recorder.note_strengthened(sim.strengthened_by_last_reward());
        }
    }
    let grew = recorder.take_strengthened(n);
    assert_eq!(grew.dim(), (n, N_OUTPUTS));
    let marked = grew.iter().filter(|&&g| g).count();
    assert!(marked > 0, "sleep strengthened nothing");
    // Sleep's STDP strengthens the synapses of the units it replays, not every synapse of
    // an output (as its column's rescale would suggest).
    for column in grew.columns() {
        assert!(column.iter().filter(|&&g| g).count() < n / 2, "{marked} marked");
    }
    assert!(!recorder.take_strengthened(n).iter().any(|&g| g), "taken twice");
}
