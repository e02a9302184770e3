//! A fault in the simulation thread, seen from the window: shown unasked, and survived by
//! pressing Reset. (The thread is made to panic by a command that exists only in tests.)

use std::time::Duration;

use super::actions::Action;
use super::app::SleepLabApp;
use super::default_preset;
use crate::worker::Command;

const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn a_fault_in_the_simulation_is_shown_and_reset_starts_a_new_thread() {
    let mut app = SleepLabApp::new(default_preset(), || {});
    let ctx = egui::Context::default();
    app.link
        .send(Command::PanicForTest("the model broke".into()))
        .expect("the thread takes the command");
    let start = std::time::Instant::now();
    while app.link.alive() && start.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!app.link.alive(), "the fault stopped the thread");
    // The status line says so unasked, with the panic's message, before any command.
    app.tick(&ctx);
    let shown = app.status.message.clone().unwrap_or_default();
    assert!(shown.contains("the model broke"), "status: {shown}");
    assert!(shown.contains("Reset"), "status says what to do: {shown}");
    // Reset starts a new thread, which then runs.
    app.apply(Action::Reset(7));
    assert!(app.link.alive(), "a new simulation thread runs");
    assert_eq!(app.status.message, None, "the fault is no longer shown");
    app.link
        .send(Command::Step)
        .expect("the new thread takes commands");
    assert!(
        app.link.wait_until(PATIENCE, |f| f.cycle == 1 && f.seed == 7),
        "the new thread stepped the reset run"
    );
}
