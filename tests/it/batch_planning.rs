//! The work before a batch's first run is bounded: a sweep's combinations share the base
//! preset's schedule instead of each holding a copy, and names are made distinct in one
//! pass however often one file stem is given.

use sleeplab::headless::vary::{VarySpec, combinations};
use sleeplab::headless::{Job, make_names_distinct};
use sleeplab::preset::Preset;

#[test]
fn a_sweeps_combinations_share_one_schedule() {
    let preset = Preset::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/presets/sleep.toml"
    )))
    .unwrap();
    let specs: Vec<VarySpec> = ["sleep.learning_rate=0:1:300"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    let all = combinations(&preset, &specs, 1000).unwrap();
    assert_eq!(all.len(), 300);
    for (_, varied) in &all {
        assert!(std::ptr::eq(varied.schedule(), preset.schedule()));
    }
    assert_ne!(all[0].1.params(), all[1].1.params());
}

#[test]
fn one_stem_given_thousands_of_times_gets_distinct_names_in_order() {
    let mut jobs: Vec<Job> = (0..5000).map(|_| Job::new("sleep", Preset::default())).collect();
    jobs[1].name = "sleep-3".into();
    make_names_distinct(&mut jobs);
    let names: Vec<&str> = jobs.iter().map(|j| j.name.as_str()).collect();
    assert_eq!(names[..5], ["sleep", "sleep-3", "sleep-2", "sleep-4", "sleep-5"]);
    assert_eq!(names[4999], "sleep-5000");
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 5000);
}

#[test]
fn a_sweep_planning_thousands_of_combinations_says_how_far_it_is() {
    use crate::common::cli::{long, refusal_of};
    // 3000 combinations × 400 seeds is past the limit on runs: refused once planned, so
    // the test sees the planning and no run.
    let preset = long();
    let stderr = refusal_of(&[
        "sweep",
        preset.to_str().unwrap(),
        "--vary",
        "sleep.learning_rate=0:1:3000",
        "--seeds",
        "400",
    ]);
    for done in [1000, 2000] {
        let line = format!("planning combination {done} of 3000");
        assert!(stderr.contains(&line), "no {line:?} in {stderr}");
    }
    assert!(stderr.contains("1000000 runs"), "{stderr}");
}

#[test]
fn a_sweep_past_the_limit_on_combinations_is_refused_before_planning() {
    use crate::common::cli::{long, refusal_of};
    let preset = long();
    let stderr = refusal_of(&[
        "sweep",
        preset.to_str().unwrap(),
        "--vary",
        "sleep.learning_rate=0:1:400",
        "--vary",
        "sleep.reward=0:1:300",
        "--seeds",
        "1",
    ]);
    assert!(!stderr.contains("planning combination"), "{stderr}");
    assert!(
        stderr.contains("120000 combinations, more than the limit of 100000"),
        "{stderr}"
    );
}
