//! The left panel: run, pause, step and speed; the phase switch; reset with a seed; the
//! twin run and "Test now"; and the sliders of the parameters a class plays with, each with
//! what it is in the brain. The panel changes only its own state; everything else it asks
//! for is returned as [`Action`]s.
//! Each slider spans a teaching range, widened to show the preset's value and the current
//! one, and never beyond what a preset may hold (the parameter's [`Spec`]): the window shows
//! every value of a preset it opens, changes none of them unasked, and saves only values
//! that it can open again.

use std::ops::RangeInclusive;

use egui::emath::Numeric;
use egui::{Slider, Ui};

use super::actions::Action;
use super::pace::{PACE_MINUTES, Pace, duration_text};
use crate::preset::MAX_SEED;
use crate::sim::params::{
    NetworkParams, ParamError, Params, PlasticityParams, SleepNoise, SleepParams, Spec,
};
use crate::worker::Phase;

/// The state of the controls (what the user set).
#[derive(Clone, Debug, PartialEq)]
pub struct Controls {
    /// The parameters as set by the sliders (sent to the model on change).
    pub params: Params,
    /// The parameters as the preset gave them: each slider reaches at least to these.
    pub opened: Params,
    /// Target speed, when not at full speed.
    pub speed_hz: f64,
    /// Run as fast as the machine goes.
    pub full_speed: bool,
    /// How the speed is chosen: full, on the slider, or from the schedule's length.
    pub pace: Pace,
    /// What the run reports back to the speed controls (set by the window every frame).
    pub report: SpeedReport,
    /// What the animal does.
    pub control: Phase,
    /// The seed field's text.
    pub seed_text: String,
    /// Problem with the seed field, if any.
    pub seed_error: Option<String>,
    /// Whether a twin run ("without sleep" beside "with sleep") is on.
    pub twin_on: bool,
    /// The user unticked *Twin run*: the window asks before it starts the run again.
    pub confirm_twin_off: bool,
}

impl Controls {
    /// Controls for a fresh run of `params` with `seed`, paused, in wake task 1.
    pub fn new(params: Params, seed: u64) -> Self {
        Self {
            opened: params.clone(),
            params,
            speed_hz: 200.0,
            full_speed: true,
            pace: Pace::Full,
            report: SpeedReport::default(),
            control: Phase::WakeT1,
            seed_text: seed.to_string(),
            seed_error: None,
            twin_on: false,
            confirm_twin_off: false,
        }
    }

    /// The first value the sliders cannot show as it is (one a preset may not hold, which the
    /// slider would clamp); `None` when the window shows every value unchanged.
    pub fn unshown(&self) -> Option<ParamError> {
        self.params.validate().err()
    }

    /// The speed action matching the speed controls.
    pub fn speed_action(&self) -> Action {
        Action::SetSpeed((!self.full_speed).then_some(self.speed_hz))
    }
}

/// What the run tells the speed controls: the speed achieved and the time left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpeedReport {
    /// Cycles per second achieved over the last second (0 while paused).
    pub achieved_hz: f64,
    /// Seconds until the schedule ends at the speed in force, when following it.
    pub seconds_left: Option<f64>,
}

/// What the lesson being followed locks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locks {
    /// The phase switch.
    pub phase: bool,
    /// The parameter sliders.
    pub sliders: bool,
    /// Run and Step (a lesson waits for a prediction).
    pub run: bool,
}

/// Shows the whole left panel; `running` is whether the simulation runs now.
pub fn show_panel(ui: &mut Ui, c: &mut Controls, running: bool, locks: Locks, out: &mut Vec<Action>) {
    ui.heading("SleepLab");
    ui.add_enabled_ui(running || !locks.run, |ui| show_playback(ui, c, running, out));
    ui.separator();
    ui.add_enabled_ui(!locks.phase, |ui| show_phase(ui, c, out));
    ui.separator();
    show_reset(ui, c, out);
    show_twin_and_test(ui, c, out);
    ui.separator();
    ui.add_enabled_ui(!locks.sliders, |ui| show_sliders(ui, c, out));
}

/// Shows the playback controls.
pub fn show_playback(ui: &mut Ui, c: &mut Controls, running: bool, out: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = if running { "Pause" } else { "Run" };
        if ui
            .button(label)
            .on_hover_text("Run the simulation, or pause it (space)")
            .clicked()
        {
            out.push(Action::Run(!running));
        }
        if ui
            .button("Step")
            .on_hover_text("Run one movement cycle (20 ms of model time), then pause")
            .clicked()
        {
            out.push(Action::Step);
        }
    });
    show_pace(ui, c, out);
}

