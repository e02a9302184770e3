//! The replay meter: which units sleep's spontaneous activity strengthened over the last
//! sleep cycles, grouped by the bar that drives them awake, next to what the sleep noise
//! alone would give each group.

use egui::{Grid, Ui};

use crate::analysis::replay::TaskReplay;
use crate::sim::simulation::{BAR_GROUPS, NO_BAR_GROUP};
use crate::sim::world::Task;
use crate::ui::palette;
use crate::worker::{Frame, ReplayMeter};

/// What the meter measures, for its tooltip.
const EXPLAINED: &str = "Hidden units are grouped by the bar that drives them awake, each task's food and bitter bar apart. \
In sleep no bar is seen: every hidden spike is spontaneous, drawn at the unit's own waking rate, so the spikes follow the \
'noise alone' column by design. What the network adds is which synapses grow: 'strengthened' is each group's share of the \
potentiation, set by the weights the tasks left. A group strengthened well above its noise share is being replayed.";

/// Shares of the five groups (bar kinds, then units with no bar), if anything was counted.
type Shares = Option<[f64; BAR_GROUPS]>;

/// Shows the replay meter of a frame: one line, and the table by bar when opened.
pub fn show(ui: &mut Ui, frame: &Frame) {
    let meter = frame.replay;
    if meter.cycles == 0 {
        ui.label("Replay meter: no sleep yet").on_hover_text(EXPLAINED);
        return;
    }
    let spikes = ReplayMeter::shares(meter.spikes.map(|s| s as f64));
    let noise = ReplayMeter::shares(meter.noise_spikes);
    let grown = ReplayMeter::shares(meter.potentiation);
    // The header stays short (a header does not wrap, and a long one widened the raster's
    // column over the weights beside it). The verdict is the line a class reads; the
    // figures behind it fold away, so that the raster below keeps its room.
    egui::CollapsingHeader::new("Replay meter")
        .id_salt("replay meter")
        .show(ui, |ui| {
            ui.label(format!("{} {}", summary(grown, noise), window_text(meter.cycles)));
            table(ui, spikes, noise, grown);
        })
        .header_response
        .on_hover_text(EXPLAINED);
    if let Some(verdict) = verdict(grown, noise) {
        ui.label(egui::RichText::new(verdict).strong())
            .on_hover_text(EXPLAINED);
    }
    if let Some(scores) = frame.replay_scores {
        score_line(ui, scores);
    }
}

/// What the replay score measures, for its tooltip.
const SCORE_EXPLAINED: &str = "For each task, its 10 hidden units most active while awake in it. In sleep: how often \
each of their spikes is followed, within the STDP window, by the output it drove most when its task was trained, over \
how often noise alone predicts. 1× (the tick) is what noise gives; above it, the task's waking pathways are replayed. \
Counted over every sleep cycle of the run so far, so it moves slowly.";

/// The replay score of both tasks over the whole run: a steady bar each, 1× (noise) ticked.
fn score_line(ui: &mut Ui, scores: [TaskReplay; 2]) {
    let full_scale = scores.iter().map(|s| s.score).fold(2.0, f64::max);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label("Replay score:");
        for (task, score) in Task::ALL.into_iter().zip(scores) {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(36.0, 10.0), egui::Sense::hover());
            let painter = ui.painter();
            painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
            let share = (score.score / full_scale).clamp(0.0, 1.0) as f32;
            let filled = egui::Rect::from_min_size(rect.min, egui::vec2(rect.width() * share, rect.height()));
            painter.rect_filled(filled, 0.0, palette::task(task));
            let tick = rect.left() + rect.width() * (1.0 / full_scale) as f32;
            painter.vline(
                tick,
                rect.y_range(),
                egui::Stroke::new(1.5, ui.visuals().text_color()),
            );
            ui.label(format!("{} {:.1}×", task.name(), score.score));
        }
    })
    .response
    .on_hover_text(SCORE_EXPLAINED);
}

/// How far above its noise share a task's share of the strengthening must be to count as
/// replayed (a fifth more than the noise alone would give it).
const REPLAYED_ABOVE_NOISE: f64 = 1.2;

/// The meter in plain words: which task's synapses sleep strengthened above their noise
/// share, if one stands out.
fn verdict(grown: Shares, noise: Shares) -> Option<String> {
    let above = Task::ALL.map(|task| match (task_share(grown, task), task_share(noise, task)) {
        (Some(g), Some(n)) if n > 0.0 => g > REPLAYED_ABOVE_NOISE * n,
        _ => false,
    });
    grown?;
    Some(match above {
        [true, false] => {
            "Sleep is replaying task 1: its synapses grow more than its noise alone explains".into()
        }
        [false, true] => {
            "Sleep is replaying task 2: its synapses grow more than its noise alone explains".into()
        }
        [true, true] => "Sleep is replaying both tasks above their noise share".into(),
        [false, false] => "No task stands out: sleep strengthens each about as its noise alone would".into(),
    })
}

