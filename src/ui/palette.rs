//! Every colour of the window, in one place. Bar kinds and tasks use the Okabe–Ito
//! palette, which stays distinguishable with the common kinds of colour blindness.

use egui::Color32;

use crate::sim::world::{BarKind, Task};
use crate::worker::Activity;

/// Task 1's rewarded bars (horizontal): blue.
pub const T1_REWARDED: Color32 = Color32::from_rgb(0, 114, 178);
/// Task 1's punished bars (falling diagonal): sky blue.
pub const T1_PUNISHED: Color32 = Color32::from_rgb(86, 180, 233);
/// Task 2's rewarded bars (vertical): vermillion.
pub const T2_REWARDED: Color32 = Color32::from_rgb(213, 94, 0);
/// Task 2's punished bars (rising diagonal): orange.
pub const T2_PUNISHED: Color32 = Color32::from_rgb(230, 159, 0);
/// Output neurons and the agent: bluish green.
pub const OUTPUT: Color32 = Color32::from_rgb(0, 158, 115);
/// Input neurons: grey.
pub const INPUT: Color32 = Color32::from_rgb(150, 150, 150);
/// Sleep: reddish purple.
pub const SLEEP: Color32 = Color32::from_rgb(204, 121, 167);
/// Behind text drawn over a plot (the end labels of the scores), so that it reads on any
/// shading: the dark panel colour, mostly opaque.
pub const LABEL_BACKGROUND: Color32 = Color32::from_rgba_premultiplied(20, 20, 20, 200);
/// Synapses important for both tasks.
pub const BOTH_TASKS: Color32 = Color32::from_rgb(120, 60, 160);
/// Hidden units that detect no bar (the "other" group): yellow.
pub const OTHER_UNITS: Color32 = Color32::from_rgb(240, 228, 66);
/// The neuron chosen for the inspector, framed in every view: yellow.
pub const SELECTED: Color32 = Color32::from_rgb(255, 214, 0);
/// A meal of food, flashed in the world: bluish green.
pub const ATE_FOOD: Color32 = Color32::from_rgb(0, 200, 120);
/// A bitter meal, flashed in the world: vermillion red.
pub const ATE_BITTER: Color32 = Color32::from_rgb(230, 40, 20);
/// The chance line.
pub const CHANCE: Color32 = Color32::from_rgb(128, 128, 128);

/// The colour of a bar kind.
pub fn kind(kind: BarKind) -> Color32 {
    match kind {
        BarKind::Horizontal => T1_REWARDED,
        BarKind::Falling => T1_PUNISHED,
        BarKind::Vertical => T2_REWARDED,
        BarKind::Rising => T2_PUNISHED,
    }
}

/// The colour of a task (its rewarded bars' colour).
pub fn task(task: Task) -> Color32 {
    match task {
        Task::T1 => T1_REWARDED,
        Task::T2 => T2_REWARDED,
    }
}

/// The background tint of an activity in plots and the raster.
pub fn activity_shade(activity: Activity) -> Color32 {
    match activity {
        Activity::Wake(t) => task(t).gamma_multiply(0.15),
        // Tests run on a frozen copy: grey, whatever the task.
        Activity::Test(_) => CHANCE.gamma_multiply(0.2),
        Activity::Sleep => SLEEP.gamma_multiply(0.25),
        // Development comes before either task: a neutral tint, darker than a test's.
        Activity::Develop => CHANCE.gamma_multiply(0.35),
    }
}

/// A dark-to-bright colour scale for weights in [0, 1].
pub fn heat(value: f32) -> Color32 {
    let v = value.clamp(0.0, 1.0);
    // From dark blue through teal to yellow (perceptually ordered, colour-blind safe).
    let r = (255.0 * v.powf(1.5)) as u8;
    let g = (40.0 + 200.0 * v) as u8;
    let b = (90.0 + 60.0 * (1.0 - v)) as u8;
    Color32::from_rgb(r, g, b)
}
