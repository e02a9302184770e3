//! The Many animals panel, driven headless through AccessKit (egui_kittest): a click starts
//! a batch of seeds with and without sleep in the background, progress shows, and its final
//! figures are those the command line's `run --twin` prints for the same preset and seeds.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use serde_json::Value;
use sleeplab::preset::Preset;
use sleeplab::ui::actions::Action;
use sleeplab::ui::animals::batch::{BatchState, Condition};
use sleeplab::ui::app::SleepLabApp;

const PATIENCE: Duration = Duration::from_mins(3);

fn tiny_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/presets/tiny.toml")
}

fn tiny() -> Preset {
    Preset::load(&tiny_path()).expect("the tiny preset loads")
}

/// A window on the tiny preset, its first frame in, the Many animals tab open.
fn harness_on_animals(seeds: u64) -> Harness<'static, SleepLabApp> {
    let mut app = SleepLabApp::new(tiny(), || {});
    app.animals.seeds = seeds;
    let mut harness = common::window(app);
    assert!(
        harness.state_mut().link.wait_until(PATIENCE, |_| true),
        "the simulation sent no frame"
    );
    harness.run_steps(2);
    harness.get_by_label("Many animals").click();
    harness.run_steps(2);
    harness
}

/// Steps the window until `done` holds (or the patience runs out).
fn step_until(harness: &mut Harness<'static, SleepLabApp>, done: impl Fn(&SleepLabApp) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed() < PATIENCE, "the batch did not get there in time");
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run_steps(2);
}

/// `sleeplab run --twin --seeds N --json` on the tiny preset, parsed.
fn run_twin(seeds: u64) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sleeplab"))
        .args(["run", "--twin", "--seeds", &seeds.to_string(), "--json"])
        .arg(tiny_path())
        .output()
        .expect("the sleeplab binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("run --json prints JSON")
}

/// The final test's task-1 score of each seed of one condition (0: with sleep), by seed.
fn final_t1(report: &Value, nosleep: bool) -> Vec<(u64, f64)> {
    let runs = report["runs"].as_array().expect("runs");
    runs.iter()
        .filter(|r| r["preset"].as_str().is_some_and(|p| p.ends_with("-nosleep")) == nosleep)
        .map(|r| {
            let last = r["tests"]
                .as_array()
                .and_then(|t| t.last())
                .expect("a final test");
            (
                r["seed"].as_u64().expect("a seed"),
                last["t1"].as_f64().expect("t1"),
            )
        })
        .collect()
}

#[test]
fn a_clicked_batch_ends_with_the_counts_and_means_of_run_twin() {
    let seeds = 3;
    let mut harness = harness_on_animals(seeds);
    harness.get_by_label("Start batch").click();
    harness.run_steps(2);
    harness.get_by_label_contains("of 6 runs done");
    step_until(&mut harness, |app| !app.animals.running());
    harness.get_by_label("Finished: 6 of 6 runs done");

    let report = run_twin(seeds);
    let batch = harness.state().animals.latest().expect("a batch");
    assert_eq!(batch.state, BatchState::Done);
    let summary = report["summary"].as_array().expect("a summary");
    for (condition, name) in Condition::ALL.into_iter().zip(["tiny", "tiny-nosleep"]) {
        let row = summary
            .iter()
            .find(|r| r["preset"] == name && r["label"] == "final")
            .expect("a final row");
        let stats = batch.stats(0, condition);
        let root_n = (seeds as f64).sqrt();
        assert_eq!(Some(stats.n as u64), row["n"].as_u64(), "{name}");
        assert_eq!(Some(stats.t1_mean), row["t1_mean"].as_f64(), "{name}");
        assert_eq!(Some(stats.t2_mean), row["t2_mean"].as_f64(), "{name}");
        let se = |key: &str| row[key].as_f64().map(|sd| sd / root_n);
        assert_eq!(Some(stats.t1_se), se("t1_sd"), "{name}");
        assert_eq!(Some(stats.t2_se), se("t2_sd"), "{name}");
    }
    let (with_sleep, without) = (final_t1(&report, false), final_t1(&report, true));
    let wins = with_sleep
        .iter()
        .filter(|(seed, t1)| without.iter().any(|(s, other)| s == seed && t1 > other))
        .count();
    assert_eq!(batch.sleep_wins(0), (wins, 3));
    harness.get_by_label(&format!("sleep keeps task 1 better in {wins} of 3"));
    assert!(harness.query_by_label("parameters changed").is_none());

    // A slider moved: the panel offers to run again, and does.
    let mut params = harness.state().controls.params.clone();
    params.sleep.noise_scale *= 2.0;
    harness.state_mut().apply(Action::SetParams(Box::new(params)));
    harness.run_steps(2);
    harness.get_by_label("parameters changed");
    harness.get_by_label("Run the batch again").click();
    harness.run_steps(2);
    step_until(&mut harness, |app| !app.animals.running());
    assert!(harness.query_by_label("parameters changed").is_none());
}

