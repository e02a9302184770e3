//! The left panel: run, pause, step and speed; the phase switch; reset with a seed; the
//! twin run and "Test now"; and the parameter sliders (see [`super::sliders`]). The panel
//! changes only its own state; everything else it asks for is returned as [`Action`]s.

use egui::{Slider, Ui};

use super::actions::Action;
use super::pace::{PACE_MINUTES, Pace, animal_cycles_left, duration_text};
use super::sliders;
use crate::preset::{MAX_SEED, Preset};
use crate::sim::params::{ParamError, Params};
use crate::worker::{Frame, Phase};

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
    /// The user ticked or unticked *Twin run* (the state wished) with a run under way: the
    /// window asks before it starts the run again, which erases it.
    pub confirm_twin: Option<bool>,
    /// Whether the preset groups its schedule into acts (the class pace is offered then).
    pub has_acts: bool,
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
            confirm_twin: None,
            has_acts: false,
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
    /// Cycles the run has lived (0: nothing to lose by starting again).
    pub cycles_run: u64,
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
    ui.add_enabled_ui(!locks.sliders, |ui| {
        if sliders::show(ui, &mut c.params, &c.opened) {
            out.push(Action::SetParams(Box::new(c.params.clone())));
        }
    });
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
        if ui
            .button("Next sleep")
            .on_hover_text("Run to the start of the next sleep period and pause there (N)")
            .clicked()
        {
            out.push(Action::RunToSleep);
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
            if c.has_acts {
                ui.selectable_value(&mut c.pace, Pace::Class, Pace::Class.name())
                    .on_hover_text("Each act of the preset at a pace a class can follow, pausing after each act with its question until you press Continue");
            }
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
    ui.add_enabled_ui(!c.full_speed && c.pace != Pace::Class, |ui| {
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
    let speed = if c.pace == Pace::Class {
        format!("Class pace: {:.0} cycles/s now", c.report.achieved_hz)
    } else if c.full_speed {
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
                Err(e) => c.seed_error = Some(e.to_string()),
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
        let wished = c.twin_on;
        // Turning the twin off always asks (it was always so); on asks once a run is under way.
        if wished && c.report.cycles_run == 0 {
            c.confirm_twin = None;
            out.push(Action::SetTwin(wished));
        } else {
            // Starting the run again erases it: ask first.
            c.twin_on = !wished;
            c.confirm_twin = Some(wished);
        }
    }
    if let Some(wished) = c.confirm_twin {
        let (text, yes, no) = if wished {
            (
                "Turning the twin on starts the run again from the beginning: this run is erased.",
                "Turn on and start again",
                "Keep this run",
            )
        } else {
            (
                "Turning the twin off starts the run again from the beginning.",
                "Turn off and start again",
                "Keep the twin",
            )
        };
        ui.label(text);
        ui.horizontal_wrapped(|ui| {
            if ui.button(yes).clicked() {
                c.twin_on = wished;
                c.confirm_twin = None;
                out.push(Action::SetTwin(wished));
            }
            if ui.button(no).clicked() {
                c.confirm_twin = None;
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
pub fn parse_seed(text: &str) -> Result<u64, SeedError> {
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|seed| *seed <= MAX_SEED)
        .ok_or_else(|| SeedError(text.trim().to_owned()))
}

/// A seed field that holds no seed a preset can hold (the field's text, trimmed).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("The seed must be a whole number from 0 to {max}; \"{0}\" is not", max = MAX_SEED)]
pub struct SeedError(pub String);

/// What the speed controls show of the run in `frame`: the speed achieved, and the time
/// left when following the schedule, at the speed in force.
pub fn speed_report(controls: &Controls, frame: Option<&Frame>, preset: &Preset) -> SpeedReport {
    let schedule = preset.schedule();
    let achieved_hz = frame.map_or(0.0, |f| f.cycles_per_sec);
    let ended = frame.is_some_and(Frame::followed_schedule_ended);
    let rate = if controls.full_speed {
        achieved_hz
    } else {
        controls.speed_hz
    };
    let following = controls.control == Phase::Schedule && !ended;
    let seconds_left = if controls.pace == Pace::Class {
        // Each act takes its own class time (pauses not counted).
        let act = frame.map_or(0, |f| f.act);
        following.then(|| preset.acts().iter().skip(act).map(|a| f64::from(a.seconds)).sum())
    } else {
        (following && rate > 0.0).then(|| animal_cycles_left(frame, schedule) as f64 / rate)
    };
    SpeedReport {
        achieved_hz,
        seconds_left,
        cycles_run: frame.map_or(0, |f| f.cycle),
    }
}
