//! The command line end to end, on a tiny preset: `sweep` and `run` give the same results
//! on one thread and on two, shards merged give exactly the unsharded JSON, bad input is
//! refused before any work, and `--csv` keeps presets apart.

use serde_json::Value;

use crate::common::cli::{long, refusal_of, stdout_of, tiny};

const RATES: &str = "sleep.learning_rate=0.0625,0.125,0.25";

#[test]
fn sweep_gives_one_summary_per_value_condition_and_label() {
    let preset = tiny();
    let text = stdout_of(&[
        "sweep",
        preset.to_str().unwrap(),
        "--vary",
        RATES,
        "--seeds",
        "2",
        "--twin",
        "--json",
    ]);
    let json: Value = serde_json::from_str(&text).unwrap();
    let summary = json["summary"].as_array().unwrap();
    let mut seen = Vec::new();
    for row in summary {
        let rate = row["vary"]["sleep.learning_rate"].as_f64().unwrap();
        seen.push((
            rate,
            row["preset"].as_str().unwrap().to_owned(),
            row["label"].as_str().unwrap().to_owned(),
        ));
        assert_eq!(row["n"], 2);
    }
    let mut expected = Vec::new();
    for rate in [0.0625, 0.125, 0.25] {
        for preset in ["tiny", "tiny-nosleep"] {
            for label in ["after T1", "final"] {
                expected.push((rate, preset.to_owned(), label.to_owned()));
            }
        }
    }
    assert_eq!(seen, expected);
    // The value reaches the model: sleep's learning rate changes what the network keeps.
    let finals: Vec<f64> = summary
        .iter()
        .filter(|r| r["preset"] == "tiny" && r["label"] == "final")
        .map(|r| r["t1_mean"].as_f64().unwrap())
        .collect();
    assert!(finals.windows(2).any(|w| w[0] != w[1]), "{finals:?}");
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 3 * 2 * 2);
    assert!(runs.iter().all(|r| r["vary"]["sleep.learning_rate"].is_f64()));
}

#[test]
fn sweep_results_do_not_depend_on_the_number_of_threads() {
    let preset = tiny();
    let args = |threads| {
        vec![
            "sweep".to_owned(),
            preset.to_str().unwrap().to_owned(),
            "--vary".into(),
            RATES.into(),
            "--vary".into(),
            "sleep.noise_scale=1:3:2".into(),
            "--seeds".into(),
            "2".into(),
            "--json".into(),
            "--threads".into(),
            threads,
        ]
    };
    let run = |threads: &str| {
        let owned = args(threads.to_owned());
        stdout_of(&owned.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    let json: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(json["runs"].as_array().unwrap().len(), 3 * 2 * 2);
}

#[test]
fn shards_merged_give_exactly_the_unsharded_json() {
    let dir = tempfile::tempdir().unwrap();
    let preset = tiny();
    let preset = preset.to_str().unwrap();
    let base = [
        "sweep", preset, "--vary", RATES, "--seeds", "3", "--twin", "--json",
    ];
    let whole = stdout_of(&base);
    let mut files = Vec::new();
    for shard in ["1/2", "2/2"] {
        let mut args = base.to_vec();
        args.extend(["--shard", shard]);
        let path = dir.path().join(format!("shard{}.json", &shard[..1]));
        std::fs::write(&path, stdout_of(&args)).unwrap();
        files.push(path.to_str().unwrap().to_owned());
    }
    let mut merge = vec!["merge"];
    merge.extend(files.iter().map(String::as_str).rev());
    assert_eq!(stdout_of(&merge), whole);
    // A missing shard, a doubled one and a folder are refused, naming the problem.
    let refusal = refusal_of(&["merge", &files[0]]);
    assert!(refusal.contains("shard 2/2 is missing"), "{refusal}");
    let refusal = refusal_of(&["merge", &files[0], &files[0]]);
    assert!(refusal.contains("shard 1/2 is given twice"), "{refusal}");
    let refusal = refusal_of(&["merge", dir.path().to_str().unwrap()]);
    assert!(refusal.contains("not a regular file"), "{refusal}");
}

#[test]
fn run_shards_merged_give_exactly_the_unsharded_json() {
    let dir = tempfile::tempdir().unwrap();
    let preset = tiny();
    let preset = preset.to_str().unwrap();
    let base = ["run", preset, "--seeds", "5", "--twin", "--json"];
    let whole = stdout_of(&base);
    let mut files = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let mut args = base.to_vec();
        args.extend(["--shard", shard]);
        let path = dir.path().join(format!("shard{}.json", &shard[..1]));
        std::fs::write(&path, stdout_of(&args)).unwrap();
        files.push(path.to_str().unwrap().to_owned());
    }
    let mut merge = vec!["merge"];
    merge.extend(files.iter().map(String::as_str));
    assert_eq!(stdout_of(&merge), whole);
}

#[test]
fn bad_keys_and_values_are_refused_before_any_work_naming_the_key() {
    let preset = long();
    let preset = preset.to_str().unwrap();
    for (vary, named) in [
        ("sleep.learning_rat=1,2", "`sleep.learning_rat`"),
        ("learning_rate=1,2", "`learning_rate`"),
        ("sleep.learning_rate=1,200", "`sleep.learning_rate` = 200"),
        ("sleep.learning_rate=1,fast", "`sleep.learning_rate` = fast"),
        ("world.size_cells=20:41:3", "`world.size_cells` = 30.5"),
        ("sleep.noise=uniform,dreamy", "dreamy"),
        (
            "sleep.learning_rate=1,1",
            "`sleep.learning_rate` lists the value 1 twice",
        ),
    ] {
        let refusal = refusal_of(&["sweep", preset, "--vary", vary, "--seeds", "10000"]);
        assert!(refusal.contains(named), "{vary}: {refusal}");
    }
}

#[test]
fn every_key_of_a_preset_can_be_varied_even_one_the_file_leaves_out() {
    // tiny.toml has no [sleep] table: its keys take their defaults and can still be varied.
    let preset = tiny();
    let text = stdout_of(&[
        "sweep",
        preset.to_str().unwrap(),
        "--vary",
        "sleep.noise=uniform,wake-rates",
        "--vary",
        "world.size_cells=20:30:2",
        "--seeds",
        "1",
        "--json",
    ]);
    let json: Value = serde_json::from_str(&text).unwrap();
    let first = &json["runs"][0]["vary"];
    assert_eq!(first["sleep.noise"], "uniform");
    assert_eq!(first["world.size_cells"], 20);
    assert_eq!(json["runs"].as_array().unwrap().len(), 4);
}

#[test]
fn csv_folder_that_cannot_be_written_is_refused_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let folder = file.join("csv");
    let preset = long();
    let refusal = refusal_of(&[
        "run",
        preset.to_str().unwrap(),
        "--seeds",
        "10000",
        "--csv",
        folder.to_str().unwrap(),
    ]);
    assert!(
        refusal.contains("cannot write CSV files into this folder"),
        "{refusal}"
    );
}

