//! `merge` refuses what is not one batch: shards of another first seed, of a preset with
//! other content under the same name, with a seed or a score edited, with impossible
//! counts (a header claiming 10^9 seeds is refused before anything is allocated), and
//! generated batches cut into any number of shards merge back exactly.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::Value;
use sleeplab::headless::shard::{MergeError, ShardHeader, ShardJob, ShardReport, merge};
use sleeplab::headless::{JobId, RunReport, SeedRun, SeedTest, Vary, summarise};

use crate::common::cli::{refusal_of, stdout_of, tiny};

/// Runs `args` with `--shard I/count` for every I; returns the shards' texts.
fn shards(args: &[&str], count: usize) -> Vec<String> {
    (1..=count)
        .map(|index| {
            let shard = format!("{index}/{count}");
            let mut all = args.to_vec();
            all.extend(["--json", "--shard", &shard]);
            stdout_of(&all)
        })
        .collect()
}

/// Writes `texts` to files in `dir`; returns their paths.
fn files(dir: &tempfile::TempDir, texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let path = dir.path().join(format!("shard{}.json", n + 1));
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_owned()
        })
        .collect()
}

/// `merge` of `paths`, expected to refuse; its message.
fn merge_refusal(paths: &[String]) -> String {
    let mut args = vec!["merge"];
    args.extend(paths.iter().map(String::as_str));
    refusal_of(&args)
}

#[test]
fn shards_of_another_first_seed_or_preset_content_are_refused_naming_the_difference() {
    let dir = tempfile::tempdir().unwrap();
    let preset = tiny();
    let preset = preset.to_str().unwrap();
    let at = |seed: &str| shards(&["run", preset, "--seeds", "2", "--seed", seed], 2);
    let (three, hundred) = (at("3"), at("100"));
    let paths = files(&dir, &[three[0].clone(), hundred[1].clone()]);
    let refusal = merge_refusal(&paths);
    assert!(refusal.contains("starts at seed 100, not 3"), "{refusal}");
    assert!(refusal.ends_with(&format!("{}\n", paths[1])), "{refusal}");
    // Two presets with one file name and other content.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let text = std::fs::read_to_string(tiny()).unwrap();
    let changed = other.join("tiny.toml");
    std::fs::write(&changed, text.replace("size_cells = 20", "size_cells = 24")).unwrap();
    let changed = shards(
        &["run", changed.to_str().unwrap(), "--seeds", "2", "--seed", "3"],
        2,
    );
    let paths = files(&dir, &[three[0].clone(), changed[1].clone()]);
    let refusal = merge_refusal(&paths);
    assert!(refusal.contains("ran a preset of other content"), "{refusal}");
    // The shards of one batch still merge.
    let paths = files(&dir, &three);
    let mut args = vec!["merge"];
    args.extend(paths.iter().map(String::as_str));
    let whole = stdout_of(&["run", preset, "--seeds", "2", "--seed", "3", "--json"]);
    assert_eq!(stdout_of(&args), whole);
}

#[test]
fn an_edited_seed_score_or_test_list_is_refused_naming_the_shard_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let preset = tiny();
    let texts = shards(&["run", preset.to_str().unwrap(), "--seeds", "3"], 2);
    let edit = |change: &dyn Fn(&mut Value)| {
        let mut json: Value = serde_json::from_str(&texts[1]).unwrap();
        change(&mut json);
        files(&dir, &[texts[0].clone(), json.to_string()])
    };
    for (change, named) in [
        (
            Box::new(|j: &mut Value| j["runs"][0]["seed"] = 7.into()) as Box<dyn Fn(&mut Value)>,
            "shard 2/2, run 1: seed 7 sits where seed 2 of `tiny` belongs",
        ),
        (
            Box::new(|j: &mut Value| j["runs"][0]["tests"][0]["t1"] = 1.5.into()),
            "the T1 score 1.5 is not a fraction from 0 to 1",
        ),
        (
            Box::new(|j: &mut Value| j["runs"][0]["tests"][0]["t2"] = 0.123.into()),
            "does not match its bars eaten",
        ),
        (
            Box::new(|j: &mut Value| j["runs"][0]["tests"] = Value::Array(Vec::new())),
            "has the tests []",
        ),
        (
            Box::new(|j: &mut Value| j["shard"]["jobs"][0]["first_seed"] = 2.into()),
            "starts at seed 2, not 1",
        ),
    ] {
        let refusal = merge_refusal(&edit(&*change));
        assert!(refusal.contains(named), "{named}: {refusal}");
    }
}

#[test]
fn a_header_claiming_a_billion_seeds_is_refused_without_allocating() {
    let dir = tempfile::tempdir().unwrap();
    let preset = tiny();
    let texts = shards(&["run", preset.to_str().unwrap(), "--seeds", "2"], 1);
    for (key, value, named) in [
        ("seeds", Value::from(1_000_000_000_u64), "more than the limit"),
        (
            "seeds",
            Value::from(3_u64),
            "holds 2 runs where a batch of 1 jobs × 3 seeds gives it 3",
        ),
        ("count", Value::from(1_000_000_000_u64), "1000000000 shards"),
        ("index", Value::from(5_u64), "shard 5/1 does not exist"),
    ] {
        let mut json: Value = serde_json::from_str(&texts[0]).unwrap();
        json["shard"][key] = value;
        let paths = files(&dir, &[json.to_string()]);
        let refusal = merge_refusal(&paths);
        assert!(refusal.contains(named), "{key}: {refusal}");
    }
}

