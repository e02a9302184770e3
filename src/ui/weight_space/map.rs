//! The weight-space map itself: the two solution sets as clouds, each run's trail and its
//! point now.

use egui::Ui;
use egui_plot::{Legend, Line, MarkerShape, Plot, PlotPoints, Points};

use super::Trail;
use crate::analysis::pca::ProjectedSets;
use crate::sim::Task;
use crate::ui::palette;

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
}

/// Draws `map` with the run (`run`: its trail and its weights now) and, in a twin run,
/// the twin; returns what it drew.
pub fn show_map(ui: &mut Ui, map: &Map, run: (&Trail, &[f32]), twin: Option<(&Trail, &[f32])>) -> Drawn {
    let clouds = Task::ALL.map(|t| map.cloud(t));
    let drawn = Drawn {
        clouds: [clouds[0].len(), clouds[1].len()],
        moving: 1 + usize::from(twin.is_some()),
    };
    let runs: Vec<(&str, egui::Color32, &Trail, [f64; 2])> =
        std::iter::once(("this run", palette::SLEEP, run))
            .chain(twin.map(|t| ("twin, without sleep", palette::CHANCE, t)))
            .map(|(name, colour, (trail, now))| (name, colour, trail, map.place(now)))
            .collect();
    for (name, _, _, at) in &runs {
        ui.label(format!(
            "{name}: at ({:.1}, {:.1}); nearest task-1 solution {:.1}, task-2 solution {:.1} away on the map",
            at[0],
            at[1],
            nearest(&clouds[0], *at),
            nearest(&clouds[1], *at)
        ));
    }
    Plot::new("weight space")
        .legend(Legend::default().text_style(egui::TextStyle::Small))
        .data_aspect(1.0)
        .x_axis_label("principal component 1")
        .y_axis_label("principal component 2")
        .show(ui, |plot| {
            for (task, cloud) in Task::ALL.iter().zip(clouds) {
                plot.points(
                    Points::new(format!("{} solutions", task.name()), cloud)
                        .color(palette::task(*task))
                        .radius(2.5),
                );
            }
            for (name, colour, trail, at) in runs {
                let mut path = trail.points.clone();
                path.push(at);
                plot.line(Line::new(format!("{name}, path"), PlotPoints::new(path)).color(colour));
                plot.points(
                    Points::new(name, vec![at])
                        .color(colour)
                        .shape(MarkerShape::Diamond)
                        .filled(true)
                        .radius(7.0),
                );
            }
        })
        .response
        .on_hover_text("The clouds are the weights of reference animals trained on one task alone, over the last fifth of that training; the line is the run's path since the map was made");
    drawn
}

/// Distance on the map from `at` to the nearest point of `cloud`.
fn nearest(cloud: &[[f64; 2]], at: [f64; 2]) -> f64 {
    cloud
        .iter()
        .map(|p| (p[0] - at[0]).hypot(p[1] - at[1]))
        .fold(f64::INFINITY, f64::min)
}