#[test]
fn two_presets_with_one_file_stem_stay_apart_in_summary_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let text = std::fs::read_to_string(tiny()).unwrap();
    std::fs::write(a.join("p.toml"), &text).unwrap();
    std::fs::write(
        b.join("p.toml"),
        text.replace("size_cells = 20", "size_cells = 24"),
    )
    .unwrap();
    let csv = dir.path().join("csv");
    let out = stdout_of(&[
        "run",
        a.join("p.toml").to_str().unwrap(),
        b.join("p.toml").to_str().unwrap(),
        "--seeds",
        "2",
        "--json",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = json["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["preset"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["p", "p", "p-2", "p-2"]);
    assert!(json["summary"].as_array().unwrap().iter().all(|r| r["n"] == 2));
    let mut files: Vec<String> = std::fs::read_dir(&csv)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["p-2-seed1.csv", "p-2-seed2.csv", "p-seed1.csv", "p-seed2.csv"]
    );
}

#[test]
fn run_json_and_csv_do_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let preset = tiny();
    let run = |threads: &str| {
        let csv = dir.path().join(threads);
        let json = stdout_of(&[
            "run",
            preset.to_str().unwrap(),
            "--seeds",
            "3",
            "--twin",
            "--json",
            "--threads",
            threads,
            "--csv",
            csv.to_str().unwrap(),
        ]);
        let mut files: Vec<(String, String)> = std::fs::read_dir(&csv)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                (
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&path).unwrap(),
                )
            })
            .collect();
        files.sort();
        (json, files)
    };
    let one = run("1");
    assert_eq!(one.1.len(), 6);
    assert_eq!(one, run("2"));
}

#[test]
fn measuring_times_are_checked_by_one_parser() {
    for args in [
        ["bench", "--seconds", "0"],
        ["bench", "--seconds", "nan"],
        ["window", "--bench", "4000"],
    ] {
        let refusal = refusal_of(&args);
        assert!(
            refusal.contains("out of range") || refusal.contains("not a number"),
            "{refusal}"
        );
    }
}
