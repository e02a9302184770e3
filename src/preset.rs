//! The preset file: a model's parameters, its seed and its schedule, in TOML, versioned
//! and validated, with errors that name the key, the problem and the file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sim::params::{NetworkParams, Params, PlasticityParams, SleepParams, WorldParams};
use crate::sim::plasticity::MAX_STDP_WINDOW_MS;
use crate::sim::schedule::Block;

pub mod limits;
pub use crate::save::write_atomically;
pub use limits::MAX_SCHEDULE_CYCLES;

/// The preset format this SleepLab writes and understands.
pub const FORMAT: u32 = 1;

/// A preset: what to simulate and how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// The file format version.
    pub format: u32,
    /// A short name.
    pub name: String,
    /// What the preset shows.
    #[serde(default)]
    pub description: String,
    /// The seed of the first run.
    pub seed: u64,
    /// The world.
    #[serde(default)]
    pub world: WorldParams,
    /// The network.
    #[serde(default)]
    pub network: NetworkParams,
    /// Plasticity while awake.
    #[serde(default)]
    pub plasticity: PlasticityParams,
    /// Sleep.
    #[serde(default)]
    pub sleep: SleepParams,
    /// What the window was doing when the preset was saved (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<WindowState>,
    /// The blocks to run, in order.
    #[serde(default)]
    pub schedule: Vec<Block>,
}

/// What the window was doing when a preset was saved, so that opening it resumes there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowState {
    /// The phase switch.
    pub phase: StartPhase,
}

/// The position of the window's phase switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StartPhase {
    /// Wake, task 1.
    WakeT1,
    /// Wake, task 2.
    WakeT2,
    /// Sleep.
    Sleep,
    /// Follow the schedule.
    Schedule,
}

