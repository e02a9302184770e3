//! A preset as its file holds it: the format, the four parameter tables and the rest, in
//! the file's order, so that saved presets are written as before `Preset` held a `Params`.
//! Turning one into a [`Preset`] checks it.

use serde::{Deserialize, Serialize};

use super::{Act, FORMAT, Preset, PresetProblem, WindowState};
use crate::digits::DigitsSetup;
use crate::sim::params::{
    DevelopmentParams, NetworkParams, Params, PlasticityParams, SleepParams, WorldParams,
};
use crate::sim::probe::Probes;
use crate::sim::schedule::Block;

/// A preset as written in its file: the format, the four parameter tables and the rest,
/// in the file's order. Reading one is only half of [`Preset::parse`]; the checks follow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PresetFile {
    /// The file format version.
    format: u32,
    /// A short name.
    name: String,
    /// What the preset shows.
    #[serde(default)]
    description: String,
    /// The seed of the first run.
    seed: u64,
    /// The world.
    #[serde(default)]
    world: WorldParams,
    /// The network.
    #[serde(default)]
    network: NetworkParams,
    /// Plasticity while awake.
    #[serde(default)]
    plasticity: PlasticityParams,
    /// Sleep.
    #[serde(default)]
    sleep: SleepParams,
    /// The learned hidden layer's development (left out while it keeps its defaults, so
    /// presets of the detector layer are saved as before).
    #[serde(default, skip_serializing_if = "is_default_development")]
    development: DevelopmentParams,
    /// Both tasks measured all along the schedule (off when the table is absent; left out
    /// when off, so presets without probes are saved as before).
    #[serde(default, skip_serializing_if = "Probes::is_off")]
    probes: Probes,
    /// A digits experiment instead of the forager (left out when absent, so other presets
    /// are saved as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    digits: Option<DigitsSetup>,
    /// What the window was doing when the preset was saved (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    window: Option<WindowState>,
    /// The blocks to run, in order.
    #[serde(default)]
    schedule: Vec<Block>,
    /// The schedule's acts, for a class (left out when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    acts: Vec<Act>,
}

fn is_default_development(development: &DevelopmentParams) -> bool {
    *development == DevelopmentParams::default()
}

impl From<Preset> for PresetFile {
    fn from(p: Preset) -> Self {
        let Params {
            world,
            network,
            plasticity,
            sleep,
            development,
        } = p.params;
        Self {
            format: FORMAT,
            name: p.name,
            description: p.description,
            seed: p.seed,
            world,
            network,
            plasticity,
            sleep,
            development,
            probes: p.probes,
            digits: p.digits,
            window: p.window,
            schedule: p.schedule.to_vec(),
            acts: p.acts,
        }
    }
}

impl TryFrom<PresetFile> for Preset {
    type Error = PresetProblem;

    /// Checks a preset read from a file (its format is checked before, by [`Preset::parse`]).
    fn try_from(f: PresetFile) -> Result<Self, PresetProblem> {
        let preset = Self {
            name: f.name,
            description: f.description,
            seed: f.seed,
            params: Params {
                world: f.world,
                network: f.network,
                plasticity: f.plasticity,
                sleep: f.sleep,
                development: f.development,
            },
            window: f.window,
            schedule: f.schedule.into(),
            probes: f.probes,
            acts: f.acts,
            digits: f.digits,
        };
        preset.validate()?;
        Ok(preset)
    }
}
