//! The Weight space tab's map: both solution sets drawn as clouds, and the run's weights as
//! a point placed by the same projection.

use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::analysis::SolutionSets;
use sleeplab::analysis::pca::ProjectedSets;
use sleeplab::ui::weight_space::{Drawn, Map, Trail, show_map};

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
    let trail = Trail {
        points: vec![map.place(&[0.0, 0.2, 1.0, 0.0]), map.place(&[0.3, 0.2, 0.7, 0.0])],
        last_cycle: Some(2_000),
    };
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
            moving: 2
        }
    );
    harness.get_by_label_contains("this run: at");
    // Each moving point says how far it lies from either cloud.
    assert_eq!(
        harness
            .query_all_by_label_contains("nearest task-1 solution")
            .count(),
        2
    );
    harness.get_by_label_contains("twin, without sleep: at");
}
