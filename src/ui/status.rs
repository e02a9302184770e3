//! The status line: cycle, phase, block, speed, seed, and the latest news or problem.

use egui::Ui;

use crate::sim::schedule::{Block, Bout, Position};
use crate::sim::world::Task;
use crate::worker::{Activity, Frame, Phase};

/// What the status line tells beyond the frame: the latest news or problem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// A problem to tell the user (shown in the error colour until the next news).
    pub message: Option<String>,
    /// News for the user ("Saved …"), shown in the normal colour.
    pub notice: Option<String>,
}

impl Status {
    /// Shows a problem; earlier news is over (only the latest message is shown).
    pub fn problem(&mut self, text: String) {
        self.notice = None;
        self.message = Some(text);
    }

    /// Shows news; an earlier problem is over.
    pub fn notice(&mut self, text: String) {
        self.message = None;
        self.notice = Some(text);
    }
}

/// Shows the status line; `fps` is the window's frame rate.
pub fn show(ui: &mut Ui, status: &Status, frame: Option<&Frame>, fps: f64) {
    ui.horizontal(|ui| {
        match frame {
            None => {
                ui.label("starting the simulation…");
            }
            Some(frame) => {
                ui.label(format!("cycle {}", frame.cycle));
                ui.separator();
                ui.label(activity_name(frame.activity));
                // Where the schedule stands, else the block's own label.
                let place = frame.schedule.as_ref().map(schedule_text);
                let place = place.as_deref().unwrap_or(&frame.block_label);
                if !place.is_empty() {
                    ui.separator();
                    ui.label(place);
                }
                ui.separator();
                ui.label(format!("{:.0} cycles/s", frame.cycles_per_sec));
                ui.separator();
                ui.label(format!("{fps:.0} fps"));
                ui.separator();
                ui.label(format!("seed {}", frame.seed));
                if frame.schedule_finished && frame.phase == Phase::Schedule {
                    ui.separator();
                    ui.label("schedule finished");
                }
            }
        }
        if let Some(notice) = &status.notice {
            ui.separator();
            ui.label(notice);
        }
        if let Some(message) = &status.message {
            ui.separator();
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    });
}

/// A phase in words.
pub fn activity_name(activity: Option<Activity>) -> String {
    match activity {
        None => "not started".into(),
        Some(Activity::Wake(t)) => format!("wake, task {}", t.index() + 1),
        Some(Activity::Sleep) => "sleep".into(),
        Some(Activity::Develop) => "development".into(),
        Some(Activity::Test(t)) => format!("test, task {}", t.index() + 1),
    }
}

/// Where the schedule stands, in words: "task 2 with sleep · bout 12 of 300 · sleep
/// 120/300" inside a repeat, "wake task 1 · 12000/30000" outside one.
pub fn schedule_text(position: &Position) -> String {
    if position.finished {
        return "schedule finished".into();
    }
    let done = position.done_in_block;
    let block = match &position.block {
        Block::Wake { task, cycles } => format!("wake task {} {done}/{cycles}", task.index() + 1),
        Block::Sleep { cycles } => format!("sleep {done}/{cycles}"),
        Block::Develop { cycles } => format!("develop {done}/{cycles}"),
        Block::Test { label, cycles } => format!("test \"{label}\" {done}/{}", cycles.saturating_mul(2)),
        Block::Freeze { .. } | Block::Unfreeze | Block::Repeat { .. } => String::new(),
    };
    match position.bouts.last() {
        Some(bout) => format!(
            "{} · bout {} of {} · {block}",
            bout_text(bout),
            bout.number,
            bout.times
        ),
        None => block,
    }
}

/// What a repeat's rounds do: "task 2 with sleep", "task 1 and task 2", "sleep".
fn bout_text(bout: &Bout) -> String {
    let tasks: Vec<String> = Task::ALL
        .iter()
        .filter(|t| bout.wakes[t.index()])
        .map(|t| format!("task {}", t.index() + 1))
        .collect();
    match (tasks.is_empty(), bout.sleeps) {
        (true, true) => "sleep".into(),
        (true, false) => "tests".into(),
        (false, true) => format!("{} with sleep", tasks.join(" and ")),
        (false, false) => tasks.join(" and "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_says_which_bout_of_which_repeat_runs() {
        let position = Position {
            block: Block::Sleep { cycles: 300 },
            done_in_block: 120,
            bouts: vec![Bout {
                number: 12,
                times: 300,
                wakes: [false, true],
                sleeps: true,
            }],
            animal_cycles_done: 0,
            animal_cycles_total: 0,
            finished: false,
        };
        assert_eq!(
            schedule_text(&position),
            "task 2 with sleep · bout 12 of 300 · sleep 120/300"
        );
        let first = Position {
            block: Block::Wake {
                task: Task::T1,
                cycles: 30_000,
            },
            done_in_block: 12_000,
            bouts: Vec::new(),
            ..position
        };
        assert_eq!(schedule_text(&first), "wake task 1 12000/30000");
    }
}
