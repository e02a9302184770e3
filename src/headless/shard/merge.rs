//! `merge`: shard files read one at a time, every number checked against what the files
//! hold before anything is allocated for the whole batch, and the runs moved (not copied)
//! into the report an unsharded run gives.

use std::path::{Path, PathBuf};

use super::{MergeError, Shard, ShardHeader, ShardReport};
use crate::headless::commands::MAX_RUNS;
use crate::headless::{JobId, RunReport, SeedRun, SeedTest, summarise};

/// The largest shard file `merge` reads.
pub const MAX_SHARD_BYTES: u64 = 1 << 30;

/// Reads the shard files (regular files only, none over [`MAX_SHARD_BYTES`]) one at a time
/// and merges them ([`merge`]).
pub fn merge_files(paths: &[PathBuf]) -> Result<RunReport, MergeError> {
    let mut shards = Vec::with_capacity(paths.len());
    for path in paths {
        let text = read_shard(path)?;
        shards.push((path.clone(), parse(path, &text)?));
    }
    merge_reports(shards)
}

/// Puts shard outputs (the files' texts, with their names for messages) back together
/// into the report an unsharded run gives.
pub fn merge(files: &[(PathBuf, String)]) -> Result<RunReport, MergeError> {
    let shards = files
        .iter()
        .map(|(path, text)| Ok((path.clone(), parse(path, text)?)))
        .collect::<Result<Vec<_>, MergeError>>()?;
    merge_reports(shards)
}

/// One shard file's report.
fn parse(path: &Path, text: &str) -> Result<ShardReport, MergeError> {
    serde_json::from_str(text).map_err(|source| MergeError::NotAShard {
        path: path.to_owned(),
        source,
    })
}