/// Shows the pace menu, the speed slider, the speed in force and the time left.
fn show_pace(ui: &mut Ui, c: &mut Controls, out: &mut Vec<Action>) {
    let before = c.pace;
    egui::ComboBox::from_label("Pace")
        .selected_text(c.pace.name())
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut c.pace, Pace::Full, Pace::Full.name())
                .on_hover_text("Run as fast as this machine can");
            for minutes in PACE_MINUTES {
                let pace = Pace::Minutes(minutes);
                ui.selectable_value(&mut c.pace, pace, pace.name())
                    .on_hover_text("Set the speed so that what is left of the schedule plays in this time");
            }
            ui.selectable_value(&mut c.pace, Pace::Chosen, Pace::Chosen.name())
                .on_hover_text("The speed set on the slider below");
        });
    if c.pace != before {
        out.push(Action::SetPace(c.pace));
    }
    ui.add_enabled_ui(!c.full_speed, |ui| {
        let slider = Slider::new(&mut c.speed_hz, 1.0..=100_000.0)
            .logarithmic(true)
            .suffix(" cycles/s")
            .text("Speed");
        if ui
            .add(slider)
            .on_hover_text("Movement cycles per second. One cycle is 20 ms of the animal's life: at 2–5 cycles/s you can follow every spike")
            .changed()
        {
            c.pace = Pace::Chosen;
            out.push(Action::SetPace(Pace::Chosen));
        }
    });
    // The speed in force, always: the target, or what full speed achieves.
    let speed = if c.full_speed {
        format!("Full speed: {:.0} cycles/s now", c.report.achieved_hz)
    } else {
        format!("Speed in force: {:.0} cycles/s", c.speed_hz)
    };
    ui.label(speed);
    if let Some(seconds) = c.report.seconds_left {
        ui.label(format!("Schedule ends in about {}", duration_text(seconds)));
    }
}

/// Shows the phase switch: wake in task 1, wake in task 2, sleep, or follow the schedule.
pub fn show_phase(ui: &mut Ui, c: &mut Controls, out: &mut Vec<Action>) {
    let before = c.control;
    ui.selectable_value(&mut c.control, Phase::WakeT1, "Wake: task 1")
        .on_hover_text("Awake, foraging and learning in task 1's world: horizontal bars are food, falling diagonals are bitter");
    ui.selectable_value(
        &mut c.control,
        Phase::WakeT2,
        "Wake: task 2",
    )
    .on_hover_text(
        "Awake, foraging and learning in task 2's world: vertical bars are food, rising diagonals are bitter",
    );
    ui.selectable_value(&mut c.control, Phase::Sleep, "Sleep")
        .on_hover_text("Asleep: no input, hidden neurons fire spontaneously, and plasticity may replay what the weights hold");
    ui.selectable_value(&mut c.control, Phase::Schedule, "Follow schedule")
        .on_hover_text("Play the preset's schedule of waking, sleep and test blocks");
    if c.control != before {
        out.push(Action::SetPhase(c.control));
    }
}

/// Shows reset and the seed field.
pub fn show_reset(ui: &mut Ui, c: &mut Controls, out: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label("Seed");
        ui.add(egui::TextEdit::singleline(&mut c.seed_text).desired_width(90.0))
            .labelled_by(label.id)
            .on_hover_text("The seed of the random numbers: the same seed gives the same run, bit for bit");
        if ui
            .button("Reset")
            .on_hover_text("Start again from a naive network with this seed")
            .clicked()
        {
            match parse_seed(&c.seed_text) {
                Ok(seed) => {
                    c.seed_error = None;
                    out.push(Action::Reset(seed));
                }
                Err(e) => c.seed_error = Some(e),
            }
        }
    });
    if let Some(error) = &c.seed_error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}

/// Shows the twin run switch and "Test now".
pub fn show_twin_and_test(ui: &mut Ui, c: &mut Controls, out: &mut Vec<Action>) {
    if ui
        .checkbox(&mut c.twin_on, "Twin run")
        .on_hover_text("Start again with two copies of the network from the same seed: one sleeps as asked, the other skips every sleep. Same waking experience; the difference is what sleep did")
        .changed()
    {
        if c.twin_on {
            c.confirm_twin_off = false;
            out.push(Action::SetTwin(true));
        } else {
            // Turning the twin off starts the run again: ask first.
            c.twin_on = true;
            c.confirm_twin_off = true;
        }
    }
    if c.confirm_twin_off {
        ui.label("Turning the twin off starts the run again from the beginning.");
        ui.horizontal(|ui| {
            if ui.button("Turn off and start again").clicked() {
                c.twin_on = false;
                c.confirm_twin_off = false;
                out.push(Action::SetTwin(false));
            }
            if ui.button("Keep the twin").clicked() {
                c.confirm_twin_off = false;
            }
        });
    }
    if ui
        .button("Test now")
        .on_hover_text("Score both tasks on a frozen copy of the network (2 × 2,000 cycles); the network itself is not changed")
        .clicked()
    {
        out.push(Action::TestNow);
    }
}

/// The seed in the seed field, if it is one a preset can hold (`0..=MAX_SEED`); the error
/// says which seeds are.
pub fn parse_seed(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|seed| *seed <= MAX_SEED)
        .ok_or_else(|| {
            format!(
                "The seed must be a whole number from 0 to {MAX_SEED}; \"{}\" is not",
                text.trim()
            )
        })
}

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

/// Shows the parameter sliders; any change is sent to the model for the next cycle.
pub fn show_sliders(ui: &mut Ui, c: &mut Controls, out: &mut Vec<Action>) {
    let before = c.params.clone();
    let (p, o) = (&mut c.params, &c.opened);
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
    .on_hover_text("Weight change for one pre→post spike pair (K): fire together, in order, wire together");
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
    if c.params != before {
        out.push(Action::SetParams(Box::new(c.params.clone())));
    }
}