/// Why a preset could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    /// The file could not be read.
    #[error("cannot read the preset: {reason} — {path}")]
    Read {
        /// What went wrong.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// The file could not be written (the old one, if any, is untouched).
    #[error("cannot save the preset: {reason} — {path}")]
    Write {
        /// What went wrong.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// The file is not a usable preset.
    #[error("{problem} — {path}")]
    Invalid {
        /// What is wrong, naming the key.
        problem: String,
        /// The file.
        path: PathBuf,
    },
}

impl Preset {
    /// The model parameters of the preset.
    pub fn params(&self) -> Params {
        Params {
            world: self.world.clone(),
            network: self.network.clone(),
            plasticity: self.plasticity.clone(),
            sleep: self.sleep.clone(),
        }
    }

    /// A preset from the given parameters, seed and schedule.
    pub fn from_parts(
        name: &str,
        description: &str,
        seed: u64,
        params: &Params,
        schedule: Vec<Block>,
    ) -> Self {
        Self {
            format: FORMAT,
            name: name.to_owned(),
            description: description.to_owned(),
            seed,
            world: params.world.clone(),
            network: params.network.clone(),
            plasticity: params.plasticity.clone(),
            sleep: params.sleep.clone(),
            window: None,
            schedule,
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
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Err("the file is empty; a preset needs at least `format`, `name` and `seed`".into());
        }
        limits::check_text_size(text)?;
        let table: toml::Table =
            toml::from_str(text).map_err(|e| format!("not valid TOML: {}", one_line(&e, text)))?;
        match table.get("format") {
            None => return Err("`format` is missing (this SleepLab reads format 1)".into()),
            Some(toml::Value::Integer(v)) if *v == i64::from(FORMAT) => {}
            Some(toml::Value::Integer(v)) if *v > i64::from(FORMAT) => {
                return Err(format!(
                    "`format` = {v} is newer than this SleepLab understands (format {FORMAT}); update SleepLab"
                ));
            }
            Some(v) => {
                return Err(format!(
                    "`format` = {} is not a known format (this SleepLab reads format {FORMAT})",
                    limits::excerpt(&v.to_string(), 40)
                ));
            }
        }
        let preset: Preset = toml::from_str(text).map_err(|e| one_line(&e, text))?;
        preset.validate()?;
        Ok(preset)
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
        write_atomically(path, text.as_bytes()).map_err(refuse)
    }

    /// The preset as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_else(|e| format!("# cannot write this preset: {e}\n"))
    }

    /// Checks every number against its documented range and the schedule's length.
    pub fn validate(&self) -> Result<(), String> {
        let mut c = Checker::default();
        let w = &self.world;
        c.int("world.size_cells", w.size_cells, 10, 500);
        c.num("world.food_fraction", w.food_fraction, 0.0, 0.3);
        let n = &self.network;
        c.num("network.detector_spike_prob", n.detector_spike_prob, 0.0, 1.0);
        c.int("network.detector_spike_steps", n.detector_spike_steps, 1, 10);
        c.int("network.cycle_ms", n.cycle_ms, 4, 200);
        c.int("network.decision_ms", n.decision_ms, 1, n.cycle_ms);
        c.num("network.tau_m_ms", n.tau_m_ms, 0.1, 1000.0);
        c.num("network.threshold", n.threshold, 0.01, 100.0);
        c.int("network.refractory_ms", n.refractory_ms, 0, 50);
        c.num("network.release_noise", n.release_noise, 0.0, 1.0);
        c.num("network.background_prob", n.background_prob, 0.0, 1.0);
        c.num("network.background_amplitude", n.background_amplitude, 0.0, 10.0);
        c.num("network.initial_weight", n.initial_weight, 0.001, 10.0);
        c.num("network.exploration_base", n.exploration_base, 0.0, 1.0);
        c.num("network.exploration_step", n.exploration_step, 0.0, 1.0);
        let p = &self.plasticity;
        c.num("plasticity.stdp_amplitude", p.stdp_amplitude, 0.0, 1.0);
        c.num("plasticity.stdp_tau_ms", p.stdp_tau_ms, 0.1, 100.0);
        c.int(
            "plasticity.stdp_window_ms",
            p.stdp_window_ms,
            1,
            MAX_STDP_WINDOW_MS,
        );
        c.int("plasticity.eligibility_cycles", p.eligibility_cycles, 1, 50);
        c.num("plasticity.learning_rate", p.learning_rate, 0.0, 100.0);
        c.num("plasticity.reward", p.reward, -10.0, 10.0);
        c.num("plasticity.punishment", p.punishment, -10.0, 10.0);
        c.num("plasticity.empty_move", p.empty_move, -10.0, 10.0);
        c.num("plasticity.gain_cap", p.gain_cap, 1.0, 1000.0);
        c.num("plasticity.max_weight_factor", p.max_weight_factor, 1.0, 1000.0);
        c.num("plasticity.homeostasis_rate", p.homeostasis_rate, 0.0, 1.0);
        c.num(
            "plasticity.homeostasis_smoothing",
            p.homeostasis_smoothing,
            0.0,
            1.0,
        );
        c.num("plasticity.homeostasis_min", p.homeostasis_min, 0.0, 1.0);
        c.num("plasticity.homeostasis_max", p.homeostasis_max, 1.0, 100.0);
        let s = &self.sleep;
        c.num("sleep.noise_scale", s.noise_scale, 0.0, 20.0);
        c.num("sleep.learning_rate", s.learning_rate, 0.0, 100.0);
        c.num("sleep.reward", s.reward, -10.0, 10.0);
        if let Some(problem) = c.problem {
            return Err(problem);
        }
        limits::check_text("name", &self.name, limits::MAX_NAME_CHARS, false)?;
        limits::check_text(
            "description",
            &self.description,
            limits::MAX_DESCRIPTION_CHARS,
            true,
        )?;
        limits::check_schedule(&self.schedule)?;
        Ok(())
    }
}

/// Collects the first out-of-range value.
#[derive(Default)]
struct Checker {
    problem: Option<String>,
}

impl Checker {
    fn num(&mut self, key: &str, value: f32, low: f32, high: f32) {
        if self.problem.is_some() {
            return;
        }
        if !value.is_finite() {
            self.problem = Some(format!(
                "`{key}` = {value} is not a finite number (allowed: {low} to {high})"
            ));
        } else if value < low || value > high {
            self.problem = Some(format!(
                "`{key}` = {value} is out of range (allowed: {low} to {high})"
            ));
        }
    }

    fn int(&mut self, key: &str, value: usize, low: usize, high: usize) {
        if self.problem.is_none() && (value < low || value > high) {
            self.problem = Some(format!(
                "`{key}` = {value} is out of range (allowed: {low} to {high})"
            ));
        }
    }
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

/// An I/O error in plain words.
pub fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory, not a file".into(),
        std::io::ErrorKind::StorageFull => "the disk is full".into(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => error.to_string(),
    }
}
