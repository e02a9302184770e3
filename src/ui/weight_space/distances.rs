//! Beside the weight-space map: each run's distance to the nearest task-1 and task-2
//! solution over time, on the map. The story of the map in two lines a class can read:
//! without sleep the task-1 distance grows as the task-2 one falls; with sleep both stay
//! moderate.

use egui::Ui;
use egui_plot::{Line, LineStyle, Plot, PlotPoints};

use super::map::nearest;
use super::trail::Trail;
use crate::sim::Task;
use crate::ui::palette;

/// Draws the distances over time of each `(name, trail)` to the two `clouds`, in a plot of
/// `size` points; the first run solid, the others dashed. Returns the lines drawn.
pub fn show(ui: &mut Ui, clouds: &[Vec<[f64; 2]>; 2], runs: &[(&str, &Trail)], size: [f32; 2]) -> usize {
    let mut lines = 0;
    Plot::new("weight space distances")
        .width(size[0])
        .height(size[1])
        .x_axis_label("cycle")
        .y_axis_label("distance")
        .include_y(0.0)
        .show(ui, |plot| {
            for (k, (name, trail)) in runs.iter().enumerate() {
                for task in Task::ALL {
                    let cloud = &clouds[task.index()];
                    let points: Vec<[f64; 2]> = trail
                        .points
                        .iter()
                        .map(|p| [p.cycle as f64, nearest(cloud, p.at)])
                        .collect();
                    if points.is_empty() {
                        continue;
                    }
                    let style = if k == 0 {
                        LineStyle::Solid
                    } else {
                        LineStyle::dashed_loose()
                    };
                    plot.line(
                        Line::new(format!("{name} to {} solutions", task.name()), PlotPoints::new(points))
                            .color(palette::task(task))
                            .style(style)
                            .width(2.0),
                    );
                    lines += 1;
                }
            }
        })
        .response
        .on_hover_text("How far each run's weights lie from the nearest solution of each task, on the map above: near 0, the weights solve that task");
    lines
}
