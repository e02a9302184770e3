//! The phase switch between the window and a preset: a preset's saved phase as the
//! switch's position, and back.

use crate::preset::{StartPhase, WindowState};
use crate::worker::{Control, ManualPhase};

/// The phase switch a preset's window state asks for (wake in task 1 by default).
pub fn control_of(window: Option<&WindowState>) -> Control {
    match window.map(|w| w.phase) {
        None | Some(StartPhase::WakeT1) => Control::Manual(ManualPhase::WakeT1),
        Some(StartPhase::WakeT2) => Control::Manual(ManualPhase::WakeT2),
        Some(StartPhase::Sleep) => Control::Manual(ManualPhase::Sleep),
        Some(StartPhase::Schedule) => Control::Schedule,
    }
}

/// The window state that saves the switch at `control`.
pub fn window_state_of(control: Control) -> WindowState {
    WindowState {
        phase: match control {
            Control::Manual(ManualPhase::WakeT1) => StartPhase::WakeT1,
            Control::Manual(ManualPhase::WakeT2) => StartPhase::WakeT2,
            Control::Manual(ManualPhase::Sleep) => StartPhase::Sleep,
            Control::Schedule => StartPhase::Schedule,
        },
    }
}
