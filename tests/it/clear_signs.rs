//! Clear signs in the window, clicked through offline (no simulation thread): Help shows
//! the teacher's script and a guide to the window besides the keys; the path field takes
//! Enter; the latest status message replaces an older one; turning the twin off asks first;
//! the weights heatmap has a key for its sleep outlines.

use crate::common;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sleeplab::preset::Preset;
use sleeplab::ui::app::SleepLabApp;
use sleeplab::ui::default_preset;
use sleeplab::ui::help::{GUIDE, HelpPage, TEACHING};
use sleeplab::worker::Command;

fn offline_harness() -> Harness<'static, SleepLabApp> {
    let mut harness = common::window(SleepLabApp::offline(default_preset()));
    harness.run_steps(2);
    harness
}

#[test]
fn help_opens_the_teachers_script_and_the_window_guide_besides_the_keys() {
    let mut harness = offline_harness();
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Space: run / pause, Continue after an act")
            .is_some(),
        "the keys"
    );
    harness.get_by_label("Teaching with SleepLab").click();
    // A new window is measured unseen in its first frame.
    harness.run_steps(3);
    assert_eq!(harness.state().help, Some(HelpPage::Teaching));
    for heading in [
        "Teaching with SleepLab",
        "The story in five sentences",
        "The ten-minute class demo, click by click",
    ] {
        assert!(harness.query_all_by_label(heading).next().is_some(), "{heading}");
    }

    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("The window and its keys").click();
    harness.run_steps(3);
    assert_eq!(harness.state().help, Some(HelpPage::Window));
    assert!(harness.query_by_label("What you see").is_some());
}

#[test]
fn the_script_in_the_app_is_the_printable_docs_teaching_md() {
    let printed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/teaching.md")).unwrap();
    assert_eq!(TEACHING, printed);
    assert!(
        GUIDE.contains("Enter"),
        "the guide tells how to confirm a typed path"
    );
}

#[test]
fn enter_in_the_path_field_confirms_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("by-enter.toml");
    let mut harness = offline_harness();
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Save preset…").click();
    harness.run_steps(2);
    let field = harness.get_by_label("Save preset to path");
    field.focus();
    harness.run_steps(1);
    harness.state_mut().files.chooser.path_field.as_mut().unwrap().1 = path.display().to_string();
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert!(Preset::load(&path).is_ok(), "{:?}", harness.state().status);
    assert!(
        harness.state().files.chooser.path_field.is_none(),
        "the field closed"
    );
}

#[test]
fn the_latest_status_message_replaces_an_older_one_of_either_kind() {
    let mut app = SleepLabApp::offline(default_preset());
    app.status.problem("the old problem".into());
    app.status.notice("good news".into());
    assert_eq!(app.status.message, None);
    app.status.problem("a new problem".into());
    assert_eq!(
        app.status.notice, None,
        "old news is not shown beside a new problem"
    );
    assert_eq!(app.status.message.as_deref(), Some("a new problem"));
}

#[test]
fn turning_the_twin_off_asks_before_the_run_starts_again() {
    let mut harness = offline_harness();
    harness.get_by_label("Twin run").click();
    harness.run_steps(2);
    assert!(harness.state().controls.twin_on);
    harness.state_mut().link.sent.clear();

    harness.get_by_label("Twin run").click();
    harness.run_steps(2);
    assert!(harness.state().controls.twin_on, "still on until confirmed");
    assert!(harness.state().link.sent.is_empty(), "nothing sent yet");
    harness.get_by_label("Keep the twin").click();
    harness.run_steps(2);
    assert!(harness.state().controls.twin_on);
    assert!(
        harness.query_by_label("Keep the twin").is_none(),
        "the question is gone"
    );
    assert!(harness.state().link.sent.is_empty());

    harness.get_by_label("Twin run").click();
    harness.run_steps(2);
    harness.get_by_label("Turn off and start again").click();
    harness.run_steps(2);
    assert!(!harness.state().controls.twin_on);
    assert!(
        harness
            .state()
            .link
            .sent
            .iter()
            .any(|c| matches!(c, Command::SetTwin(false))),
        "{:?}",
        harness.state().link.sent
    );
}

#[test]
fn the_heatmap_has_a_key_for_the_outlines_drawn_in_sleep() {
    let app = SleepLabApp::new(default_preset(), || {});
    let mut harness = common::window(app);
    assert!(
        harness
            .state_mut()
            .link
            .wait_until(Duration::from_secs(20), |_| true),
        "a first frame"
    );
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("outlined: strengthened in sleep just now")
            .is_some()
    );
}

#[test]
fn the_readme_holds_the_same_ten_minute_demo_as_docs_teaching_md() {
    let root = env!("CARGO_MANIFEST_DIR");
    let teaching = std::fs::read_to_string(format!("{root}/docs/teaching.md")).unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let heading = "## The ten-minute class demo, click by click\n";
    let start = teaching.find(heading).expect("the demo heading") + heading.len();
    let end = teaching[start..]
        .find("\n## ")
        .map_or(teaching.len(), |e| start + e);
    let demo = teaching[start..end].trim_matches('\n');
    let open = readme.find("<!-- demo:").expect("the README's demo marker");
    let open = open + readme[open..].find('\n').unwrap() + 1;
    let close = readme
        .find("<!-- end of demo -->")
        .expect("the README's end marker");
    assert_eq!(
        readme[open..close].trim_matches('\n'),
        demo,
        "the README's demo differs"
    );
}
