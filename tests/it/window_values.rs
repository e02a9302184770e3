//! The window never changes a preset silently: a value beyond a slider's teaching range is
//! shown, run and saved as the preset gave it, and every seed the window saves it opens again.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use sleeplab::preset::{MAX_SEED, Preset};
use sleeplab::sim::params::PlasticityParams;
use sleeplab::ui::actions::Action;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::controls::Controls;
use sleeplab::ui::default_preset;
use sleeplab::ui::files::FileAction;
use sleeplab::ui::sliders::reach;
use sleeplab::worker::Command;

const GOOD: &str = include_str!("../../presets/sleep.toml");

fn harness(preset: Preset) -> Harness<'static, SleepLabApp> {
    let app = SleepLabApp::new(preset, || {});
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut SleepLabApp| app.show(ui), app)
}

#[test]
fn a_value_beyond_the_teaching_range_is_shown_run_and_saved_unchanged() {
    let text = GOOD.replace("learning_rate = 0.25", "learning_rate = 100.0");
    let preset = Preset::parse(&text).unwrap();
    assert_eq!(preset.params().plasticity.learning_rate, 100.0);
    let mut harness = harness(preset);
    harness.run_steps(3);
    let slider = harness.get_by_role_and_label(Role::Slider, "Learning rate");
    assert_eq!(slider.accesskit_node().numeric_value(), Some(100.0));
    assert_eq!(slider.accesskit_node().max_numeric_value(), Some(100.0));
    let app = harness.state();
    assert_eq!(app.controls.params.plasticity.learning_rate, 100.0);
    assert!(
        !app.link.sent.iter().any(|c| matches!(c, Command::SetParams(_))),
        "the window changed a parameter by itself"
    );
    assert_eq!(app.status.message, None);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fast.toml");
    harness
        .state_mut()
        .apply(Action::File(FileAction::SavePreset, path.clone()));
    let saved = Preset::load(&path).unwrap();
    assert_eq!(saved.params().plasticity.learning_rate, 100.0);
}

#[test]
fn a_slider_widens_only_as_far_as_a_preset_may_go() {
    let spec = PlasticityParams::LEARNING_RATE;
    assert_eq!(reach(0.0..=10.0, spec, [2.0, 2.0]), 0.0..=10.0);
    assert_eq!(reach(0.0..=10.0, spec, [100.0, 3.0]), 0.0..=100.0);
    assert_eq!(reach(0.0..=10.0, spec, [2.0, 50.0]), 0.0..=50.0);
    assert_eq!(reach(0.0..=10.0, spec, [500.0, 2.0]), 0.0..=spec.high);
    assert_eq!(
        reach(1..=20, PlasticityParams::ELIGIBILITY_CYCLES, [40, 6]),
        1..=40
    );
}

#[test]
fn a_value_the_sliders_cannot_show_is_named() {
    let mut params = sleeplab::sim::Params::default();
    assert_eq!(Controls::new(params.clone(), 1).unshown(), None);
    params.plasticity.learning_rate = 500.0;
    let problem = Controls::new(params, 1).unshown().unwrap().to_string();
    assert!(problem.contains("plasticity.learning_rate"), "{problem}");
}

#[test]
fn the_window_saves_the_largest_seed_and_opens_it_again() {
    let mut harness = harness(default_preset());
    harness.run_steps(2);
    harness.state_mut().controls.seed_text = MAX_SEED.to_string();
    harness.get_by_label("Reset").click();
    harness.run_steps(2);
    assert_eq!(harness.state().controls.seed_error, None);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("largest.toml");
    harness
        .state_mut()
        .apply(Action::File(FileAction::SavePreset, path.clone()));
    assert_eq!(harness.state().status.message, None);

    let mut reopened = SleepLabApp::new(default_preset(), || {});
    assert!(reopened.open_preset_file(&path), "{:?}", reopened.status.message);
    assert_eq!(reopened.preset.seed(), MAX_SEED);
    assert_eq!(reopened.controls.seed_text, MAX_SEED.to_string());
}

#[test]
fn a_seed_the_window_could_not_open_again_is_refused_and_loses_nothing() {
    let mut harness = harness(default_preset());
    harness.run_steps(2);
    let beyond = (MAX_SEED + 1).to_string();
    harness.state_mut().controls.seed_text = beyond.clone();
    harness.get_by_label("Reset").click();
    harness.run_steps(2);
    let error = harness.state().controls.seed_error.clone().unwrap_or_default();
    assert!(
        error.contains(&beyond) && error.contains(&MAX_SEED.to_string()),
        "{error}"
    );
    assert!(
        !harness
            .state()
            .link
            .sent
            .iter()
            .any(|c| matches!(c, Command::Reset { .. }))
    );
    // Saving keeps the preset's own seed, and the file opens again.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.toml");
    harness
        .state_mut()
        .apply(Action::File(FileAction::SavePreset, path.clone()));
    assert_eq!(Preset::load(&path).unwrap().seed(), default_preset().seed());
}