#[test]
fn a_long_batch_shows_its_progress_and_cancel_stops_it() {
    // 200 runs: a bar at 3% has a whole percent to show.
    let mut harness = harness_on_animals(100);
    harness.get_by_label("Start batch").click();
    harness.run_steps(2);
    step_until(&mut harness, |app| {
        app.animals.latest().is_some_and(|b| b.finished >= 6)
    });
    harness.get_by_label_contains("Running on");
    let bar = harness.get_by_role(Role::ProgressIndicator);
    let shown = bar.accesskit_node().numeric_value().unwrap_or(0.0);
    assert!(shown > 0.0, "the progress bar shows {shown}");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    step_until(&mut harness, |app| !app.animals.running());
    let batch = harness.state().animals.latest().expect("a batch");
    assert_eq!(batch.state, BatchState::Cancelled);
    assert!(batch.finished < batch.runs());
    harness.get_by_label_contains("Cancelled:");
}

/// Confirms `path` in the path field that a file button opened.
fn confirm_path(harness: &mut Harness<'static, SleepLabApp>, path: &Path) {
    harness.run_steps(2);
    let field = harness.state_mut().files.chooser.path_field.as_mut();
    field.expect("the path field is open").1 = path.display().to_string();
    harness.run_steps(1);
    harness.get_by_label("OK").click();
}

/// `sleeplab sweep --twin --csv` on the tiny preset: its rows of the final test, with the
/// preset's name as the window gives it.
fn headless_sweep_rows(vary: &str, seeds: u64, csv: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_sleeplab"))
        .arg("sweep")
        .arg(tiny_path())
        .args(["--vary", vary, "--seeds", &seeds.to_string(), "--twin", "--csv"])
        .arg(csv)
        .output()
        .expect("the sleeplab binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(csv).expect("the sweep wrote its CSV");
    let mut lines = text.lines();
    let header = lines.next().expect("a header").to_owned();
    let rows = lines
        .filter(|l| l.contains(",final,"))
        .map(|l| l.replace(",tiny", ",Tiny"));
    std::iter::once(header).chain(rows).collect()
}

#[test]
fn a_sweep_fills_in_per_value_and_exports_the_table_of_the_headless_sweep_and_its_plot() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let seeds = 2;
    let mut harness = harness_on_animals(seeds);
    harness.state_mut().files.chooser.native_dialogs = false;
    harness.get_by_label("Sweep a parameter").click();
    harness.run_steps(2);
    harness.get_by_label("Parameter").click();
    harness.run_steps(2);
    // The slider of the same name is there too: the menu's entry is the button.
    let entry = harness
        .get_all_by_label("Sleep learning rate")
        .find(|n| n.accesskit_node().role() == Role::Button);
    entry.expect("the parameter menu lists the slider").click();
    harness.run_steps(2);
    let plan = &mut harness.state_mut().animals.sweep;
    assert_eq!(plan.key, "sleep.learning_rate");
    (plan.from, plan.to, plan.values) = (0.5, 1.5, 3);
    harness.get_by_label("Start sweep").click();
    harness.run_steps(2);
    harness.get_by_label_contains("of 12 runs done");
    step_until(&mut harness, |app| !app.animals.running());
    harness.get_by_label("Finished: 12 of 12 runs done");
    let batch = harness.state().animals.latest().expect("a batch");
    assert_eq!(batch.points(), 3);
    for point in 0..3 {
        assert_eq!(batch.sleep_wins(point).1, 2, "both seeds paired at value {point}");
    }

    // The table: the headless sweep's columns and figures for the final test, then the
    // sleep benefit.
    let table = dir.path().join("animals.csv");
    harness.get_by_label("Export table (CSV)…").click();
    confirm_path(&mut harness, &table);
    harness.run_steps(2);
    let exported = std::fs::read_to_string(&table).expect("the table was saved");
    let headless = headless_sweep_rows(
        "sleep.learning_rate=0.5:1.5:3",
        seeds,
        &dir.path().join("sweep.csv"),
    );
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(lines.len(), headless.len(), "{exported}");
    for (mine, theirs) in lines.iter().zip(&headless) {
        let kept = mine.rsplitn(5, ',').last().expect("the summary's columns");
        assert_eq!(kept, theirs);
    }
    assert!(lines[0].ends_with(",t1_sleep_benefit_mean,t1_sleep_benefit_sd,sleep_better,pairs"));

    // The plot: a screenshot is asked for, and the part kept is the plot's.
    let picture = dir.path().join("animals.png");
    harness.get_by_label("Save plot (PNG)…").click();
    confirm_path(&mut harness, &picture);
    harness.step();
    let shot = harness
        .output()
        .viewport_output
        .values()
        .flat_map(|v| v.commands.iter())
        .find_map(|c| match c {
            egui::ViewportCommand::Screenshot(callback) => Some(callback.clone()),
            _ => None,
        })
        .expect("a screenshot was asked for");
    let whole = egui::ColorImage::filled([1280, 800], egui::Color32::from_rgb(10, 20, 30));
    shot.complete(std::sync::Arc::new(whole));
    // The next frame saves the picture, cut to where the latest frame drew the plot.
    let rect = harness.state().animals.plot_rect.expect("the plot was drawn");
    harness.step();
    let png = image::open(&picture).expect("the plot was saved as PNG");
    // Each edge is rounded to a whole pixel on its own: a side may differ by one.
    let near = |pixels: u32, points: f32| (pixels as f32 - points).abs() <= 1.0;
    let size = (png.width(), png.height());
    assert!(
        near(size.0, rect.width()) && near(size.1, rect.height()),
        "{size:?} {rect:?}"
    );
    assert!(rect.width() > 300.0 && rect.height() > 100.0, "{rect:?}");
}
