//! The neuron inspector: the neuron clicked in the raster, the heatmap, the receptive
//! fields or the input pictures, in a small window of its own. A hidden unit shows what it
//! detects (its bar and where in the animal's 7×7 view; a learned unit, its input weights
//! as a picture), its synapses to the eight outputs now and at the end of task 1, and its
//! recent spikes; an output shows its membrane potential over the last cycles, its
//! receptive field, its synapses over the run (the paper's Fig 6) and its strongest inputs. Everything comes from the latest frame of the
//! run (with sleep, when a twin runs beside it).

mod drawings;
pub mod synapse_history;

use egui::{Align2, RichText, Sense, Ui, Vec2};
use ndarray::Array2;

use super::input_pictures;
use super::receptive_fields;
pub use super::units::Unit;
use super::units::UnitGroup;
use crate::sim::hidden::VIEW_CELLS;
use crate::sim::network::{DIRECTION_NAMES, N_OUTPUTS};
use crate::sim::world::{BarKind, Task};
use crate::worker::{Activity, CycleSpikes, Frame};
use drawings::{potential_plot, spike_strip, view_picture, weight_bars};

/// The directions of the outputs in words, in the order of [`DIRECTION_NAMES`].
const DIRECTION_WORDS: [&str; N_OUTPUTS] = [
    "north",
    "north-east",
    "east",
    "south-east",
    "south",
    "south-west",
    "west",
    "north-west",
];

/// The title of a unit, as the inspector heads it ("Hidden unit 12: H detector").
pub fn title(frame: &Frame, unit: Unit) -> String {
    match unit {
        Unit::Hidden(i) => {
            let group = UnitGroup::of(frame.hidden_kinds.get(i).copied().flatten());
            format!("Hidden unit {i}: {} detector", group.name())
        }
        Unit::Output(j) => format!(
            "Output {}: moves the animal {}",
            DIRECTION_NAMES[j % N_OUTPUTS],
            DIRECTION_WORDS[j % N_OUTPUTS]
        ),
    }
}

/// Shows the inspector of the chosen unit in a window of its own; closing it clears the
/// choice. Nothing without a frame.
pub fn show(ctx: &egui::Context, frame: Option<&Frame>, selected: &mut Option<Unit>) {
    let (Some(frame), Some(unit)) = (frame, *selected) else {
        return;
    };
    let mut open = true;
    let corner = ctx.content_rect().right_center() + Vec2::new(-16.0, 0.0);
    egui::Window::new("Neuron inspector")
        .open(&mut open)
        .pivot(Align2::RIGHT_CENTER)
        .default_pos(corner)
        .default_width(340.0)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(RichText::new(title(frame, unit)).strong().size(16.0));
            if frame.twin.is_some() {
                ui.label(RichText::new("In the run with sleep.").weak());
            }
            match unit {
                Unit::Hidden(i) => show_hidden(ui, frame, i),
                Unit::Output(j) => show_output(ui, frame, j),
            }
        });
    if !open {
        *selected = None;
    }
}

/// A hidden unit's eight outgoing weights in `weights` (hidden × outputs).
fn outgoing(weights: &Array2<f32>, unit: usize) -> Option<Vec<f32>> {
    (unit < weights.nrows()).then(|| weights.row(unit).to_vec())
}

/// What a bar kind looks like, in words.
fn bar_words(kind: BarKind) -> &'static str {
    match kind {
        BarKind::Horizontal => "a horizontal bar",
        BarKind::Vertical => "a vertical bar",
        BarKind::Rising => "a rising diagonal (/)",
        BarKind::Falling => "a falling diagonal (\\)",
    }
}

/// Where a view cell lies from the animal (the view's centre), in words.
pub fn place_words((row, column): (usize, usize)) -> String {
    let centre = VIEW_CELLS / 2;
    let vertical = match row.cmp(&centre) {
        std::cmp::Ordering::Less => Some(format!("{} up", centre - row)),
        std::cmp::Ordering::Greater => Some(format!("{} down", row - centre)),
        std::cmp::Ordering::Equal => None,
    };
    let horizontal = match column.cmp(&centre) {
        std::cmp::Ordering::Less => Some(format!("{} left", centre - column)),
        std::cmp::Ordering::Greater => Some(format!("{} right", column - centre)),
        std::cmp::Ordering::Equal => None,
    };
    match (vertical, horizontal) {
        (None, None) => "on the animal's own cell".into(),
        (Some(v), None) => format!("{v} from the animal"),
        (None, Some(h)) => format!("{h} from the animal"),
        (Some(v), Some(h)) => format!("{v} and {h} from the animal"),
    }
}