/// The meter in a sentence: each task's share of what sleep strengthened, and of the noise.
fn summary(grown: Shares, noise: Shares) -> String {
    let both = |shares: Shares| {
        let [t1, t2] = Task::ALL.map(|task| task_share(shares, task));
        format!("task 1 {} · task 2 {}", percent(t1), percent(t2))
    };
    format!("Strengthened {} (noise alone {})", both(grown), both(noise))
}

/// The meter's window in words.
fn window_text(cycles: usize) -> String {
    format!("over the last {cycles} sleep cycles")
}

/// The table by bar: a row per task's food and bitter bar (and units with no bar).
fn table(ui: &mut Ui, spikes: Shares, noise: Shares, grown: Shares) {
    let cell = |shares: Shares, group: usize| percent(shares.map(|s| s[group]));
    Grid::new("replay by bar").striped(true).show(ui, |ui| {
        for heading in ["units driven by", "spikes", "noise alone", "strengthened"] {
            ui.strong(heading);
        }
        ui.end_row();
        for task in Task::ALL {
            for (role, kind) in [("food", task.rewarded()), ("bitter", task.punished())] {
                let group = kind.index();
                ui.label(format!(
                    "task {} {role} ({})",
                    task.index() + 1,
                    kind.short_name()
                ));
                for shares in [spikes, noise, grown] {
                    ui.label(cell(shares, group));
                }
                ui.end_row();
            }
        }
        if [spikes, noise, grown]
            .iter()
            .any(|s| s.is_some_and(|s| s[NO_BAR_GROUP] > 0.0))
        {
            ui.label("no single bar");
            for shares in [spikes, noise, grown] {
                ui.label(cell(shares, NO_BAR_GROUP));
            }
            ui.end_row();
        }
    });
}

/// A task's share: its food and bitter groups together.
fn task_share(shares: Shares, task: Task) -> Option<f64> {
    shares.map(|s| s[task.rewarded().index()] + s[task.punished().index()])
}

/// "61%", or "–" when nothing was counted.
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.0}%", 100.0 * s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::BarKind;

    /// Shares with `value` at each listed bar kind.
    fn shares_at(parts: &[(BarKind, f64)]) -> Shares {
        let mut all = [0.0; BAR_GROUPS];
        for &(kind, value) in parts {
            all[kind.index()] = value;
        }
        ReplayMeter::shares(all)
    }

    #[test]
    fn a_task_counts_its_food_and_its_bitter_units_and_no_others() {
        let shares = shares_at(&[
            (Task::T1.rewarded(), 3.0),
            (Task::T1.punished(), 1.0),
            (Task::T2.rewarded(), 4.0),
            (Task::T2.punished(), 2.0),
        ]);
        let near = |share: Option<f64>, want: f64| share.is_some_and(|s| (s - want).abs() < 1e-12);
        assert!(near(task_share(shares, Task::T1), 0.4));
        assert!(near(task_share(shares, Task::T2), 0.6));
        assert_eq!(task_share(None, Task::T1), None);
    }

    #[test]
    fn the_verdict_names_the_task_strengthened_above_its_noise_share() {
        let noise = shares_at(&[(Task::T1.rewarded(), 1.0), (Task::T2.rewarded(), 1.0)]);
        let t1 = shares_at(&[(Task::T1.rewarded(), 3.0), (Task::T2.rewarded(), 1.0)]);
        assert!(verdict(t1, noise).is_some_and(|v| v.starts_with("Sleep is replaying task 1")));
        let even = shares_at(&[(Task::T1.rewarded(), 1.05), (Task::T2.rewarded(), 1.0)]);
        assert!(verdict(even, noise).is_some_and(|v| v.starts_with("No task stands out")));
        assert_eq!(verdict(None, noise), None);
    }

    #[test]
    fn the_line_sets_what_sleep_strengthened_beside_the_noise() {
        let grown = shares_at(&[(Task::T1.rewarded(), 3.0), (Task::T2.rewarded(), 1.0)]);
        let noise = shares_at(&[(Task::T1.rewarded(), 1.0), (Task::T2.rewarded(), 1.0)]);
        assert_eq!(
            summary(grown, noise),
            "Strengthened task 1 75% · task 2 25% (noise alone task 1 50% · task 2 50%)"
        );
        assert_eq!(
            summary(None, noise),
            "Strengthened task 1 – · task 2 – (noise alone task 1 50% · task 2 50%)"
        );
    }
}
