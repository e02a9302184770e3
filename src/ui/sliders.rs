//! The sliders of the parameters a class plays with, each with what it is in the brain.
//! Each slider spans a teaching range, widened to show the preset's value and the current
//! one, and never beyond what a preset may hold (the parameter's [`Spec`]): the window shows
//! every value of a preset it opens, changes none of them unasked, and saves only values
//! that it can open again.

use std::ops::RangeInclusive;

use egui::emath::Numeric;
use egui::{Slider, Ui};

use crate::sim::params::{NetworkParams, Params, PlasticityParams, SleepNoise, SleepParams, Spec};

/// A slider's range: the teaching range, widened to reach the `shown` values (the preset's
/// and the current one), but never beyond the parameter's spec.
pub fn reach<T: Copy + PartialOrd>(
    teaching: RangeInclusive<T>,
    spec: Spec<T>,
    shown: [T; 2],
) -> RangeInclusive<T> {
    let (mut low, mut high) = teaching.into_inner();
    for value in shown {
        if value < low {
            low = value;
        }
        if value > high {
            high = value;
        }
    }
    let low = if low < spec.low { spec.low } else { low };
    let high = if high > spec.high { spec.high } else { high };
    low..=high
}

/// A slider over `value` with its teaching range widened by [`reach`].
fn slider<T: Numeric>(value: &mut T, opened: T, teaching: RangeInclusive<T>, spec: Spec<T>) -> Slider<'_> {
    let range = reach(teaching, spec, [opened, *value]);
    Slider::new(value, range)
}

/// Shows the parameter sliders over `p`, each widened to reach its value in `o` (the
/// experiment as opened); returns whether any moved.
pub fn show(ui: &mut Ui, p: &mut Params, o: &Params) -> bool {
    let before = p.clone();
    ui.label(egui::RichText::new("Sleep settings").strong());
    ui.add(slider(&mut p.sleep.noise_scale, o.sleep.noise_scale, 0.0..=4.0, SleepParams::NOISE_SCALE).text("Sleep noise scale").suffix("×"))
        .on_hover_text("How often hidden neurons fire spontaneously in sleep, as a multiple of their waking rates: spontaneous activity during sleep");
    ui.horizontal(|ui| {
        ui.label("Noise kind");
        ui.selectable_value(&mut p.sleep.noise, SleepNoise::WakeRates, "Wake rates")
            .on_hover_text(
                "Each neuron fires at its own average waking rate: sleep activity carries a trace of the day",
            );
        ui.selectable_value(&mut p.sleep.noise, SleepNoise::Uniform, "Uniform")
            .on_hover_text("Every neuron fires at the same rate, the population's mean");
    });
    ui.checkbox(&mut p.sleep.plasticity, "Sleep plasticity")
        .on_hover_text(
            "Whether synapses may change during sleep. Without it, sleep is only rest — and protects nothing",
        );
    ui.add(
        slider(
            &mut p.sleep.learning_rate,
            o.sleep.learning_rate,
            0.0..=4.0,
            SleepParams::LEARNING_RATE,
        )
        .text("Sleep learning rate"),
    )
    .on_hover_text("Size of each weight change in sleep (η in sleep): sleep must replay gently");
    ui.separator();
    ui.label(egui::RichText::new("Learning while awake").strong());
    ui.add(slider(&mut p.plasticity.learning_rate, o.plasticity.learning_rate, 0.0..=10.0, PlasticityParams::LEARNING_RATE).text("Learning rate"))
        .on_hover_text("Size of each reward-driven weight change (η): how strongly dopamine-gated plasticity changes a synapse");
    ui.add(
        slider(
            &mut p.plasticity.stdp_amplitude,
            o.plasticity.stdp_amplitude,
            0.0..=0.2,
            PlasticityParams::STDP_AMPLITUDE,
        )
        .text("STDP amplitude"),
    )
    .on_hover_text(
        "Weight change for one pre-to-post spike pair (K): fire together, in order, wire together",
    );
    ui.add(
        slider(
            &mut p.plasticity.stdp_tau_ms,
            o.plasticity.stdp_tau_ms,
            0.5..=20.0,
            PlasticityParams::STDP_TAU_MS,
        )
        .text("STDP time constant")
        .suffix(" ms"),
    )
    .on_hover_text("How fast the change of a spike pair falls with the delay between the two spikes (τ)");
    ui.add(slider(&mut p.plasticity.eligibility_cycles, o.plasticity.eligibility_cycles, 1..=20, PlasticityParams::ELIGIBILITY_CYCLES).text("Eligibility").suffix(" cycles"))
        .on_hover_text("How long a synapse remembers it was active, waiting for a reward: a synaptic tag that a later reward can still act on");
    ui.separator();
    ui.label(egui::RichText::new("Neurons and behaviour").strong());
    ui.add(
        slider(
            &mut p.network.release_noise,
            o.network.release_noise,
            0.0..=0.5,
            NetworkParams::RELEASE_NOISE,
        )
        .text("Release noise")
        .suffix(" ±"),
    )
    .on_hover_text("Random size of each synaptic event (±12% by default): vesicle release is probabilistic");
    ui.add(slider(&mut p.network.exploration_step, o.network.exploration_step, 0.0..=0.1, NetworkParams::EXPLORATION_STEP).text("Exploration").suffix(" /cycle"))
        .on_hover_text("How fast the chance of a random move grows while the agent finds no food: curiosity, trying something new when nothing works");
    *p != before
}