/// Reads one shard file: a regular file (a FIFO or a device would never end), not over
/// [`MAX_SHARD_BYTES`].
fn read_shard(path: &Path) -> Result<String, MergeError> {
    let read = |source| MergeError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read)?;
    if !meta.is_file() {
        return Err(MergeError::NotAFile {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_SHARD_BYTES {
        return Err(MergeError::TooLarge {
            path: path.to_owned(),
            bytes: meta.len(),
        });
    }
    std::fs::read_to_string(path).map_err(read)
}

/// Checks every shard against the first one's batch and every run against its place, then
/// moves the runs into one report.
fn merge_reports(shards: Vec<(PathBuf, ShardReport)>) -> Result<RunReport, MergeError> {
    let Some((first_path, first)) = shards.first() else {
        return Err(MergeError::NoFiles);
    };
    let header = first.shard.clone();
    let total = check_header(&header, first_path)?;
    let mut seen = vec![false; header.count];
    for (path, shard) in &shards {
        if let Some(difference) = difference(&header, &shard.shard) {
            return Err(MergeError::OtherBatch {
                first: first_path.clone(),
                difference,
                path: path.clone(),
            });
        }
        let h = &shard.shard;
        let slot = h.index.checked_sub(1).and_then(|i| seen.get_mut(i));
        let Some(done) = slot else {
            return Err(MergeError::BadHeader {
                problem: format!("shard {}/{} does not exist", h.index, h.count),
                path: path.clone(),
            });
        };
        if std::mem::replace(done, true) {
            return Err(MergeError::Twice {
                index: h.index,
                count: h.count,
                path: path.clone(),
            });
        }
        let slice = Shard {
            index: h.index,
            count: h.count,
        };
        if shard.runs.len() != slice.len(total) {
            return Err(MergeError::BadHeader {
                problem: format!(
                    "shard {slice} holds {} runs where a batch of {} jobs × {} seeds gives it {}",
                    shard.runs.len(),
                    header.jobs.len(),
                    header.seeds,
                    slice.len(total)
                ),
                path: path.clone(),
            });
        }
    }
    if let Some(missing) = seen.iter().position(|done| !done) {
        return Err(MergeError::Missing {
            index: missing + 1,
            count: header.count,
        });
    }
    // Every shard holds exactly its share: `total` is what the files hold, not a claim.
    let seeds = usize::try_from(header.seeds).unwrap_or(usize::MAX).max(1);
    let mut labels: Vec<Option<Vec<String>>> = vec![None; header.jobs.len()];
    for (path, shard) in &shards {
        let slice = Shard {
            index: shard.shard.index,
            count: shard.shard.count,
        };
        for (n, (position, run)) in slice.positions(total).zip(&shard.runs).enumerate() {
            let job = position / seeds;
            let bad = |problem: String| MergeError::BadRun {
                shard: slice.to_string(),
                run: n + 1,
                problem,
                path: path.clone(),
            };
            check_run(&header, position, run, &mut labels[job]).map_err(bad)?;
        }
    }
    let mut slots: Vec<Option<SeedRun>> = Vec::new();
    slots.resize_with(total, || None);
    for (_, shard) in shards {
        let slice = Shard {
            index: shard.shard.index,
            count: shard.shard.count,
        };
        for (position, mut run) in slice.positions(total).zip(shard.runs) {
            run.job = position / seeds;
            slots[position] = Some(run);
        }
    }
    let runs: Vec<SeedRun> = slots.into_iter().flatten().collect();
    let ids: Vec<JobId> = header.jobs.iter().map(super::ShardJob::id).collect();
    Ok(RunReport {
        summary: summarise(&ids, &runs),
        runs,
    })
}

/// Checks a header's numbers; returns the runs of the whole batch.
fn check_header(header: &ShardHeader, path: &Path) -> Result<usize, MergeError> {
    let bad = |problem: String| MergeError::BadHeader {
        problem,
        path: path.to_owned(),
    };
    if !(1..=super::MAX_SHARDS).contains(&header.count) {
        return Err(bad(format!(
            "{} shards (a batch has 1 to {})",
            header.count,
            super::MAX_SHARDS
        )));
    }
    if header.seeds == 0 || header.jobs.is_empty() {
        return Err(bad(format!(
            "{} jobs × {} seeds (a batch has at least one of each)",
            header.jobs.len(),
            header.seeds
        )));
    }
    let total = usize::try_from(header.seeds)
        .ok()
        .and_then(|s| s.checked_mul(header.jobs.len()))
        .filter(|&n| n <= MAX_RUNS)
        .ok_or_else(|| {
            bad(format!(
                "{} jobs × {} seeds is more than the limit of {MAX_RUNS} runs",
                header.jobs.len(),
                header.seeds
            ))
        })?;
    for job in &header.jobs {
        if job
            .first_seed
            .checked_add(header.seeds - 1)
            .is_none_or(|last| last > crate::preset::MAX_SEED)
        {
            return Err(bad(format!(
                "the seeds of `{}` from {} go beyond the largest seed",
                job.preset, job.first_seed
            )));
        }
    }
    Ok(total)
}

/// How `other` differs from the first shard's batch `header`, if it does (its own slice
/// number aside).
fn difference(header: &ShardHeader, other: &ShardHeader) -> Option<String> {
    if other.count != header.count {
        return Some(format!("cut into {} shards, not {}", other.count, header.count));
    }
    if other.seeds != header.seeds {
        return Some(format!("{} seeds per job, not {}", other.seeds, header.seeds));
    }
    if other.jobs.len() != header.jobs.len() {
        return Some(format!("{} jobs, not {}", other.jobs.len(), header.jobs.len()));
    }
    for (n, (a, b)) in header.jobs.iter().zip(&other.jobs).enumerate() {
        let job = n + 1;
        let vary = |v: &Option<crate::headless::Vary>| {
            v.as_ref()
                .map_or_else(String::new, |v| format!(" ({})", v.assignments()))
        };
        if (&a.preset, &a.vary) != (&b.preset, &b.vary) {
            return Some(format!(
                "job {job} is `{}`{}, not `{}`{}",
                b.preset,
                vary(&b.vary),
                a.preset,
                vary(&a.vary)
            ));
        }
        if a.first_seed != b.first_seed {
            return Some(format!(
                "job {job} (`{}`) starts at seed {}, not {}",
                b.preset, b.first_seed, a.first_seed
            ));
        }
        if a.preset_hash != b.preset_hash {
            return Some(format!(
                "job {job} (`{}`) ran a preset of other content ({}, not {})",
                b.preset, b.preset_hash, a.preset_hash
            ));
        }
    }
    None
}

/// Checks the run at `position` of the batch: its job, its seed, its scores, and its test
/// labels (the same, in the same order, as every other run of its job: `labels`).
fn check_run(
    header: &ShardHeader,
    position: usize,
    run: &SeedRun,
    labels: &mut Option<Vec<String>>,
) -> Result<(), String> {
    let seeds = usize::try_from(header.seeds).unwrap_or(usize::MAX).max(1);
    let job = &header.jobs[position / seeds];
    if run.preset != job.preset || run.vary != job.vary {
        return Err(format!(
            "a run of `{}` sits where `{}` belongs",
            run.preset, job.preset
        ));
    }
    let seed = job.first_seed + (position % seeds) as u64;
    if run.seed != seed {
        return Err(format!(
            "seed {} sits where seed {seed} of `{}` belongs",
            run.seed, job.preset
        ));
    }
    for test in &run.tests {
        check_test(test)?;
    }
    let mine: Vec<String> = run.tests.iter().map(|t| t.label.clone()).collect();
    match labels {
        Some(expected) if *expected != mine => Err(format!(
            "seed {seed} of `{}` has the tests {mine:?}, where its other seeds have {expected:?}",
            job.preset
        )),
        Some(_) => Ok(()),
        None => {
            *labels = Some(mine);
            Ok(())
        }
    }
}

/// Checks a test's numbers: each score is the fraction of rewarded bars among the bars
/// eaten in its test (one half when none were), as the model computes it.
fn check_test(test: &SeedTest) -> Result<(), String> {
    for (task, score, [rewarded, punished]) in
        [("T1", test.t1, test.t1_eaten), ("T2", test.t2, test.t2_eaten)]
    {
        if !(0.0..=1.0).contains(&score) {
            return Err(format!(
                "test `{}`: the {task} score {score} is not a fraction from 0 to 1",
                test.label
            ));
        }
        let expected = match rewarded.checked_add(punished) {
            Some(0) => Some(0.5),
            Some(total) => Some(rewarded as f64 / total as f64),
            None => None,
        };
        if expected != Some(score) {
            return Err(format!(
                "test `{}`: the {task} score {score} does not match its bars eaten ({rewarded} rewarded, {punished} punished)",
                test.label
            ));
        }
    }
    Ok(())
}
