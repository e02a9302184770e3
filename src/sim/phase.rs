//! The four-way phase switch: wake in task 1, wake in task 2, sleep, or follow the
//! schedule. The window shows it, the simulation thread obeys it, and a preset's
//! `[window]` table stores it (as `"wake-t1"`, `"wake-t2"`, `"sleep"` or `"schedule"`).

use serde::{Deserialize, Serialize};

use super::simulation::Mode;
use super::world::Task;

/// What the animal is told to do: one mode until switched, or the preset's schedule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Awake and learning in task 1's world.
    #[default]
    WakeT1,
    /// Awake and learning in task 2's world.
    WakeT2,
    /// Asleep.
    Sleep,
    /// Play the preset's schedule.
    Schedule,
}

impl Phase {
    /// Every phase, in the order the switch shows them.
    pub const ALL: [Phase; 4] = [Phase::WakeT1, Phase::WakeT2, Phase::Sleep, Phase::Schedule];

    /// The mode of a phase chosen by hand; `None` when the schedule decides.
    pub fn manual_mode(self) -> Option<Mode> {
        match self {
            Phase::WakeT1 => Some(Mode::Wake {
                task: Task::T1,
                plastic: true,
            }),
            Phase::WakeT2 => Some(Mode::Wake {
                task: Task::T2,
                plastic: true,
            }),
            Phase::Sleep => Some(Mode::Sleep),
            Phase::Schedule => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_is_the_only_phase_without_a_fixed_mode() {
        for phase in Phase::ALL {
            assert_eq!(phase.manual_mode().is_none(), phase == Phase::Schedule);
        }
    }

    #[test]
    fn phases_keep_the_names_preset_files_use() {
        #[derive(Serialize)]
        struct Holder {
            phase: Phase,
        }
        let names: Vec<String> = Phase::ALL
            .iter()
            .map(|&phase| toml::to_string(&Holder { phase }).unwrap_or_default())
            .collect();
        assert_eq!(
            names,
            [
                "phase = \"wake-t1\"\n",
                "phase = \"wake-t2\"\n",
                "phase = \"sleep\"\n",
                "phase = \"schedule\"\n"
            ]
        );
    }
}
