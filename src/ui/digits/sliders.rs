//! Sliders for the sleep constants (docs/model.md §7): most settings do nothing or cost task
//! B, so a class moves them and sees both outcomes. Each tooltip says what the constant
//! does; the next Sleep uses the values shown.

use egui::{Slider, Ui};

use crate::digits::setup::SleepConstants;

/// What the next Sleep runs with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SleepSettings {
    /// The SRC constants.
    pub constants: SleepConstants,
    /// Steps of one sleep.
    pub steps: u32,
}

/// Shows the sliders; true if one moved.
pub fn show(ui: &mut Ui, s: &mut SleepSettings) -> bool {
    let before = *s;
    let c = &mut s.constants;
    ui.add(Slider::new(&mut c.alpha_scale, 0.0..=60.0).text("Drive scale α"))
        .on_hover_text("How strongly a spike drives the next layer, before each layer's normalisation: too little and nothing fires, too much and everything does");
    ui.add(Slider::new(&mut c.hidden_threshold, 0.5..=20.0).text("Hidden threshold β₁"))
        .on_hover_text("The potential at which a hidden unit fires during sleep");
    ui.add(Slider::new(&mut c.output_threshold, 0.05..=2.0).text("Output threshold β₂"))
        .on_hover_text("The potential at which an output unit fires during sleep");
    ui.add(Slider::new(&mut c.inc, 0.0..=0.1).text("Increase (inc)"))
        .on_hover_text("How much a synapse grows when its input spiked and its neuron fired (times a factor that spares large positive weights)");
    ui.add(Slider::new(&mut c.dec, 0.0..=0.01).text("Decrease (dec)"))
        .on_hover_text(
            "How much a synapse shrinks when its neuron fired without its input (times the same factor)",
        );
    ui.add(Slider::new(&mut s.steps, 0..=20_000).text("Sleep steps"))
        .on_hover_text("How long one sleep lasts, in steps of 1 ms");
    *s != before
}
