//! The window's pace: the speed it asks of the simulation, and the pace that sets it (full
//! speed, the slider, the schedule in some minutes, or the class pace of a preset's acts).

use super::SleepLabApp;
use crate::preset::Preset;
use crate::ui::pace::{self, PRESET_PACE_MINUTES, Pace};
use crate::worker::Command;

impl SleepLabApp {
    /// Sends a target speed (`None`: full speed); the controls show it, keeping a pace in
    /// minutes that asked for it.
    pub(super) fn set_speed(&mut self, hz: Option<f64>) {
        self.controls.full_speed = hz.is_none();
        match hz {
            Some(hz) => {
                self.controls.speed_hz = hz;
                if self.controls.pace == Pace::Full {
                    self.controls.pace = Pace::Chosen;
                }
            }
            None => self.controls.pace = Pace::Full,
        }
        self.send(Command::SetSpeed(hz));
    }

    /// Sets the pace and sends the speed it means: for a pace in minutes, the speed that
    /// plays the animal's cycles left in the schedule in that time.
    /// The class pace plays each act in its own time (the speed set here is for what the
    /// acts do not pace: a manual phase); a preset without acts has no class pace and gets
    /// the pace in minutes a preset opens at.
    pub fn set_pace(&mut self, pace: Pace) {
        let pace = if pace == Pace::Class && self.preset.acts().is_empty() {
            Pace::Minutes(PRESET_PACE_MINUTES)
        } else {
            pace
        };
        self.controls.pace = pace;
        self.controls.full_speed = pace == Pace::Full;
        match pace {
            Pace::Minutes(minutes) => {
                self.controls.speed_hz = pace::speed_for(self.animal_cycles_left(), minutes);
            }
            Pace::Class => {
                self.controls.speed_hz = pace::speed_for(self.animal_cycles_left(), PRESET_PACE_MINUTES);
            }
            Pace::Full | Pace::Chosen => {}
        }
        self.send(Command::SetClassPace(pace == Pace::Class));
        self.apply(self.controls.speed_action());
    }

    /// The animal's waking and sleeping cycles left in the schedule.
    pub fn animal_cycles_left(&self) -> u64 {
        pace::animal_cycles_left(self.link.current_frame(), self.preset.schedule())
    }
}

/// The pace a preset opened from the menu plays at: its acts' class pace, or, without acts,
/// the schedule in a few minutes.
pub(super) fn class_pace_of(preset: &Preset) -> Pace {
    if preset.acts().is_empty() {
        Pace::Minutes(PRESET_PACE_MINUTES)
    } else {
        Pace::Class
    }
}
