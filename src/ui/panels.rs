//! The central area: the world (and its twin), the scores area, the spike raster with the
//! replay meter, and the weights. A new panel is one file and one line here.

use egui::{Rect, Ui};

use super::actions::Action;
use super::animals::{self, Animals};
use super::link::SimLink;
use super::units::Unit;
pub use super::views::{ScoresView, Views};
use super::{
    input_pictures, raster, receptive_fields, replay_meter, scoreboard, scores, weights, world_view,
};
use crate::worker::{Activity, Frame};

/// Shows the central area from what the link holds, and the Many animals panel (`stale`:
/// the experiment changed since its latest batch); returns what the panels ask for.
pub fn show(
    ui: &mut Ui,
    views: &mut Views,
    link: &SimLink,
    animals: &mut Animals,
    stale: bool,
    drawn: &mut Vec<(&'static str, Rect)>,
) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(frame) = &link.frame else {
        ui.label("Waiting for the simulation…");
        return out;
    };
    // The input pictures exist only for a learned layer.
    if views.scores == ScoresView::InputPictures && frame.input_weights.is_none() {
        views.scores = ScoresView::OverTime;
    }
    let full = ui.available_size();
    // On a projector the scores plot is what the room reads: the top gets more of the height.
    let top_share = if views.projector_mode { 0.5 } else { 0.42 };
    let usual_height = (full.y * top_share).max(150.0);
    // In a twin run both worlds share the space of one; either way the worlds leave the
    // scores at least half the width (a narrow window: projector mode, a lesson open).
    let worlds = if frame.twin.is_some() { 2.0 } else { 1.0 };
    let world_side = if frame.twin.is_some() {
        usual_height * 0.62
    } else {
        usual_height - 20.0
    }
    .min(full.x * 0.5 / worlds - ui.spacing().item_spacing.x);
    // Many animals needs room for its settings and two plots, the input pictures for
    // hundreds of tiles: the raster and weights below give them some, the world keeps its
    // size.
    let top_height = if matches!(views.scores, ScoresView::ManyAnimals | ScoresView::InputPictures) {
        (full.y * 0.6).max(150.0)
    } else {
        usual_height
    };
    ui.horizontal(|ui| {
        ui.set_height(top_height);
        ui.vertical(|ui| {
            ui.set_width(world_side);
            ui.set_height(top_height);
            let title = if frame.twin.is_some() {
                "World, with sleep"
            } else {
                "World"
            };
            ui.label(egui::RichText::new(title).strong());
            let selected_cells = match views.selected {
                Some(Unit::Hidden(i)) => frame.hidden_footprints.get(i).map(Vec::as_slice),
                _ => None,
            };
            let marks = world_view::Marks {
                last: frame.raster.last(),
                selected_cells,
            };
            world_view::show(ui, frame.world.as_ref(), frame.activity, marks);
            drawn.push(("world", ui.min_rect()));
        });
        if let Some(twin) = &frame.twin {
            ui.vertical(|ui| {
                ui.set_width(world_side);
                ui.set_height(top_height);
                ui.label(egui::RichText::new("World, without sleep").strong());
                let awake = twin.raster.last().and_then(|c| c.activity);
                let marks = world_view::Marks {
                    last: twin.raster.last(),
                    selected_cells: None,
                };
                world_view::show(ui, twin.world.as_ref(), awake, marks);
                drawn.push(("twin world", ui.min_rect()));
            });
        }
        let scores_width = ui.available_width();
        ui.vertical(|ui| {
            ui.set_max_width(scores_width);
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new("Scores").strong());
                ui.selectable_value(&mut views.scores, ScoresView::OverTime, "Over time");
                ui.selectable_value(&mut views.scores, ScoresView::Scoreboard, "Scoreboard");
                ui.selectable_value(&mut views.scores, ScoresView::WeightFate, "Weight fate");
                ui.selectable_value(&mut views.scores, ScoresView::WeightSpace, "Weight space");
                ui.selectable_value(&mut views.scores, ScoresView::ManyAnimals, "Many animals");
                if frame.input_weights.is_some() {
                    ui.selectable_value(&mut views.scores, ScoresView::InputPictures, "Input pictures")
                        .on_hover_text("Each learned hidden unit's input weights as a small picture of its view: watch bar detectors form during development");
                }
            });
            match views.scores {
                ScoresView::OverTime => {
                    let twin = frame.twin.is_some().then_some(&link.twin_history);
                    scores::show(ui, &link.history, twin, &mut views.score_layers);
                }
                ScoresView::Scoreboard => {
                    let twin = frame.twin.is_some().then_some(&link.twin_history);
                    scoreboard::show_scoreboard(ui, &link.history, twin);
                }
                ScoresView::WeightFate => scoreboard::show_weight_fate(ui, frame),
                ScoresView::WeightSpace => super::weight_space::show(ui, frame),
                ScoresView::ManyAnimals => out.extend(animals::show(ui, animals, stale)),
                ScoresView::InputPictures => {
                    if let Some(unit) = input_pictures::show(ui, frame, views.selected, views.projector_mode) {
                        views.selected = Some(unit);
                    }
                }
            }
            drawn.push(("scores", ui.min_rect()));
        });
    });
    ui.separator();
    show_bottom(ui, views, link, frame, drawn);
    out
}

