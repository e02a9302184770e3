//! The preset file: a model's parameters, its seed and its schedule, in TOML, versioned
//! and validated, with errors that name the key, the problem and the file.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub mod acts;
mod consistency;
mod errors;
mod file;
pub mod labels;
pub mod limits;
mod raw;
pub mod zero_cycle;

pub use crate::save::{SaveError, describe_io_error, write_atomically};
pub use acts::Act;
pub use errors::{PresetError, PresetProblem};
use file::PresetFile;
pub use limits::MAX_SCHEDULE_CYCLES;

use crate::digits::{Digits, DigitsSetup};
use crate::sim::Task;
use crate::sim::params::Params;
use crate::sim::phase::Phase;
use crate::sim::probe::Probes;
use crate::sim::schedule::{Block, without_sleep};

/// The preset format this SleepLab writes and understands.
pub const FORMAT: u32 = 1;

/// The largest seed: TOML integers are signed 64-bit, so a larger seed could be run but
/// not saved. The window's seed field, presets and the command line all keep to
/// `0..=MAX_SEED`, so that every seed the window can save it can open again.
pub const MAX_SEED: u64 = i64::MAX.unsigned_abs();

/// A preset: what to simulate and how. Every `Preset` has been checked: it comes from
/// [`Preset::parse`], [`Preset::load`] or [`Preset::from_parts`], and its `with_*` methods
/// check the new value, so whatever holds one may run it and save it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PresetFile", into = "PresetFile")]
pub struct Preset {
    name: String,
    description: String,
    seed: u64,
    params: Params,
    window: Option<WindowState>,
    /// Shared: the many presets of a sweep differ in their parameters only, and a clone
    /// does not copy a long schedule.
    schedule: Arc<[Block]>,
    probes: Probes,
    acts: Vec<Act>,
    /// A digits experiment (docs/model.md §7) instead of the forager, when the file has one.
    digits: Option<DigitsSetup>,
}

/// The plainest experiment: the default parameters, seed 1, and a schedule of one waking
/// block in task 1 (30,000 cycles, the shipped protocol's first block).
impl Default for Preset {
    fn default() -> Self {
        Self {
            name: "Default".to_owned(),
            description: String::new(),
            seed: 1,
            params: Params::default(),
            window: None,
            schedule: Arc::new([Block::Wake {
                task: Task::T1,
                cycles: 30_000,
            }]),
            probes: Probes::default(),
            acts: Vec::new(),
            digits: None,
        }
    }
}

/// What the window was doing when a preset was saved, so that opening it resumes there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowState {
    /// The phase switch.
    pub phase: Phase,
}

impl Preset {
    /// A copy of the model parameters of the preset.
    pub fn params(&self) -> Params {
        self.params.clone()
    }

    /// The short name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the preset shows.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The seed of the first run, in `0..=MAX_SEED`.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The blocks to run, in order.
    pub fn schedule(&self) -> &[Block] {
        &self.schedule
    }

    /// What the window was doing when the preset was saved, if it was.
    pub fn window(&self) -> Option<&WindowState> {
        self.window.as_ref()
    }

    /// How both tasks are probed along the schedule (off unless the file has `[probes]`).
    pub fn probes(&self) -> Probes {
        self.probes
    }

    /// The schedule's acts, as a class watches it (empty: the schedule is one piece).
    pub fn acts(&self) -> &[Act] {
        &self.acts
    }

    /// This preset with other acts, once they are checked against the schedule.
    pub fn with_acts(&self, acts: Vec<Act>) -> Result<Self, PresetProblem> {
        acts::check_acts(&acts, &self.schedule)?;
        Ok(Self { acts, ..self.clone() })
    }

    /// This preset with other probes, once they are checked (with the schedule's cost).
    pub fn with_probes(&self, probes: Probes) -> Result<Self, PresetProblem> {
        check_run(&self.schedule, &probes)?;
        Ok(Self {
            probes,
            ..self.clone()
        })
    }

