//! Clicks on the window at a point, as the tests that pick units from drawings need them.

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use sleeplab::ui::app::SleepLabApp;

/// Moves the pointer to `pos`, presses and releases the primary button there, then lets a
/// window that the click opens be drawn.
pub fn click_at(harness: &mut Harness<'static, SleepLabApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    // A new window is measured unseen in its first frame.
    harness.run_steps(3);
}