/// The bottom half: the spike raster (and the twin's) with the replay meter, and the
/// weights; a neuron clicked in any of them becomes the one inspected.
fn show_bottom(
    ui: &mut Ui,
    views: &mut Views,
    link: &SimLink,
    frame: &Frame,
    drawn: &mut Vec<(&'static str, Rect)>,
) {
    let twin_raster = frame.twin.as_ref().map(|t| t.raster.as_slice());
    ui.columns(if twin_raster.is_some() { 3 } else { 2 }, |columns| {
        let title = if twin_raster.is_some() {
            "Spike raster, with sleep"
        } else {
            "Spike raster"
        };
        columns[0].label(egui::RichText::new(title).strong());
        replay_meter::show(&mut columns[0], frame);
        let mut clicked = raster::show(&mut columns[0], frame, &frame.raster, views.selected);
        if let Some(raster) = twin_raster {
            columns[1]
                .label(egui::RichText::new("Spike raster, without sleep").strong())
                .on_hover_text("The twin never sleeps: it waits while the other sleeps");
            clicked = clicked.or(raster::show(&mut columns[1], frame, raster, views.selected));
        }
        let Some(ui) = columns.last_mut() else { return };
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Weights").strong());
            ui.checkbox(&mut views.colour_by_task, "Colour by task")
                .on_hover_text("Colour each synapse by the task it serves: among the top 10% after that task's training (blue: task 1, vermillion: task 2, purple: both)");
        });
        if views.colour_by_task {
            weights::show_task_key(ui);
        }
        let growing = (frame.activity == Some(Activity::Sleep)).then_some(&link.growing);
        // Two heatmaps (with the twin) or one and the receptive fields share the height
        // left, so that the column ends inside the window.
        let matrix_height = if frame.twin.is_some() {
            (ui.available_height() - 3.0 * ui.spacing().interact_size.y) / 2.0
        } else {
            ui.available_height() * 0.45
        };
        clicked = clicked.or(weights::show_matrix(
            ui,
            frame,
            weights::RunWeights {
                now: &frame.weights,
                after_task: &frame.weights_after_task,
            },
            matrix_height,
            views.colour_by_task,
            growing,
            views.selected,
        ));
        weights::show_sleep_outline_key(ui);
        if let Some(twin) = &frame.twin {
            ui.label(
                egui::RichText::new(format!("Weights without sleep (twin, {} cycles awake)", twin.cycle)).strong(),
            );
            clicked = clicked.or(weights::show_matrix(
                ui,
                frame,
                weights::RunWeights {
                    now: &twin.weights,
                    after_task: &twin.weights_after_task,
                },
                matrix_height,
                views.colour_by_task,
                None,
                views.selected,
            ));
        } else {
            ui.label(egui::RichText::new("Receptive fields").strong());
            clicked = clicked.or(receptive_fields::show(ui, frame, views.selected));
        }
        if clicked.is_some() {
            views.selected = clicked;
        }
        let names: &[&'static str] = if twin_raster.is_some() {
            &["raster", "twin raster", "weights"]
        } else {
            &["raster", "weights"]
        };
        for (name, column) in names.iter().zip(columns.iter()) {
            drawn.push((name, column.min_rect()));
        }
    });
}
