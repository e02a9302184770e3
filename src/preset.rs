//! The preset file: a model's parameters, its seed and its schedule, in TOML, versioned
//! and validated, with errors that name the key, the problem and the file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sim::params::{NetworkParams, Params, PlasticityParams, SleepParams, WorldParams};
use crate::sim::plasticity::MAX_STDP_WINDOW_MS;
use crate::sim::schedule::{Block, total_blocks, total_cycles};

/// The preset format this SleepLab writes and understands.
pub const FORMAT: u32 = 1;

/// The longest schedule SleepLab agrees to run, in movement cycles.
pub const MAX_SCHEDULE_CYCLES: u64 = 1_000_000_000;

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
        if path.is_dir() {
            return Err(PresetError::Read {
                reason: "it is a directory, not a file".into(),
                path: path.to_owned(),
            });
        }
        let bytes = std::fs::read(path).map_err(|e| PresetError::Read {
            reason: describe_io_error(&e),
            path: path.to_owned(),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| PresetError::Invalid {
            problem: "the file is not text (not valid UTF-8), so it cannot be a TOML preset".into(),
            path: path.to_owned(),
        })?;
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
                    "`format` = {v} is not a known format (this SleepLab reads format {FORMAT})"
                ));
            }
        }
        let preset: Preset = toml::from_str(text).map_err(|e| one_line(&e, text))?;
        preset.validate()?;
        Ok(preset)
    }

    /// Saves the preset atomically (see [`write_atomically`]).
    pub fn save(&self, path: &Path) -> Result<(), PresetError> {
        write_atomically(path, self.to_toml().as_bytes()).map_err(|reason| PresetError::Write {
            reason,
            path: path.to_owned(),
        })
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
        check_blocks(&self.schedule, "schedule")?;
        let total = total_cycles(&self.schedule);
        if total > MAX_SCHEDULE_CYCLES {
            return Err(format!(
                "`schedule` is too long to run: {total} cycles in all, more than the limit of {MAX_SCHEDULE_CYCLES}"
            ));
        }
        let blocks = total_blocks(&self.schedule);
        if blocks > MAX_SCHEDULE_CYCLES {
            return Err(format!(
                "`schedule` is too long to run: {blocks} blocks in all (repeats counted), more than the limit of {MAX_SCHEDULE_CYCLES}"
            ));
        }
        Ok(())
    }
}

/// Checks the blocks of a schedule (recursively): labels, nesting.
fn check_blocks(blocks: &[Block], path: &str) -> Result<(), String> {
    for (index, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{index}]");
        match block {
            Block::Test { label, cycles } => {
                if label.trim().is_empty() {
                    return Err(format!("`{here}.label` is empty; a test block needs a label"));
                }
                if *cycles == 0 {
                    return Err(format!(
                        "`{here}.cycles` is 0; a test block needs at least 1 cycle"
                    ));
                }
            }
            Block::Repeat { blocks, .. } => check_blocks(blocks, &format!("{here}.blocks"))?,
            Block::Wake { .. } | Block::Sleep { .. } => {}
        }
    }
    Ok(())
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

/// Writes a file so that it is either entirely the new content or untouched: the bytes go
/// to a temporary file beside it, which is flushed to disk and then renamed over the target.
/// A full disk or a crash never leaves a half-written file in place of a good one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        describe_io_error(&e)
    })
}

/// A TOML error on one line: its message, and the line it is on, when known.
fn one_line(error: &toml::de::Error, text: &str) -> String {
    let message = error.message().trim().replace('\n', " ");
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            let source = text.lines().nth(line - 1).unwrap_or("").trim();
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
