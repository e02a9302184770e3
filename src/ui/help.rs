//! The Help pages: the teacher's script (`docs/teaching.md`, built in, so that the window
//! and the printed page say the same) and a short guide to the window, shown in a window of
//! their own. The Markdown is shown plainly: headings, paragraphs and list items.

use egui::{RichText, Ui};

/// The teacher's script, as printed from `docs/teaching.md`.
pub const TEACHING: &str = include_str!("../../docs/teaching.md");

/// How to read the Weight space tab, for a student (`docs/weight-space.md`).
pub const WEIGHT_SPACE: &str = include_str!("../../docs/weight-space.md");

/// What each part of the window shows, and the keys.
pub const GUIDE: &str = "# The window

## What you see

- **World** (top left): the 50×50 world. Food bars are solid, bitter bars crossed out; the green dot is the animal, the square around it what it sees (7×7). In sleep the world goes dark. With *Twin run* on, the twin's world (without sleep) is beside it.
- **Scores** (top right), five views: *Over time* plots both tasks' scores (food eaten / all bars eaten; 0.5 is chance), tested on a frozen copy every few thousand cycles, with wake, sleep and tests shaded; *Scoreboard* lists the test blocks; *Weight fate* plots each synapse's weight after task 1 against now; *Weight space* shows the weights as a point moving between two clouds, the weights of animals trained on task 1 alone and on task 2 alone (near both clouds, the weights serve both tasks; *Help > Reading the weight-space map* explains it); *Many animals* runs the experiment for 20 seeds with and without sleep, one dot per animal. With a learned hidden layer (the *Paper* presets) a fifth, *Input pictures*: each hidden unit's input weights as a small picture of its 7×7 view, grouped by the orientation it prefers; during development you watch bar detectors form (click a picture to inspect its unit).
- **Spike raster** (bottom left): every neuron's spikes over the last 40 cycles: input cells, hidden detectors grouped by the bar they detect (H, V, D+, D−), and the 8 outputs (one per direction). The replay meter above it says what sleep strengthened.
- **Weights** (bottom right): each hidden unit's synapse to each output; bright is strong. In sleep, outlined cells are synapses being strengthened now (the legend below says so). Below, each output's receptive field: the bars that make it fire.
- **Neurons you can click**: click a row of the raster, a column of the heatmap (or an output's name at its left), or a receptive field. The neuron is framed in yellow everywhere (a hidden unit's bar also around the animal in the world), and the *Neuron inspector* shows what it detects and where in the 7×7 view, its synapses to the outputs now and at the end of task 1, and its recent spikes; for an output, its membrane potential over the last cycles, its receptive field and its strongest inputs. Close the inspector to let go.
- In the world, an arrow shows the last move and a flash the last meal (green food, red bitter): at a slow speed every step can be followed.

## The left panel

- *Run* / *Pause*, *Step* (one movement cycle, 20 ms of the animal's life), *Next sleep* (runs to the start of the next sleep period and pauses there).
- *Pace*: the class pace (a preset's acts, each in its own time, pausing after each with what was measured and a question for the class, until *Continue* or space), full speed, the whole schedule in 1, 2, 5 or 10 minutes, or the speed chosen on the slider. The speed in force and the time left are shown below it.
- The phase switch: awake in task 1 or task 2, asleep, or following the preset's schedule.
- *Seed* and *Reset*: the same seed gives the same run, bit for bit.
- *Twin run*: a copy of the animal that never sleeps, beside the one that does. Turning it on or off starts the run again (the window asks first before turning it off).
- *Test now*: scores both tasks on a frozen copy; the animal itself is not changed.
- The sliders: what each is in the brain is in its tooltip.

## Menus

- *File*: open and save presets, export scores and weights, take a screenshot. When no file dialog can open, type the path in the field that appears and press Enter.
- *Presets*: the shipped experiments; each plays its acts at a class pace, about 2 minutes in all. *Lessons*: guided lessons for a class (a prediction before every run).
- *View > Projector mode*: larger text for the back of the room.
- *Help*: the teacher's script (*Teaching with SleepLab*), this page, and *Reading the weight-space map*.

## Keys

- Space: run / pause, Continue after an act
- S: step one cycle
- N: run to the next sleep and pause there
- 1 / 2: wake in task 1 / task 2
- Z: sleep
";

/// A help page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpPage {
    /// The teacher's script.
    Teaching,
    /// The guide to the window and the keys.
    Window,
    /// How to read the weight-space map.
    WeightSpace,
}

impl HelpPage {
    /// Every page, in the order of the Help menu.
    pub const ALL: [HelpPage; 3] = [HelpPage::Teaching, HelpPage::Window, HelpPage::WeightSpace];

    /// Its title (in the Help menu and on its window).
    pub fn title(self) -> &'static str {
        match self {
            HelpPage::Teaching => "Teaching with SleepLab",
            HelpPage::Window => "The window and its keys",
            HelpPage::WeightSpace => "Reading the weight-space map",
        }
    }

    /// Its text (Markdown).
    pub fn text(self) -> &'static str {
        match self {
            HelpPage::Teaching => TEACHING,
            HelpPage::Window => GUIDE,
            HelpPage::WeightSpace => WEIGHT_SPACE,
        }
    }
}

