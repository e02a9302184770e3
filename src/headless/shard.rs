//! `--shard I/N` and `merge`: a batch's work list cut into N deterministic slices that can
//! run on different machines (GNU parallel, a SLURM job array), and the slices' outputs put
//! back together into the JSON that one unsharded run prints. Each slice carries what
//! identifies its batch (every job's name, varied values, first seed and preset content
//! hash, the seeds per job and the number of slices), so that `merge` can refuse slices of
//! different batches.

mod error;
mod merge;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use error::{MergeError, ShardSpecError};
pub use merge::{MAX_SHARD_BYTES, merge, merge_files};

use super::{Job, JobId, SeedRun, Vary};
use crate::sim::probe::Probes;

/// Slice `index` (from 1) of `count`: the work items `index - 1`, `index - 1 + count`, ...
/// of the batch's work list (every count-th, so that each slice gets its share of every
/// job and every varied value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, from 1.
    pub index: usize,
    /// How many slices.
    pub count: usize,
}

impl Shard {
    /// The positions in a work list of `total` items that this slice runs.
    pub fn positions(self, total: usize) -> impl Iterator<Item = usize> {
        (self.index - 1..total).step_by(self.count)
    }

    /// How many of a work list of `total` items this slice runs (without listing them).
    pub fn len(self, total: usize) -> usize {
        total.saturating_sub(self.index - 1).div_ceil(self.count)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Most slices a batch can be cut into.
pub const MAX_SHARDS: usize = 1_000_000;

impl FromStr for Shard {
    type Err = ShardSpecError;

    /// `I/N`, with 1 ≤ I ≤ N.
    fn from_str(text: &str) -> Result<Self, ShardSpecError> {
        let (index, count) = text
            .split_once('/')
            .ok_or_else(|| ShardSpecError::Form(text.to_owned()))?;
        let number = |s: &str| s.trim().parse::<usize>().ok();
        match (number(index), number(count)) {
            (Some(index), Some(count)) if (1..=count).contains(&index) && count <= MAX_SHARDS => {
                Ok(Self { index, count })
            }
            _ => Err(ShardSpecError::Range(text.to_owned())),
        }
    }
}

/// What a shard prints: which slice it is, what identifies the whole batch (so that
/// `merge` can check the slices belong together), and its runs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardReport {
    /// The slice and the batch it belongs to.
    pub shard: ShardHeader,
    /// This slice's runs, in work-list order.
    pub runs: Vec<SeedRun>,
}

/// The batch a shard belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardHeader {
    /// Which slice, from 1.
    pub index: usize,
    /// How many slices.
    pub count: usize,
    /// Seeds per job.
    pub seeds: u64,
    /// Every job of the batch, in order.
    pub jobs: Vec<ShardJob>,
}

/// One job of a sharded batch: what tells its runs from any other job's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardJob {
    /// The job's name.
    pub preset: String,
    /// Its varied values, in a sweep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vary: Option<Vary>,
    /// Its first seed (the runs are seeds `first_seed..first_seed + seeds`).
    pub first_seed: u64,
    /// The content hash of the preset as run ([`preset_hash`]).
    pub preset_hash: String,
}

impl ShardJob {
    /// The job of `job`, run from `first_seed`.
    pub fn of(job: &Job, first_seed: u64) -> Self {
        Self {
            preset: job.name.clone(),
            vary: job.vary.clone(),
            first_seed,
            preset_hash: preset_hash(job),
        }
    }

    /// The job's name and varied values.
    pub fn id(&self) -> JobId {
        JobId {
            preset: self.preset.clone(),
            vary: self.vary.clone(),
        }
    }
}

/// The content hash of a job's preset as it runs (its varied values set, a twin's sleep
/// blocks gone), written as `fnv1a64:` and 16 hex digits. The probes and the window's
/// state are left out: they change no score, and `run --csv` keeps probes a run without
/// it drops.
pub fn preset_hash(job: &Job) -> String {
    let preset = job.preset.with_window(None);
    let preset = preset.with_probes(Probes::default()).unwrap_or(preset);
    format!("fnv1a64:{:016x}", fnv1a64(preset.to_toml().as_bytes()))
}

/// The 64-bit FNV-1a hash of `bytes`: small, stable across versions and machines, and
/// enough to tell two presets apart (it guards against mistakes, not against forgery).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shards_cover_every_position_once() {
        for total in [0, 1, 7, 24] {
            for count in 1..=5 {
                let mut all: Vec<usize> = (1..=count)
                    .flat_map(|index| Shard { index, count }.positions(total))
                    .collect();
                all.sort_unstable();
                assert_eq!(all, (0..total).collect::<Vec<_>>());
                for index in 1..=count {
                    let shard = Shard { index, count };
                    assert_eq!(shard.len(total), shard.positions(total).count());
                }
            }
        }
    }

    #[test]
    fn shard_numbers_are_checked() {
        assert_eq!("2/8".parse(), Ok(Shard { index: 2, count: 8 }));
        for bad in ["0/2", "3/2", "2", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn fnv1a64_gives_the_published_values() {
        // The reference values of the FNV-1a 64-bit hash.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
