//! The keyboard shortcuts, each written once in [`SHORTCUTS`]: its keys, how Help names
//! them, and what each key does.

use super::actions::Action;
use crate::worker::Phase;

/// What a key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Does {
    /// Run if paused, pause if running.
    RunOrPause,
    /// Pause and run one cycle.
    Step,
    /// Run to the next sleep and pause there.
    RunToSleep,
    /// Move the phase switch (ignored while a lesson locks it).
    SetPhase(Phase),
}

/// One shortcut as Help lists it: one or more keys and what each does.
#[derive(Clone, Copy, Debug)]
pub struct Shortcut {
    /// The keys as Help writes them.
    pub keys: &'static str,
    /// What they do, as Help says it.
    pub text: &'static str,
    /// Each key and what it does.
    does: &'static [(egui::Key, Does)],
}

/// Every shortcut.
pub const SHORTCUTS: [Shortcut; 5] = [
    Shortcut {
        keys: "Space",
        text: "run / pause, Continue after an act",
        does: &[(egui::Key::Space, Does::RunOrPause)],
    },
    Shortcut {
        keys: "S",
        text: "step one cycle",
        does: &[(egui::Key::S, Does::Step)],
    },
    Shortcut {
        keys: "N",
        text: "run to the next sleep and pause there",
        does: &[(egui::Key::N, Does::RunToSleep)],
    },
    Shortcut {
        keys: "1 / 2",
        text: "wake in task 1 / task 2",
        does: &[
            (egui::Key::Num1, Does::SetPhase(Phase::WakeT1)),
            (egui::Key::Num2, Does::SetPhase(Phase::WakeT2)),
        ],
    },
    Shortcut {
        keys: "Z",
        text: "sleep",
        does: &[(egui::Key::Z, Does::SetPhase(Phase::Sleep))],
    },
];

/// Each shortcut's keys and what they do, as Help lists them (read from [`SHORTCUTS`]).
pub const KEYS: [(&str, &str); SHORTCUTS.len()] = {
    let mut keys = [("", ""); SHORTCUTS.len()];
    let mut i = 0;
    while i < SHORTCUTS.len() {
        keys[i] = (SHORTCUTS[i].keys, SHORTCUTS[i].text);
        i += 1;
    }
    keys
};

/// What a key does, if it is a shortcut.
fn does(key: egui::Key) -> Option<Does> {
    SHORTCUTS
        .iter()
        .flat_map(|shortcut| shortcut.does)
        .find(|(k, _)| *k == key)
        .map(|&(_, does)| does)
}

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
        match does(*key) {
            Some(Does::RunOrPause) => {
                running = !running;
                actions.push(Action::Run(running));
            }
            Some(Does::Step) => {
                running = false;
                actions.push(Action::Step);
            }
            Some(Does::RunToSleep) => {
                running = true;
                actions.push(Action::RunToSleep);
            }
            Some(Does::SetPhase(phase)) if !phase_locked => actions.push(Action::SetPhase(phase)),
            Some(Does::SetPhase(_)) | None => {}
        }
    }
    actions
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
    fn every_key_of_a_shortcut_does_what_help_says_and_no_key_has_two_meanings() {
        let all: Vec<egui::Key> = SHORTCUTS.iter().flat_map(|s| s.does).map(|(k, _)| *k).collect();
        for (i, key) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(key), "{key:?} is given twice");
        }
        assert_eq!(KEYS[3], ("1 / 2", "wake in task 1 / task 2"));
        let step = read(&[press(egui::Key::S)], true, false);
        assert_eq!(step, [Action::Step]);
    }

    #[test]
    fn a_locked_phase_switch_ignores_the_phase_keys_but_not_space() {
        let actions = read(&[press(egui::Key::Z), press(egui::Key::Space)], false, true);
        assert_eq!(actions, [Action::Run(true)]);
    }
}
