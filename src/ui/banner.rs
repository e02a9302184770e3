//! The band at the top of the window: the preset's name and description (and whether it
//! was restored from the last session), then one line that says where the story is: the
//! act playing, an act's end with what was measured and the question for the class (and
//! *Continue*), or, once the schedule has ended, the final scores with *Run again* (same
//! seed) and *New animal* (next seed). The line is always there, so nothing below jumps.

use egui::{RichText, Ui};

use super::actions::Action;
use super::history::History;
use crate::preset::Preset;
use crate::preset::acts::act_ends;
use crate::sim::phase::Phase;
use crate::sim::world::Task;
use crate::worker::Frame;

/// Shows the preset's name and description; `restored` says it came from the last session.
pub fn show_preset(ui: &mut Ui, preset: &Preset, restored: bool) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("Preset: {}", preset.name()))
                .strong()
                .size(17.0),
        );
        if restored {
            ui.label(
                RichText::new("(restored from the last session; File, New session starts afresh)").weak(),
            );
        }
        if !preset.description().is_empty() {
            ui.label(RichText::new(preset.description()).weak());
        }
    });
}

/// The runs the story line reads: the main run's and, in a twin run, the twin's.
pub struct Runs<'a> {
    /// The latest frame of the main run.
    pub frame: &'a Frame,
    /// The main run's history.
    pub history: &'a History,
    /// The twin's history, when the twin is on.
    pub twin: Option<&'a History>,
}

/// Shows the story line: the schedule's end, an act's end, or the act playing (an empty
/// line of the same height when there is nothing to say).
pub fn show_story_line(ui: &mut Ui, preset: &Preset, runs: &Runs<'_>, out: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.set_min_height(ui.spacing().interact_size.y);
        if runs.frame.followed_schedule_ended() {
            show_schedule_end(ui, runs, out);
        } else if let Some(stop) = runs.frame.act_stop {
            show_act_end(ui, preset, stop, runs, out);
        } else if runs.frame.phase == Phase::Schedule
            && let Some(act) = preset.acts().get(runs.frame.act)
        {
            ui.label(RichText::new(format!(
                "Act {} of {}: {}",
                runs.frame.act + 1,
                preset.acts().len(),
                act.caption
            )));
        }
    });
}

/// The end of act `stop`: what was measured in it, its question, and *Continue*.
fn show_act_end(ui: &mut Ui, preset: &Preset, stop: usize, runs: &Runs<'_>, out: &mut Vec<Action>) {
    let Some(act) = preset.acts().get(stop) else {
        return;
    };
    let heading = format!("Act {} of {}: {}", stop + 1, preset.acts().len(), act.caption);
    ui.label(RichText::new(heading).strong());
    if let Some(measured) = measured_text(act_had_test(preset, stop), runs) {
        ui.label(RichText::new(format!("— {measured}.")).strong());
    }
    if !act.question.is_empty() {
        ui.label(RichText::new(&act.question).strong().italics());
    }
    if ui
        .button("Continue")
        .on_hover_text("Play the next act (space)")
        .clicked()
    {
        out.push(Action::Run(true));
    }
}

/// Whether act `index` of `preset` holds a test block.
fn act_had_test(preset: &Preset, index: usize) -> bool {
    let ends = act_ends(preset.acts(), preset.schedule(), 0);
    let before = index
        .checked_sub(1)
        .and_then(|i| ends.get(i))
        .map_or(0, |e| e.tests);
    ends.get(index).is_some_and(|e| e.tests > before)
}

/// What was just measured, in words: the act's test when it had one, else the latest
/// probe; with the twin's beside them in a twin run.
fn measured_text(tested: bool, runs: &Runs<'_>) -> Option<String> {
    let scores = |history: &History| -> Option<(f64, f64, &'static str)> {
        if tested {
            let t = history.tests.last()?;
            Some((t.score(Task::T1), t.score(Task::T2), "measured"))
        } else {
            let p = history.probes.last()?;
            Some((p.score(Task::T1), p.score(Task::T2), "probed"))
        }
    };
    let (t1, t2, how) = scores(runs.history)?;
    Some(match runs.twin.and_then(scores) {
        Some((twin_t1, twin_t2, _)) => format!(
            "{how}: task 1 {t1:.2} with sleep, {twin_t1:.2} without; task 2 {t2:.2} with sleep, {twin_t2:.2} without"
        ),
        None => format!("{how}: task 1 {t1:.2}, task 2 {t2:.2}"),
    })
}

/// The schedule's end and what came of it, with the buttons to run it again on the same
/// animal or on the next one.
fn show_schedule_end(ui: &mut Ui, runs: &Runs<'_>, out: &mut Vec<Action>) {
    let frame = runs.frame;
    ui.label(RichText::new("The schedule has ended.").strong());
    let twin_last = runs.twin.and_then(|h| h.tests.last());
    match (runs.history.tests.last(), twin_last) {
        (Some(last), Some(twin)) => {
            ui.label(
                RichText::new(format!(
                    "Task 1: {:.2} with sleep, {:.2} without. Task 2: {:.2} with sleep, {:.2} without.",
                    last.score(Task::T1),
                    twin.score(Task::T1),
                    last.score(Task::T2),
                    twin.score(Task::T2),
                ))
                .strong(),
            );
        }
        (Some(last), None) => {
            let t1 = last.score(Task::T1);
            let t2 = last.score(Task::T2);
            ui.label(format!(
                "Last test (\"{}\"): task 1 {t1:.2}, task 2 {t2:.2}.",
                last.label
            ));
        }
        (None, _) => {}
    }
    if ui
        .button("Run again")
        .on_hover_text("The same animal (same seed) from the start: the run repeats bit for bit")
        .clicked()
    {
        out.extend([Action::Reset(frame.seed), Action::Run(true)]);
    }
    let next = frame.seed.wrapping_add(1);
    if ui
        .button("New animal")
        .on_hover_text(format!("Another animal (seed {next}) through the same schedule"))
        .clicked()
    {
        out.extend([Action::Reset(next), Action::Run(true)]);
    }
}
