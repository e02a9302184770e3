//! The keyboard shortcuts: space runs or pauses, S steps, N runs to the next sleep, 1 / 2
//! / Z move the phase switch.

use super::actions::Action;
use crate::worker::Phase;

/// Each shortcut and what it does, as Help lists them.
pub const KEYS: [(&str, &str); 5] = [
    ("Space", "run / pause, Continue after an act"),
    ("S", "step one cycle"),
    ("N", "run to the next sleep and pause there"),
    ("1 / 2", "wake in task 1 / task 2"),
    ("Z", "sleep"),
];

/// What the keys pressed this frame ask for, in the order pressed. `running` is whether
/// the simulation runs now; `phase_locked` ignores the phase keys (a lesson locks them).
pub fn read(events: &[egui::Event], running: bool, phase_locked: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut running = running;
    for event in events {
        let egui::Event::Key {
            key, pressed: true, ..
        } = event
        else {
            continue;
        };
        match key {
            egui::Key::Space => {
                running = !running;
                actions.push(Action::Run(running));
            }
            egui::Key::S => {
                running = false;
                actions.push(Action::Step);
            }
            egui::Key::N => {
                running = true;
                actions.push(Action::RunToSleep);
            }
            _ => {
                if let Some(control) = phase_of_key(*key).filter(|_| !phase_locked) {
                    actions.push(Action::SetPhase(control));
                }
            }
        }
    }
    actions
}

/// The phase a key moves the switch to, if any.
fn phase_of_key(key: egui::Key) -> Option<Phase> {
    match key {
        egui::Key::Num1 => Some(Phase::WakeT1),
        egui::Key::Num2 => Some(Phase::WakeT2),
        egui::Key::Z => Some(Phase::Sleep),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: egui::Key) -> egui::Event {
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn two_then_z_in_one_frame_ends_in_sleep() {
        let actions = read(&[press(egui::Key::Num2), press(egui::Key::Z)], false, false);
        assert_eq!(actions.last(), Some(&Action::SetPhase(Phase::Sleep)));
    }

    #[test]
    fn a_locked_phase_switch_ignores_the_phase_keys_but_not_space() {
        let actions = read(&[press(egui::Key::Z), press(egui::Key::Space)], false, true);
        assert_eq!(actions, [Action::Run(true)]);
    }
}