    /// A preset from the given parameters, seed and schedule, once they are checked.
    pub fn from_parts(
        name: &str,
        description: &str,
        seed: u64,
        params: &Params,
        schedule: Vec<Block>,
    ) -> Result<Self, PresetProblem> {
        Self::try_from(PresetFile::from(Self {
            name: name.to_owned(),
            description: description.to_owned(),
            seed,
            params: params.clone(),
            window: None,
            schedule: schedule.into(),
            probes: Probes::default(),
            acts: Vec::new(),
            digits: None,
        }))
    }

    /// This preset with other parameters, once they are checked.
    pub fn with_params(&self, params: Params) -> Result<Self, PresetProblem> {
        params.validate()?;
        Ok(Self {
            params,
            ..self.clone()
        })
    }

    /// This preset with another seed, once it is checked.
    pub fn with_seed(&self, seed: u64) -> Result<Self, PresetProblem> {
        check_seed(seed)?;
        Ok(Self { seed, ..self.clone() })
    }

    /// The digits experiment, when this preset is one (its `[digits]` table).
    pub fn digits(&self) -> Option<&DigitsSetup> {
        self.digits.as_ref()
    }

    /// This preset with another schedule, once it is checked. Its acts stay if they still
    /// fit the new schedule; otherwise the schedule becomes one piece.
    pub fn with_schedule(&self, schedule: Vec<Block>) -> Result<Self, PresetProblem> {
        check_run(&schedule, &self.probes)?;
        let acts = if acts::check_acts(&self.acts, &schedule).is_ok() {
            self.acts.clone()
        } else {
            Vec::new()
        };
        Ok(Self {
            schedule: schedule.into(),
            acts,
            ..self.clone()
        })
    }

    /// This preset's twin that skips every sleep block (it only loses blocks, so it stays
    /// valid).
    pub fn without_sleep(&self) -> Self {
        Self {
            schedule: without_sleep(&self.schedule).into(),
            // Removing sleep blocks can move the blocks the acts count.
            acts: Vec::new(),
            digits: self.digits.as_ref().map(DigitsSetup::without_sleep),
            ..self.clone()
        }
    }

    /// This preset with another name, once it is checked.
    pub fn with_name(&self, name: &str) -> Result<Self, PresetProblem> {
        check_name(name)?;
        Ok(Self {
            name: name.to_owned(),
            ..self.clone()
        })
    }

    /// This preset with the window's state to resume at.
    pub fn with_window(&self, window: Option<WindowState>) -> Self {
        Self {
            window,
            ..self.clone()
        }
    }

    /// Reads and checks a preset file.
    pub fn load(path: &Path) -> Result<Self, PresetError> {
        let text = limits::read_preset_text(path)?;
        Self::parse(&text).map_err(|problem| PresetError::Invalid {
            problem,
            path: path.to_owned(),
        })
    }

    /// Parses and checks preset text; the error names the key and the problem.
    pub fn parse(text: &str) -> Result<Self, PresetProblem> {
        if text.trim().is_empty() {
            return Err(PresetProblem::Empty);
        }
        limits::check_text_size(text).map_err(PresetProblem::Limit)?;
        let table: toml::Table =
            toml::from_str(text).map_err(|e| PresetProblem::NotToml(one_line(&e, text)))?;
        match table.get("format") {
            None => return Err(PresetProblem::NoFormat),
            Some(toml::Value::Integer(v)) if *v == i64::from(FORMAT) => {}
            Some(toml::Value::Integer(v)) if *v > i64::from(FORMAT) => {
                return Err(PresetProblem::NewerFormat(*v));
            }
            Some(v) => {
                return Err(PresetProblem::UnknownFormat(limits::excerpt(&v.to_string(), 40)));
            }
        }
        if let Some(mistake) = raw::mistake(&table) {
            return Err(PresetProblem::Shape(mistake));
        }
        let file: PresetFile = toml::from_str(text).map_err(|e| PresetProblem::Shape(one_line(&e, text)))?;
        Self::try_from(file)
    }