fn show_hidden(ui: &mut Ui, frame: &Frame, unit: usize) {
    let kind = frame.hidden_kinds.get(unit).copied().flatten();
    let cells = frame.hidden_footprints.get(unit).cloned().unwrap_or_default();
    ui.horizontal(|ui| {
        match &frame.input_weights {
            // A learned unit: its own input picture, larger than in the grid.
            Some(inputs) => {
                let (response, painter) = ui.allocate_painter(Vec2::splat(126.0), Sense::hover());
                input_pictures::draw_unit(&painter, response.rect, inputs, unit);
                let name = format!("Input picture of hidden unit {unit}");
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
                response.on_hover_text("Its input weights in its 7×7 view: brighter is stronger; blank cells it does not see; the dot is the animal");
            }
            None => view_picture(ui, &cells, UnitGroup::of(kind).colour(), 84.0),
        }
        ui.vertical(|ui| {
            ui.label(RichText::new("What it detects").strong());
            let learned = frame.input_weights.is_some();
            match (kind, cells.first()) {
                (Some(kind), _) if learned => {
                    let task = Task::of_kind(kind);
                    let role = if kind == task.rewarded() { "food" } else { "bitter" };
                    ui.label(format!(
                        "It prefers {}: every bar that reaches its threshold is of that kind (read from its input weights when development ended). In task {} such bars are {role}.",
                        bar_words(kind),
                        task.index() + 1
                    ));
                }
                (Some(kind), Some(&first)) => {
                    let task = Task::of_kind(kind);
                    let role = if kind == task.rewarded() { "food" } else { "bitter" };
                    ui.label(format!(
                        "It fires when {} starts {} (in its 7×7 view). In task {} such bars are {role}.",
                        bar_words(kind),
                        place_words(first),
                        task.index() + 1
                    ));
                }
                _ if learned => {
                    ui.label("Its input weights single out no one orientation: bars of several kinds reach its threshold, or none does.");
                }
                _ => {
                    ui.label("It detects no single bar.");
                }
            }
        });
    });
    ui.separator();
    ui.label(RichText::new("Synapses to the outputs: now and at the end of task 1").strong());
    let now = outgoing(&frame.weights, unit);
    let after_t1 = frame.weights_after_task[0]
        .as_deref()
        .and_then(|w| outgoing(w, unit));
    weight_bars(
        ui,
        now.as_deref(),
        after_t1.as_deref(),
        frame.params.network.initial_weight,
    );
    if after_t1.is_none() {
        ui.label(RichText::new("(task 1 has not ended yet in this run)").weak());
    }
    ui.separator();
    let (awake, asleep) = spike_counts(&frame.raster, |spikes| {
        spikes
            .hidden
            .iter()
            .filter(|&&(_, i)| usize::from(i) == unit)
            .count()
    });
    ui.label(RichText::new("Recent spikes").strong());
    ui.label(format!(
        "{} in the last {} cycles: {awake} awake, {asleep} asleep",
        awake + asleep,
        frame.raster.len()
    ));
    spike_strip(ui, frame, |spikes| {
        spikes
            .hidden
            .iter()
            .filter(|&&(_, i)| usize::from(i) == unit)
            .map(|&(step, _)| step)
            .collect()
    });
}

fn show_output(ui: &mut Ui, frame: &Frame, output: usize) {
    ui.label(RichText::new("Membrane potential over the last cycles").strong());
    potential_plot(ui, frame, output);
    let (awake, asleep) = spike_counts(&frame.raster, |spikes| {
        spikes
            .output
            .iter()
            .filter(|&&(_, j)| usize::from(j) == output)
            .count()
    });
    ui.label(format!(
        "{} spikes in the last {} cycles: {awake} awake, {asleep} asleep. The output with most spikes in the first {} ms of a waking cycle moves the animal.",
        awake + asleep,
        frame.raster.len(),
        frame.params.network.decision_ms
    ));
    ui.separator();
    ui.horizontal(|ui| {
        let (response, painter) = ui.allocate_painter(Vec2::splat(96.0), Sense::hover());
        receptive_fields::draw(&painter, response.rect, frame, output);
        ui.vertical(|ui| {
            ui.label(RichText::new("Receptive field").strong());
            ui.label("The bars that make it fire, as strong as their net drive; the dot is the animal.");
        });
    });
    ui.label(RichText::new("Its synapses over time").strong())
        .on_hover_text("As in the paper's Fig 6: a strong cluster and a weak one near 0");
    synapse_history::show(ui, frame, output);
    ui.label(RichText::new("Strongest inputs").strong());
    for (unit, drive) in strongest_inputs(frame, output, 4) {
        let kind = frame.hidden_kinds.get(unit).copied().flatten();
        let place = frame
            .hidden_footprints
            .get(unit)
            .and_then(|c| c.first())
            .map_or_else(String::new, |&c| format!(", {}", place_words(c)));
        ui.label(format!(
            "{} unit {unit}{place}: net drive {drive:.2}",
            UnitGroup::of(kind).name()
        ));
    }
}

/// The hidden units that drive `output` most: their weight to it minus their balanced
/// inhibition (the mean of their eight weights), strongest first.
pub fn strongest_inputs(frame: &Frame, output: usize, count: usize) -> Vec<(usize, f32)> {
    let mut drives: Vec<(usize, f32)> = (0..frame.hidden_kinds.len())
        .filter_map(|i| {
            let row = outgoing(&frame.weights, i)?;
            let mean = row.iter().sum::<f32>() / N_OUTPUTS as f32;
            Some((i, row.get(output)? - mean))
        })
        .collect();
    drives.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    drives.truncate(count);
    drives
}

/// Spikes counted per cycle of the raster, summed over waking and over sleeping cycles.
fn spike_counts(
    raster: &[CycleSpikes],
    count: impl Fn(&crate::sim::simulation::SpikeLog) -> usize,
) -> (usize, usize) {
    raster.iter().fold((0, 0), |(awake, asleep), entry| {
        let n = count(&entry.spikes);
        if entry.activity == Some(Activity::Sleep) {
            (awake, asleep + n)
        } else {
            (awake + n, asleep)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_in_the_view_are_told_from_the_animal() {
        assert_eq!(place_words((3, 3)), "on the animal's own cell");
        assert_eq!(place_words((1, 4)), "2 up and 1 right from the animal");
        assert_eq!(place_words((6, 3)), "3 down from the animal");
        assert_eq!(place_words((3, 0)), "3 left from the animal");
    }
}
