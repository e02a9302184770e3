//! The replay meter: how much of the recent sleep activity and potentiation belongs to
//! each task's synapses.

use egui::Ui;

use crate::worker::{Frame, ReplayMeter};

/// Shows the replay meter of a frame (one line, explained on hover).
pub fn show(ui: &mut Ui, frame: &Frame) {
    let meter = frame.replay;
    if meter.cycles == 0 {
        ui.label("Replay meter: no sleep yet");
        return;
    }
    let spikes = ReplayMeter::t1_share([meter.spikes[0] as f64, meter.spikes[1] as f64]);
    let grown = ReplayMeter::t1_share(meter.potentiation);
    let percent = |share: Option<f64>| match share {
        Some(s) => format!("task 1 {:.0}% · task 2 {:.0}%", 100.0 * s, 100.0 * (1.0 - s)),
        None => "none".to_owned(),
    };
    ui.label(format!(
        "Replay in the last {} sleep cycles: spikes {}; potentiation {}",
        meter.cycles,
        percent(spikes),
        percent(grown)
    ))
    .on_hover_text("Hidden units are tagged by the task whose bars drive them (task 1: H and D−; task 2: V and D+). In sleep no bar is seen: the spikes are spontaneous, and the potentiation shows which task's synapses sleep is strengthening");
}
