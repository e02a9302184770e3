//! The weight-space map itself: the two solution sets as clouds, each run's trail (its
//! points coloured by what the animal was doing) and its point now.

use egui::{RichText, Ui};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points};

use super::trail::{PHASES, Phase, Trail};
use crate::analysis::pca::ProjectedSets;
use crate::sim::Task;
use crate::ui::palette;
use crate::ui::scores::{Swatch, key_entry};

/// The clouds on the first two principal components of the pooled sets, and the
/// projection that places any network on them.
#[derive(Clone, Debug)]
pub struct Map {
    /// The sets and their projection.
    pub sets: ProjectedSets,
}

impl Map {
    /// The map of `sets` (projected on at least two components).
    pub fn new(sets: &ProjectedSets) -> Self {
        Self { sets: sets.clone() }
    }

    /// Where a network with `weights` (hidden × outputs, row by row) lies on the map.
    pub fn place(&self, weights: &[f32]) -> [f64; 2] {
        two(&self.sets.projection.project(weights))
    }

    fn cloud(&self, task: Task) -> Vec<[f64; 2]> {
        let set = if task == Task::T1 {
            &self.sets.t1
        } else {
            &self.sets.t2
        };
        set.iter().map(|p| two(p)).collect()
    }
}

/// A point's first two coordinates (0 where the projection has fewer).
fn two(p: &[f64]) -> [f64; 2] {
    [
        p.first().copied().unwrap_or(0.0),
        p.get(1).copied().unwrap_or(0.0),
    ]
}

/// What one drawing of the map put on it (for tests and the caption).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    /// Points of the task-1 and the task-2 cloud.
    pub clouds: [usize; 2],
    /// Moving points: the run's, and the twin's.
    pub moving: usize,
    /// Trail points coloured by a phase (task 1, task 2, sleep), over both runs.
    pub phase_points: [usize; 3],
    /// Lines of the distances-over-time plot.
    pub distance_lines: usize,
}

/// Draws `map` with the run (`run`: its trail and its weights now) and, in a twin run,
/// the twin; returns what it drew.
pub fn show_map(ui: &mut Ui, map: &Map, run: (&Trail, &[f32]), twin: Option<(&Trail, &[f32])>) -> Drawn {
    let clouds = Task::ALL.map(|t| map.cloud(t));
    let mut drawn = Drawn {
        clouds: [clouds[0].len(), clouds[1].len()],
        moving: 1 + usize::from(twin.is_some()),
        ..Drawn::default()
    };
    let runs: Vec<(&str, egui::Color32, &Trail, [f64; 2])> =
        std::iter::once(("this run", palette::SLEEP, run))
            .chain(twin.map(|t| ("twin without sleep", palette::CHANCE, t)))
            .map(|(name, colour, (trail, now))| (name, colour, trail, map.place(now)))
            .collect();
    let now: Vec<String> = runs
        .iter()
        .map(|(name, _, _, at)| {
            format!(
                "{name} {:.1} / {:.1}",
                nearest(&clouds[0], *at),
                nearest(&clouds[1], *at)
            )
        })
        .collect();
    ui.label(format!(
        "From the nearest task-1 / task-2 solution now: {}",
        now.join("; ")
    ))
    .on_hover_text("Distances on the map; 0 is on a cloud");
    show_key(ui, twin.is_some());
    // The map and the distances over time side by side: the scores area is wide and low.
    let gap = ui.spacing().item_spacing.x;
    let height = ui.available_height().max(120.0);
    let map_width = ((ui.available_width() - gap) * 0.55).max(120.0);
    let distances_width = (ui.available_width() - gap - map_width).max(120.0);
    let trails: Vec<(&str, &Trail)> = runs.iter().map(|(name, _, trail, _)| (*name, *trail)).collect();
    ui.horizontal(|ui| {
        Plot::new("weight space")
            .width(map_width)
            .height(height)
            .data_aspect(1.0)
            .x_axis_label("principal component 1")
            .y_axis_label("component 2")
            .show(ui, |plot| {
                for (task, cloud) in Task::ALL.iter().zip(&clouds) {
                    plot.points(
                        Points::new(format!("{} solutions", task.name()), cloud.clone())
                            .color(palette::task(*task).gamma_multiply(0.7))
                            .radius(2.5),
                    );
                }
                for (phase, name) in PHASES {
                    let points: Vec<[f64; 2]> = runs
                        .iter()
                        .flat_map(|(_, _, trail, _)| &trail.points)
                        .filter(|p| Phase::of(p.activity) == Some(phase))
                        .map(|p| p.at)
                        .collect();
                    drawn.phase_points[phase as usize] = points.len();
                    plot.points(Points::new(name, points).color(phase_colour(phase)).radius(1.5));
                }
                for (name, colour, trail, at) in &runs {
                    let mut path: Vec<[f64; 2]> = trail.points.iter().map(|p| p.at).collect();
                    path.push(*at);
                    plot.line(
                        Line::new(format!("{name}, path"), PlotPoints::new(path))
                            .color(colour.gamma_multiply(0.5))
                            .width(1.0),
                    );
                    plot.points(
                        Points::new(*name, vec![*at])
                            .color(*colour)
                            .shape(MarkerShape::Diamond)
                            .filled(true)
                            .radius(7.0),
                    );
                }
            })
            .response
            .on_hover_text(
                "The clouds are the weights of reference animals trained on one task alone, over the last fifth of \
                 that training; the line is the run's path, its dots coloured by what the animal was doing",
            );
        drawn.distance_lines = super::distances::show(ui, &clouds, &trails, [distances_width, height]);
    });
    drawn
}

/// One row saying what the marks mean (a legend inside the plots would cover the clouds).
fn show_key(ui: &mut Ui, twin: bool) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for task in Task::ALL {
            key_entry(
                ui,
                Swatch::Dot,
                palette::task(task),
                &format!("{} solutions", task.name()),
            );
        }
        key_entry(ui, Swatch::Dot, palette::SLEEP, "this run now");
        if twin {
            key_entry(ui, Swatch::Dot, palette::CHANCE, "twin now");
        }
        ui.separator();
        ui.label(RichText::new("path:").small());
        for (phase, name) in PHASES {
            key_entry(ui, Swatch::Dot, phase_colour(phase), name);
        }
        if twin {
            ui.separator();
            key_entry(
                ui,
                Swatch::Dashed,
                ui.visuals().text_color(),
                "distances of the twin",
            );
        }
    });
}

/// The colour of trail points in `phase`: as the scores plot shades it.
fn phase_colour(phase: Phase) -> egui::Color32 {
    match phase {
        Phase::Task1 => palette::task(Task::T1),
        Phase::Task2 => palette::task(Task::T2),
        Phase::Sleep => palette::SLEEP,
    }
}

/// Distance on the map from `at` to the nearest point of `cloud`.
pub fn nearest(cloud: &[[f64; 2]], at: [f64; 2]) -> f64 {
    cloud
        .iter()
        .map(|p| (p[0] - at[0]).hypot(p[1] - at[1]))
        .fold(f64::INFINITY, f64::min)
}