/// A made-up run of job `job` (named `name`) at `seed`, its scores from its bars eaten.
fn made_up_run(name: &str, job: usize, seed: u64, eaten: &[(u64, u64)]) -> SeedRun {
    let score = |(r, p): (u64, u64)| {
        if r + p == 0 {
            0.5
        } else {
            r as f64 / (r + p) as f64
        }
    };
    SeedRun {
        preset: name.to_owned(),
        vary: Some(Vary(vec![(
            "sleep.reward".into(),
            toml::Value::Float(job as f64),
        )])),
        seed,
        tests: eaten
            .chunks(2)
            .enumerate()
            .map(|(n, pair)| SeedTest {
                label: format!("test {n}"),
                at_cycle: n as u64 * 100,
                t1: score(pair[0]),
                t2: score(pair[pair.len() - 1]),
                t1_eaten: [pair[0].0, pair[0].1],
                t2_eaten: [pair[pair.len() - 1].0, pair[pair.len() - 1].1],
            })
            .collect(),
        series: (Vec::new(), Vec::new()),
        probes: Vec::new(),
        job,
    }
}

/// A generated batch: jobs, seeds per job, first seeds, each run's bars eaten.
fn batch() -> impl Strategy<Value = (Vec<ShardJob>, u64, Vec<SeedRun>)> {
    (1_usize..4, 1_usize..5, 0_u64..1000, 1_usize..3).prop_flat_map(|(jobs, seeds, first, tests)| {
        let eaten = prop::collection::vec((0_u64..20, 0_u64..20), 2 * tests);
        prop::collection::vec(eaten, jobs * seeds).prop_map(move |all| {
            let shard_jobs: Vec<ShardJob> = (0..jobs)
                .map(|j| ShardJob {
                    preset: format!("p{}", j % 2),
                    vary: Some(Vary(vec![("sleep.reward".into(), toml::Value::Float(j as f64))])),
                    first_seed: first + j as u64,
                    preset_hash: format!("fnv1a64:{j:016x}"),
                })
                .collect();
            let runs = all
                .iter()
                .enumerate()
                .map(|(n, eaten)| {
                    let job = n / seeds;
                    let seed = shard_jobs[job].first_seed + (n % seeds) as u64;
                    made_up_run(&shard_jobs[job].preset, job, seed, eaten)
                })
                .collect();
            (shard_jobs, u64::try_from(seeds).unwrap(), runs)
        })
    })
}

/// The batch cut into `count` shards, as `--shard I/count` prints them.
fn cut(jobs: &[ShardJob], seeds: u64, runs: &[SeedRun], count: usize) -> Vec<(PathBuf, String)> {
    (1..=count)
        .map(|index| {
            let report = ShardReport {
                shard: ShardHeader {
                    index,
                    count,
                    seeds,
                    jobs: jobs.to_vec(),
                },
                runs: runs.iter().skip(index - 1).step_by(count).cloned().collect(),
            };
            (
                PathBuf::from(format!("shard{index}.json")),
                serde_json::to_string_pretty(&report).unwrap(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_batches_merge_back_exactly_from_shards_in_any_order(
        (jobs, seeds, runs) in batch(),
        count in 1_usize..6,
        rotate in 0_usize..6,
    ) {
        let ids: Vec<JobId> = jobs.iter().map(ShardJob::id).collect();
        let whole = RunReport { summary: summarise(&ids, &runs), runs: runs.clone() };
        let mut files = cut(&jobs, seeds, &runs, count);
        files.rotate_left(rotate % count);
        let merged = merge(&files).unwrap();
        prop_assert_eq!(merged.to_json().unwrap(), whole.to_json().unwrap());
    }

    #[test]
    fn a_generated_shard_with_one_number_changed_is_refused(
        (jobs, seeds, runs) in batch(),
        count in 1_usize..4,
        which in 0_usize..6,
        pick in 0_usize..1000,
    ) {
        let mut files = cut(&jobs, seeds, &runs, count);
        let victim = pick % count;
        let mut json: Value = serde_json::from_str(&files[victim].1).unwrap();
        let runs_held = json["runs"].as_array().unwrap().len();
        // One shard alone has nothing to compare its preset's hash with; a shard without
        // runs has no run to change.
        if which == 2 && count == 1 || runs_held == 0 && (3..=4).contains(&which) {
            return Ok(());
        }
        let run = pick % runs_held.max(1);
        match which {
            0 => json["shard"]["seeds"] = (seeds + 1).into(),
            1 => json["shard"]["jobs"][0]["first_seed"] = 5000.into(),
            2 => json["shard"]["jobs"][0]["preset_hash"] = "fnv1a64:ffffffffffffffff".into(),
            3 => json["runs"][run]["seed"] = 9999.into(),
            4 => json["runs"][run]["tests"][0]["t1"] = (-0.25).into(),
            _ => json["shard"]["count"] = (count + 1).into(),
        }
        files[victim].1 = json.to_string();
        let refused = merge(&files);
        // A change to one shard's header is named against the first shard, or as a count
        // that does not fit; a change to a run, as that run.
        let named = matches!(
            refused,
            Err(MergeError::OtherBatch { .. }
                | MergeError::BadRun { .. }
                | MergeError::BadHeader { .. }
                | MergeError::Missing { .. })
        );
        prop_assert!(named, "change {} gave {:?}", which, refused.map(|_| ()));
    }
}
