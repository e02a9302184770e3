//! A preset that cannot be used is refused with a message naming the key, the problem and
//! the file, never a panic.

use std::path::PathBuf;

use sleeplab::preset::Preset;

const GOOD: &str = include_str!("../../presets/sleep.toml");

fn load_text(name: &str, text: &[u8]) -> (String, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let message = Preset::load(&path)
        .expect_err("the preset should be refused")
        .to_string();
    (message, path)
}

fn refused(name: &str, text: &str, expected: &[&str]) {
    let (message, path) = load_text(name, text.as_bytes());
    assert!(
        message.contains(&path.display().to_string()),
        "no file in: {message}"
    );
    for part in expected {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
}

#[test]
fn the_shipped_text_is_good() {
    Preset::parse(GOOD).unwrap();
}

#[test]
fn unknown_key_is_named() {
    refused(
        "unknown.toml",
        &GOOD.replace("noise_scale = 1.0", "noise_scale = 1.0\nnoise_colour = 3"),
        &["noise_colour", "line"],
    );
}

#[test]
fn wrong_type_is_named() {
    refused(
        "type.toml",
        &GOOD.replace("noise_scale = 1.0", "noise_scale = \"loud\""),
        &["string", "line"],
    );
}

#[test]
fn out_of_range_value_is_named_with_its_range() {
    refused(
        "range.toml",
        &GOOD.replace("tau_m_ms = 5.0", "tau_m_ms = -5.0"),
        &["network.tau_m_ms", "-5", "out of range"],
    );
}

#[test]
fn not_a_number_is_refused() {
    refused(
        "nan.toml",
        &GOOD.replace("learning_rate = 0.25", "learning_rate = nan"),
        &["plasticity.learning_rate", "finite"],
    );
    refused(
        "inf.toml",
        &GOOD.replace("noise_scale = 1.0", "noise_scale = inf"),
        &["sleep.noise_scale", "finite"],
    );
}

#[test]
fn unknown_task_is_named() {
    refused(
        "task.toml",
        &GOOD.replacen("task = \"T1\"", "task = \"T3\"", 1),
        &["T3", "line"],
    );
}

#[test]
fn newer_format_names_both_versions() {
    refused(
        "newer.toml",
        &GOOD.replace("format = 1", "format = 2"),
        &["format", "2", "format 1", "newer"],
    );
}

#[test]
fn missing_format_is_refused() {
    refused(
        "noformat.toml",
        &GOOD.replace("format = 1", ""),
        &["format", "missing"],
    );
}

#[test]
fn absurdly_long_schedule_is_refused_before_it_starts() {
    refused(
        "long.toml",
        &GOOD.replace("times = 4000", "times = 3000000000"),
        &["schedule", "too long"],
    );
}

#[test]
fn empty_truncated_and_garbage_files_are_refused() {
    refused("empty.toml", "", &["empty"]);
    let cut = GOOD.find("blocks = [").unwrap() + 30;
    refused("truncated.toml", &GOOD[..cut], &["line"]);
    refused("not-toml.toml", "this is { not toml", &["TOML"]);
    let (message, _) = load_text("binary.toml", &[0xff, 0xfe, 0x00, 0x9c, 0x12]);
    assert!(message.contains("not text"), "{message}");
}

#[test]
fn missing_file_and_directory_are_refused() {
    let missing = PathBuf::from("/nonexistent/sleeplab/preset.toml");
    let message = Preset::load(&missing).unwrap_err().to_string();
    assert!(
        message.contains("no such file") && message.contains("preset.toml"),
        "{message}"
    );
    let dir = tempfile::tempdir().unwrap();
    let message = Preset::load(dir.path()).unwrap_err().to_string();
    assert!(message.contains("directory"), "{message}");
}

#[test]
fn a_preset_survives_a_round_trip_through_text() {
    let preset = Preset::parse(GOOD).unwrap();
    assert_eq!(Preset::parse(&preset.to_toml()).unwrap(), preset);
}

#[test]
fn a_billion_empty_blocks_are_refused_too() {
    let text = GOOD
        .replace("times = 4000", "times = 999999999999")
        .replace("cycles = 100 }", "cycles = 0 }");
    refused("empty-blocks.toml", &text, &["schedule", "blocks"]);
}