    /// Saves the preset atomically (see [`write_atomically`]).
    /// Nothing is written when the preset cannot be serialised, or when the text would not
    /// open again (every preset SleepLab saves, it can read back).
    pub fn save(&self, path: &Path) -> Result<(), PresetError> {
        let refuse = |reason: String| PresetError::Write {
            reason,
            path: path.to_owned(),
        };
        let text = toml::to_string_pretty(self)
            .map_err(|e| refuse(format!("the preset cannot be written as TOML: {e}")))?;
        Self::parse(&text)
            .map_err(|problem| refuse(format!("the saved file would not open again: {problem}")))?;
        write_atomically(path, text.as_bytes()).map_err(PresetError::Save)
    }

    /// The preset as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_else(|e| format!("# cannot write this preset: {e}\n"))
    }

    /// Checks every number against its spec, the seed, and the schedule's length.
    fn validate(&self) -> Result<(), PresetProblem> {
        self.params.validate()?;
        check_seed(self.seed)?;
        check_name(&self.name)?;
        limits::check_text(
            "description",
            &self.description,
            limits::MAX_DESCRIPTION_CHARS,
            true,
        )
        .map_err(PresetProblem::Limit)?;
        // A digits experiment has its own schedule, and no forager to run or pace.
        if let Some(setup) = &self.digits {
            return check_digits(setup, &self.schedule, &self.acts);
        }
        check_run(&self.schedule, &self.probes)?;
        acts::check_acts(&self.acts, &self.schedule)?;
        match consistency::disagreement(&self.params, &self.schedule) {
            Some(problem) => Err(PresetProblem::Disagree(problem)),
            None => Ok(()),
        }
    }
}

/// Whether a seed is one that a preset file can hold.
fn check_seed(seed: u64) -> Result<(), PresetProblem> {
    if seed > MAX_SEED {
        return Err(PresetProblem::Seed(seed));
    }
    Ok(())
}

/// Whether a digits experiment can run: its values, no forager schedule beside it, and
/// the shipped digits themselves.
fn check_digits(setup: &DigitsSetup, schedule: &[Block], acts: &[Act]) -> Result<(), PresetProblem> {
    if !schedule.is_empty() || !acts.is_empty() {
        return Err(PresetProblem::Digits(
            "a preset with `[digits]` runs `[[digits.schedule]]`; leave `[[schedule]]` and `[[acts]]` out"
                .to_owned(),
        ));
    }
    if let Some(problem) = setup.problem() {
        return Err(PresetProblem::Digits(problem));
    }
    Digits::shipped()
        .map(|_| ())
        .map_err(|e| PresetProblem::Digits(format!("the digits built into this SleepLab are unusable: {e}")))
}

/// Whether a name is short, printable text.
fn check_name(name: &str) -> Result<(), PresetProblem> {
    limits::check_text("name", name, limits::MAX_NAME_CHARS, false).map_err(PresetProblem::Limit)
}

/// Checks a schedule and the probes taken along it before they run (see
/// [`limits::check_run`]).
fn check_run(schedule: &[Block], probes: &Probes) -> Result<(), PresetProblem> {
    if let Some(problem) = probes.problem() {
        return Err(PresetProblem::Limit(problem));
    }
    limits::check_run(schedule, probes)?;
    labels::check_unique_labels(schedule)?;
    zero_cycle::check_zero_cycle_blocks(schedule)?;
    Ok(())
}

/// A TOML error on one line: its message, and the line it is on, when known.
/// Both are cut short and their control characters escaped: a key or a line can be a
/// megabyte long, or hold terminal escape codes.
fn one_line(error: &toml::de::Error, text: &str) -> String {
    let message = limits::excerpt(&error.message().trim().replace('\n', " "), 300);
    match error.span() {
        Some(span) => {
            let (line, source) = limits::quote_source(text, span.start);
            format!("{message} (line {line}: `{source}`)")
        }
        None => message,
    }
}
