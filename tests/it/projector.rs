//! Projector mode at 1280×800: with the twin on, with a lesson open and with a paper
//! preset, every panel lies inside the window, and the scores plot shows its whole x range,
//! up to the last cycle run.

use std::time::{Duration, Instant};

use crate::common::bundled;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::ui::actions::Action;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::pace::Pace;
use sleeplab::ui::views::PROJECTOR_ZOOM;
use sleeplab::worker::Phase;

/// How long the simulation thread may take to get somewhere (a debug build on a busy
/// machine).
const PATIENCE: Duration = Duration::from_mins(2);

/// A 1280×800-pixel window in projector mode: everything enlarged by the projector zoom, so
/// 1280 / zoom by 800 / zoom points.
fn projector_window(app: SleepLabApp) -> Harness<'static, SleepLabApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0 / PROJECTOR_ZOOM, 800.0 / PROJECTOR_ZOOM))
        .with_pixels_per_point(PROJECTOR_ZOOM)
        .build_ui_state(
            |ui, app: &mut SleepLabApp| {
                app.tick(ui.ctx());
                app.show(ui);
            },
            app,
        );
    harness.run_steps(1);
    harness.state_mut().views.projector_mode = true;
    harness.run_steps(2);
    harness
}

/// Runs at full speed until the animal has lived `cycles` cycles, then pauses.
fn run_to(harness: &mut Harness<'static, SleepLabApp>, cycles: u64) {
    harness.state_mut().apply_all([
        Action::SetPhase(Phase::Schedule),
        Action::SetPace(Pace::Full),
        Action::Run(true),
    ]);
    let start = Instant::now();
    while harness.state().link.cycle() < cycles {
        assert!(start.elapsed() < PATIENCE, "no cycle {cycles} after {PATIENCE:?}");
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.state_mut().apply(Action::Run(false));
    let start = Instant::now();
    while harness.state().link.running() && start.elapsed() < PATIENCE {
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(4);
}

/// Every panel drawn lies inside the window, and the ones named are all there.
fn assert_fits(harness: &Harness<'static, SleepLabApp>, must: &[&str], at: &str) {
    let window = harness.ctx.content_rect();
    let drawn = &harness.state().drawn;
    for name in must {
        assert!(
            drawn.iter().any(|(n, _)| n == name),
            "{at}: no {name} drawn: {drawn:?}"
        );
    }
    for (name, rect) in drawn {
        // Half a point of slack for rounding at the window's edge.
        assert!(
            window.expand(0.5).contains_rect(*rect),
            "{at}: the {name} panel {rect:?} is not inside the window {window:?} (all drawn: {drawn:?})"
        );
    }
}

/// The scores plot's x range reaches the last cycle run (the x axis is in thousands).
fn assert_whole_x_range(harness: &Harness<'static, SleepLabApp>, at: &str) {
    let cycle = harness.state().link.cycle() as f64 / 1_000.0;
    let shown = harness
        .state()
        .views
        .score_layers
        .shown_x
        .expect("the plot was drawn");
    assert!(
        shown[1] >= cycle,
        "{at}: the plot shows up to {} but the run is at {cycle}",
        shown[1]
    );
}

#[test]
fn projector_mode_at_1280_by_800_fits_a_twin_run() {
    let mut harness = projector_window(SleepLabApp::new(bundled("Sleep"), || {}));
    harness.state_mut().apply(Action::SetTwin(true));
    harness.run_steps(2);
    run_to(&mut harness, 45_000);
    assert_fits(
        &harness,
        &[
            "controls",
            "world",
            "twin world",
            "scores",
            "raster",
            "twin raster",
            "weights",
        ],
        "twin",
    );
    assert_whole_x_range(&harness, "twin");
}

#[test]
fn projector_mode_at_1280_by_800_fits_an_open_lesson() {
    let mut harness = projector_window(SleepLabApp::new(bundled("Sleep"), || {}));
    harness.get_by_label("Lessons").click();
    harness.run_steps(2);
    harness.get_by_label("Sleep to remember").click();
    harness.run_steps(3);
    assert!(harness.state().lesson.is_some(), "the lesson opened");
    // A step that asks for a prediction locks Run until it has one; the layout is what is
    // checked here, so every step is given one.
    if let Some(run) = &mut harness.state_mut().lesson {
        for state in &mut run.states {
            state.predicted = Some(0.5);
        }
    }
    run_to(&mut harness, 5_000);
    assert_fits(
        &harness,
        &["controls", "lesson", "world", "scores", "raster", "weights"],
        "lesson",
    );
    assert_whole_x_range(&harness, "lesson");
    // Folded, the lesson leaves the views its room and still fits.
    harness.get_by_label("Hide lesson").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Show lesson").is_some());
    assert_fits(&harness, &["lesson", "scores"], "lesson folded");
}

#[test]
fn projector_mode_at_1280_by_800_fits_a_paper_preset() {
    let mut harness = projector_window(SleepLabApp::new(bundled("Paper: sleep"), || {}));
    run_to(&mut harness, 2_000);
    assert_fits(
        &harness,
        &["controls", "world", "scores", "raster", "weights"],
        "paper",
    );
    assert_whole_x_range(&harness, "paper");
    harness.get_by_label("Input pictures").click();
    harness.run_steps(3);
    assert_fits(
        &harness,
        &["scores", "raster", "weights"],
        "paper, input pictures",
    );
}
