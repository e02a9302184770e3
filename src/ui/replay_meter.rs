//! The replay meter: how much of the recent sleep activity and potentiation belongs to
//! each task's units, and to units that detect no bar ("other").

use egui::Ui;

use crate::worker::{Frame, ReplayMeter};

/// Shows the replay meter of a frame (one line, explained on hover).
pub fn show(ui: &mut Ui, frame: &Frame) {
    let meter = frame.replay;
    if meter.cycles == 0 {
        ui.label("Replay meter: no sleep yet");
        return;
    }
    let spikes = ReplayMeter::shares(meter.spikes.map(|s| s as f64));
    let grown = ReplayMeter::shares(meter.potentiation);
    ui.label(format!(
        "Replay in the last {} sleep cycles: spikes {}; potentiation {}",
        meter.cycles,
        in_words(spikes),
        in_words(grown)
    ))
    .on_hover_text("Hidden units are tagged by the task whose bars drive them (task 1: H and D−; task 2: V and D+; other: units that detect no bar). In sleep no bar is seen: the spikes are spontaneous, and the potentiation shows which task's synapses sleep is strengthening");
}

/// Shares in words: "task 1 60% · task 2 40%", with "· other n%" when other units count.
fn in_words(shares: Option<[f64; 3]>) -> String {
    match shares {
        Some([t1, t2, other]) => {
            let tasks = format!("task 1 {:.0}% · task 2 {:.0}%", 100.0 * t1, 100.0 * t2);
            if other > 0.0 {
                format!("{tasks} · other {:.0}%", 100.0 * other)
            } else {
                tasks
            }
        }
        None => "none".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meter_names_the_share_of_units_that_detect_no_bar() {
        assert_eq!(
            in_words(ReplayMeter::shares([2.0, 1.0, 1.0])),
            "task 1 50% · task 2 25% · other 25%"
        );
        assert_eq!(
            in_words(ReplayMeter::shares([3.0, 1.0, 0.0])),
            "task 1 75% · task 2 25%"
        );
        assert_eq!(in_words(ReplayMeter::shares([0.0; 3])), "none");
    }
}
