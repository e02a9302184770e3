//! A test label is used once per schedule: a test inside a repeat, or two tests with one
//! label, would be pooled as if they were more seeds (wrong `n` and SD in the table, the
//! JSON, the CSV and merge), so such a preset is refused, naming the label and the block.

use sleeplab::preset::{Preset, PresetProblem};

use crate::common::cli::refusal_of;

const TINY: &str = include_str!("../presets/tiny.toml");

/// tiny.toml with its repeat also holding a test.
fn test_in_repeat() -> String {
    TINY.replace(
        "{ phase = \"sleep\", cycles = 300 },",
        "{ phase = \"sleep\", cycles = 300 },\n    { phase = \"test\", cycles = 10, label = \"each round\" },",
    )
}

#[test]
fn a_test_inside_a_repeat_is_refused_naming_the_label_and_the_block() {
    let problem = Preset::parse(&test_in_repeat()).unwrap_err();
    assert!(matches!(problem, PresetProblem::Label(_)), "{problem}");
    let message = problem.to_string();
    assert!(message.contains("`each round`"), "{message}");
    assert!(message.contains("`schedule[2].blocks[2]`"), "{message}");
    assert!(message.contains("3 times"), "{message}");
}

#[test]
fn two_tests_with_one_label_are_refused_by_the_command_line_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.toml");
    std::fs::write(&path, TINY.replace("label = \"final\"", "label = \"after T1\"")).unwrap();
    let refusal = refusal_of(&["run", path.to_str().unwrap(), "--seeds", "3"]);
    assert!(
        refusal.contains("`after T1` is used already by `schedule[1]`"),
        "{refusal}"
    );
    assert!(refusal.contains(&path.display().to_string()), "{refusal}");
    // The shipped presets all keep to one label per test.
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/presets")).unwrap() {
        let preset = entry.unwrap().path();
        Preset::load(&preset).unwrap_or_else(|e| panic!("{e}"));
    }
}
