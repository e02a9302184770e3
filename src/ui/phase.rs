//! The phase switch between the window and a preset: a preset's saved phase as the
//! switch's position, and back.

use crate::preset::WindowState;
use crate::worker::Phase;

/// The phase switch a preset's window state asks for (wake in task 1 by default).
pub fn control_of(window: Option<&WindowState>) -> Phase {
    window.map_or(Phase::WakeT1, |w| w.phase)
}

/// The window state that saves the switch at `phase`.
pub fn window_state_of(phase: Phase) -> WindowState {
    WindowState { phase }
}
