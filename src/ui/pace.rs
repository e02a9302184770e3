//! The pace of a run: as fast as the machine goes, a speed chosen on the slider, or "play
//! the schedule in N minutes", which sets the speed from the animal's cycles left in the
//! schedule, so that a class sees the whole protocol in the time it has.

use crate::sim::schedule::{Block, animal_cycles};
use crate::worker::Frame;

/// The "play the schedule in N minutes" choices.
pub const PACE_MINUTES: [u32; 4] = [1, 2, 5, 10];
/// The pace a preset opened from the menu plays at: a class can watch it.
pub const PRESET_PACE_MINUTES: u32 = 2;
/// The slowest speed a pace sets (cycles per second).
pub const MIN_PACE_HZ: f64 = 1.0;

/// How fast the run goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// As fast as the machine goes.
    Full,
    /// The speed chosen on the slider.
    Chosen,
    /// The speed that plays what is left of the schedule in this many minutes.
    Minutes(u32),
    /// The class pace of a preset with acts: each act in its own class time, with a pause
    /// after each for the class.
    Class,
}

impl Pace {
    /// The pace in words, as the pace menu shows it.
    pub fn name(self) -> String {
        match self {
            Pace::Full => "Full speed".into(),
            Pace::Chosen => "Chosen speed".into(),
            Pace::Minutes(1) => "Schedule in 1 minute".into(),
            Pace::Minutes(m) => format!("Schedule in {m} minutes"),
            Pace::Class => "Class pace (acts)".into(),
        }
    }
}

/// The speed (cycles per second) that plays `animal_cycles_left` in `minutes`.
pub fn speed_for(animal_cycles_left: u64, minutes: u32) -> f64 {
    let seconds = f64::from(minutes.max(1)) * 60.0;
    (animal_cycles_left as f64 / seconds).max(MIN_PACE_HZ)
}

/// The animal's waking and sleeping cycles left in `schedule`: from the position in `frame`
/// (the current run's latest) while it follows the schedule, else the whole schedule.
pub fn animal_cycles_left(frame: Option<&Frame>, schedule: &[Block]) -> u64 {
    match frame.and_then(|f| f.schedule.as_ref()) {
        Some(p) => p.animal_cycles_total.saturating_sub(p.animal_cycles_done),
        None => animal_cycles(schedule),
    }
}

/// A duration for people: "45 s", "1 min 52 s", "2 h 5 min".
pub fn duration_text(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "a very long time".into();
    }
    let total = seconds.max(0.0).round() as u64;
    match (total / 3600, (total % 3600) / 60, total % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pace_in_minutes_plays_what_is_left_in_that_time() {
        let hz = speed_for(150_000, 2);
        assert!((150_000.0 / hz - 120.0).abs() < 1e-9);
        assert_eq!(
            speed_for(10, 10),
            MIN_PACE_HZ,
            "never slower than one cycle a second"
        );
    }

    #[test]
    fn durations_read_like_a_clock() {
        assert_eq!(duration_text(44.6), "45 s");
        assert_eq!(duration_text(112.0), "1 min 52 s");
        assert_eq!(duration_text(7_500.0), "2 h 5 min");
    }
}