/// Shows the open help page in a window of its own; closing it sets `page` to `None`.
pub fn show(ctx: &egui::Context, page: &mut Option<HelpPage>) {
    let Some(shown) = *page else { return };
    let mut open = true;
    // Below the menu bar and to the right, so that the menus stay in reach.
    let corner = ctx.content_rect().right_top() + egui::vec2(-16.0, 64.0);
    egui::Window::new(shown.title())
        .open(&mut open)
        .pivot(egui::Align2::RIGHT_TOP)
        .default_pos(corner)
        .default_size([560.0, 600.0])
        .vscroll(true)
        .show(ctx, |ui| markdown(ui, shown.text()));
    if !open {
        *page = None;
    }
}

/// Shows Markdown plainly: `#` headings, paragraphs (hard-wrapped lines joined), list items.
pub fn markdown(ui: &mut Ui, text: &str) {
    for block in blocks(text) {
        match block {
            Block::Heading(level, line) => {
                let size = if level == 1 { 20.0 } else { 16.0 };
                ui.add_space(4.0);
                ui.label(RichText::new(line).strong().size(size));
            }
            Block::Paragraph(indent, line) => {
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(indent);
                    ui.label(line);
                });
            }
        }
    }
}

/// A piece of a page.
#[derive(Debug, PartialEq)]
enum Block {
    /// A heading of a level, without its `#`s.
    Heading(usize, String),
    /// A paragraph or list item (indented by so many points), emphasis marks removed.
    Paragraph(f32, String),
}

/// Splits Markdown into headings and paragraphs; a list item starts a new paragraph.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<(f32, String)> = None;
    let flush = |current: &mut Option<(f32, String)>, out: &mut Vec<Block>| {
        if let Some((indent, line)) = current.take() {
            out.push(Block::Paragraph(indent, line.replace("**", "").replace('*', "")));
        }
    };
    for raw in text.lines() {
        let line = raw.trim();
        let indent = (raw.len() - raw.trim_start().len()) as f32 * 4.0;
        if line.is_empty() {
            flush(&mut current, &mut out);
        } else if let Some(heading) = line.strip_prefix('#') {
            flush(&mut current, &mut out);
            let level = 1 + heading.chars().take_while(|c| *c == '#').count();
            out.push(Block::Heading(
                level,
                heading.trim_start_matches('#').trim().to_owned(),
            ));
        } else if is_item(line) {
            flush(&mut current, &mut out);
            let bullet = line
                .strip_prefix("- ")
                .map_or_else(|| line.to_owned(), |rest| format!("• {rest}"));
            current = Some((indent, bullet));
        } else {
            match &mut current {
                Some((_, text)) => {
                    text.push(' ');
                    text.push_str(line);
                }
                None => current = Some((indent, line.to_owned())),
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Whether a line starts a list item ("- " or "1. ").
fn is_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("- ") || (digits > 0 && line[digits..].starts_with(". "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_lines_join_and_list_items_start_new_paragraphs() {
        let blocks = blocks("# Title\n\nOne\ntwo.\n\n1. **First**\n   more\n- second\n");
        assert_eq!(
            blocks,
            [
                Block::Heading(1, "Title".into()),
                Block::Paragraph(0.0, "One two.".into()),
                Block::Paragraph(0.0, "1. First more".into()),
                Block::Paragraph(0.0, "• second".into()),
            ]
        );
    }

    #[test]
    fn the_window_guide_lists_every_shortcut() {
        for (keys, what) in crate::ui::shortcuts::KEYS {
            assert!(GUIDE.contains(&format!("- {keys}: {what}")), "{keys}");
        }
    }

    #[test]
    fn the_teachers_script_has_the_story_the_demo_and_the_lessons() {
        for heading in [
            "The story in five sentences",
            "The ten-minute class demo",
            "The lessons",
        ] {
            assert!(
                blocks(TEACHING)
                    .iter()
                    .any(|b| matches!(b, Block::Heading(_, h) if h.starts_with(heading))),
                "{heading}"
            );
        }
    }
}
