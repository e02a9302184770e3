//! The Weight space tab's map: both solution sets drawn as clouds, and the run's weights as
//! a point placed by the same projection.

use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::analysis::SolutionSets;
use sleeplab::analysis::pca::ProjectedSets;
use sleeplab::sim::Task;
use sleeplab::ui::weight_space::{Drawn, Map, Trail, show_map};
use sleeplab::worker::Activity;

/// Two small clouds far apart in a four-weight space.
fn sets() -> SolutionSets {
    let cloud = |x: f32| {
        (0..12)
            .map(|i| vec![x + i as f32 * 0.01, 0.2, 1.0 - x, (i % 3) as f32 * 0.02])
            .collect()
    };
    SolutionSets {
        t1: cloud(0.0),
        t2: cloud(1.0),
    }
}

#[test]
fn the_weight_space_map_draws_both_clouds_and_the_moving_points() {
    let map = Map::new(&ProjectedSets::new(&sets(), 2));
    let mut trail = Trail::default();
    let path = [
        (vec![0.0, 0.2, 1.0, 0.0], Activity::Wake(Task::T1)),
        (vec![0.3, 0.2, 0.7, 0.0], Activity::Sleep),
        (vec![0.4, 0.2, 0.6, 0.0], Activity::Wake(Task::T2)),
    ];
    for (k, (weights, activity)) in path.into_iter().enumerate() {
        // Taken before the map exists, as when the tab is opened late in a run.
        trail.push(1_000 * k as u64, weights, Some(activity), None);
    }
    trail.place_on(&map);
    assert_eq!(trail.points[1].at, map.place(&[0.3, 0.2, 0.7, 0.0]));
    let now = [0.5_f32, 0.2, 0.5, 0.0];
    let twin_now = [0.9_f32, 0.2, 0.1, 0.0];
    let drawn = Arc::new(Mutex::new(Drawn::default()));
    let seen = drawn.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(600.0, 500.0))
        .build_ui(move |ui| {
            *seen.lock().unwrap() = show_map(ui, &map, (&trail, &now), Some((&trail, &twin_now)));
        });
    harness.run();
    assert_eq!(
        *drawn.lock().unwrap(),
        Drawn {
            clouds: [12, 12],
            moving: 2,
            // Both runs' trails (the same here): a point in each phase, twice.
            phase_points: [2, 2, 2],
            // Each run's distance to either task's solutions over time.
            distance_lines: 4,
        }
    );
    // One line says how far each moving point lies from either cloud.
    harness.get_by_label_contains("From the nearest task-1 / task-2 solution now: this run ");
    harness.get_by_label_contains("; twin without sleep ");
}
