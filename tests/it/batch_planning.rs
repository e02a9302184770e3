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
