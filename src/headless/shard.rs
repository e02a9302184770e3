//! `--shard I/N` and `merge`: a batch's work list cut into N deterministic slices that can
//! run on different machines (GNU parallel, a SLURM job array), and the slices' outputs put
//! back together into the JSON that one unsharded run prints.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{JobId, RunReport, SeedRun, summarise};
use crate::preset::describe_io_error;

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
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Most slices a batch can be cut into.
pub const MAX_SHARDS: usize = 1_000_000;

impl FromStr for Shard {
    type Err = String;

    /// `I/N`, with 1 ≤ I ≤ N.
    fn from_str(text: &str) -> Result<Self, String> {
        let (index, count) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not of the form I/N (slice I of N, as in 2/8)"))?;
        let number = |s: &str| s.trim().parse::<usize>().ok();
        match (number(index), number(count)) {
            (Some(index), Some(count)) if (1..=count).contains(&index) && count <= MAX_SHARDS => {
                Ok(Self { index, count })
            }
            _ => Err(format!(
                "`{text}`: I and N must be whole numbers with 1 ≤ I ≤ N ≤ {MAX_SHARDS}"
            )),
        }
    }
}

/// What a shard prints: which slice it is, the whole batch's job list and seed count (so
/// that `merge` can check the slices belong together), and its runs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShardReport {
    /// The slice and the batch it belongs to.
    pub shard: ShardHeader,
    /// This slice's runs, in work-list order.
    pub runs: Vec<SeedRun>,
}

/// The batch a shard belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardHeader {
    /// Which slice, from 1.
    pub index: usize,
    /// How many slices.
    pub count: usize,
    /// Seeds per job.
    pub seeds: u64,
    /// Every job of the batch, in order.
    pub jobs: Vec<JobId>,
}

/// Puts shard outputs (the files' texts, with their names for messages) back together
/// into the report an unsharded run gives.
pub fn merge(files: &[(PathBuf, String)]) -> Result<RunReport, String> {
    let mut shards: Vec<(&Path, ShardReport)> = Vec::with_capacity(files.len());
    for (path, text) in files {
        let report: ShardReport = serde_json::from_str(text)
            .map_err(|e| format!("not the output of a `--shard` run ({e}) — {}", path.display()))?;
        shards.push((path, report));
    }
    let Some((first_path, first)) = shards.first() else {
        return Err("no shard files to merge".into());
    };
    let header = &first.shard;
    let total = usize::try_from(header.seeds)
        .ok()
        .and_then(|s| s.checked_mul(header.jobs.len()))
        .ok_or("the shards' batch is too large to merge")?;
    let mut slots: Vec<Option<SeedRun>> = vec![None; total];
    let mut seen = vec![false; header.count];
    for (path, shard) in shards.iter().map(|(p, s)| (*p, s)) {
        let h = &shard.shard;
        if (h.count, h.seeds, &h.jobs) != (header.count, header.seeds, &header.jobs) {
            return Err(format!(
                "this shard belongs to another batch than {} (different jobs, seeds or number of shards) — {}",
                first_path.display(),
                path.display()
            ));
        }
        let Some(done) = h.index.checked_sub(1).and_then(|i| seen.get_mut(i)) else {
            return Err(format!(
                "shard {}/{} does not exist — {}",
                h.index,
                h.count,
                path.display()
            ));
        };
        if std::mem::replace(done, true) {
            return Err(format!(
                "shard {}/{} is given twice — {}",
                h.index,
                h.count,
                path.display()
            ));
        }
        let slice = Shard {
            index: h.index,
            count: h.count,
        };
        let positions: Vec<usize> = slice.positions(total).collect();
        if positions.len() != shard.runs.len() {
            return Err(format!(
                "shard {slice} holds {} runs where it should hold {} — {}",
                shard.runs.len(),
                positions.len(),
                path.display()
            ));
        }
        for (position, run) in positions.into_iter().zip(&shard.runs) {
            let job_index = position / usize::try_from(header.seeds).unwrap_or(1).max(1);
            let job = &header.jobs[job_index];
            if run.preset != job.preset || run.vary != job.vary {
                return Err(format!(
                    "shard {slice}: a run of `{}` sits where `{}` belongs — {}",
                    run.preset,
                    job.preset,
                    path.display()
                ));
            }
            let mut run = run.clone();
            run.job = job_index;
            slots[position] = Some(run);
        }
    }
    if let Some(missing) = seen.iter().position(|done| !done) {
        return Err(format!("shard {}/{} is missing", missing + 1, header.count));
    }
    let runs: Vec<SeedRun> = slots.into_iter().flatten().collect();
    Ok(RunReport {
        summary: summarise(&header.jobs, &runs),
        runs,
    })
}

/// The largest shard file `merge` reads.
pub const MAX_SHARD_BYTES: u64 = 1 << 30;

/// Reads the files given to `merge`: regular files only (a FIFO or a device would never
/// end), none over [`MAX_SHARD_BYTES`].
pub fn read_shard_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String)>, String> {
    paths
        .iter()
        .map(|path| {
            let meta = std::fs::metadata(path).map_err(|e| {
                format!(
                    "cannot read the shard: {} — {}",
                    describe_io_error(&e),
                    path.display()
                )
            })?;
            if !meta.is_file() {
                return Err(format!(
                    "cannot read the shard: not a regular file — {}",
                    path.display()
                ));
            }
            if meta.len() > MAX_SHARD_BYTES {
                return Err(format!(
                    "cannot read the shard: {} bytes, more than the limit of {MAX_SHARD_BYTES} — {}",
                    meta.len(),
                    path.display()
                ));
            }
            std::fs::read_to_string(path)
                .map(|text| (path.clone(), text))
                .map_err(|e| {
                    format!(
                        "cannot read the shard: {} — {}",
                        describe_io_error(&e),
                        path.display()
                    )
                })
        })
        .collect()
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
}
