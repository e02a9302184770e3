//! Presets made to hurt: endless or enormous schedules, files that never end or are not
//! files, megabyte lines, escape codes. Each is refused before any work, with a short
//! message that names the problem, or (where harmless) runs and ends.

use std::path::Path;

use sleeplab::preset::Preset;
use sleeplab::sim::schedule::Experiment;
use sleeplab::sim::{Params, Simulation};

/// A valid preset without a schedule; each test appends its own.
const HEAD: &str =
    "format = 1\nname = \"hostile\"\nseed = 1\n\n[world]\nsize_cells = 10\nfood_fraction = 0.1\n";

fn refused(text: &str, expected: &[&str]) -> String {
    let problem = Preset::parse(text)
        .expect_err("the preset should be refused")
        .to_string();
    for part in expected {
        assert!(problem.contains(part), "`{part}` missing from: {problem}");
    }
    assert!(problem.len() < 600, "a long message ({} bytes)", problem.len());
    assert!(!problem.contains('\u{1b}'), "raw escape code in: {problem}");
    problem
}

fn load_refused(path: &Path, expected: &[&str]) -> String {
    let problem = Preset::load(path)
        .expect_err("the file should be refused")
        .to_string();
    for part in expected {
        assert!(problem.contains(part), "`{part}` missing from: {problem}");
    }
    problem
}

#[test]
fn a_huge_repeat_of_an_empty_repeat_runs_the_rest_and_ends() {
    for inner in [
        "{ phase = \"repeat\", times = 0, blocks = [{ phase = \"sleep\", cycles = 9 }] }",
        "{ phase = \"repeat\", times = 5, blocks = [] }",
    ] {
        let text = format!(
            "{HEAD}\n[[schedule]]\nphase = \"repeat\"\ntimes = 9223372036854775807\nblocks = [{inner}]\n\n[[schedule]]\nphase = \"sleep\"\ncycles = 4\n"
        );
        let preset = Preset::parse(&text).unwrap();
        let mut experiment = Experiment::new(Simulation::new(preset.params(), 1), preset.schedule().to_vec());
        let mut cycles = 0;
        while experiment.step().is_some() {
            cycles += 1;
        }
        assert_eq!(cycles, 4);
    }
}

#[test]
fn a_huge_repeat_of_blocks_without_cycles_is_refused_naming_the_block() {
    let text = format!(
        "{HEAD}\n[[schedule]]\nphase = \"sleep\"\ncycles = 4\n\n[[schedule]]\nphase = \"repeat\"\ntimes = 9223372036854775807\nblocks = [{{ phase = \"sleep\", cycles = 0 }}]\n"
    );
    refused(&text, &["`schedule[1]`", "blocks"]);
}

#[test]
fn a_repeat_of_many_tests_with_long_labels_is_refused_before_it_eats_memory() {
    let label = "x".repeat(100);
    let text = format!(
        "{HEAD}\n[[schedule]]\nphase = \"repeat\"\ntimes = 400000000\nblocks = [{{ phase = \"test\", cycles = 1, label = \"{label}\" }}]\n"
    );
    refused(&text, &["`schedule[0]`", "test blocks", "limit"]);
    // A long wake without tests keeps a long score history: refused too.
    let text = format!("{HEAD}\n[[schedule]]\nphase = \"wake\"\ntask = \"T1\"\ncycles = 900000000\n");
    refused(&text, &["`schedule[0]`", "bytes", "score history"]);
}

#[test]
fn too_many_written_blocks_or_too_deep_repeats_are_refused() {
    let many = "{ phase = \"sleep\", cycles = 1 },".repeat(10_001);
    let text = format!("{HEAD}\n[[schedule]]\nphase = \"repeat\"\ntimes = 1\nblocks = [{many}]\n");
    refused(&text, &["`schedule`", "10002 blocks written down"]);
    let mut block = "{ phase = \"sleep\", cycles = 1 }".to_owned();
    for _ in 0..20 {
        block = format!("{{ phase = \"repeat\", times = 1, blocks = [{block}] }}");
    }
    let text = HEAD.replace("[world]", &format!("schedule = [{block}]\n\n[world]"));
    refused(
        &text,
        &["`schedule`", "nests repeats 20 deep, more than the limit of 15"],
    );
}

#[test]
fn a_preset_without_schedule_or_cycles_is_refused() {
    refused(HEAD, &["`schedule`", "runs no cycle"]);
    let text = format!("{HEAD}\n[[schedule]]\nphase = \"sleep\"\ncycles = 0\n");
    refused(&text, &["`schedule`", "runs no cycle"]);
}

#[test]
fn long_texts_and_control_characters_are_refused() {
    let schedule = "\n[[schedule]]\nphase = \"sleep\"\ncycles = 1\n";
    let good = format!("{HEAD}{schedule}");
    Preset::parse(&good).unwrap();
    let long_label = format!(
        "{HEAD}\n[[schedule]]\nphase = \"test\"\ncycles = 1\nlabel = \"{}\"\n",
        "é".repeat(65_536)
    );
    refused(&long_label, &["`schedule[0].label`", "65536 characters"]);
    let escape_label =
        format!("{HEAD}\n[[schedule]]\nphase = \"test\"\ncycles = 1\nlabel = \"a\\u001b[2Jb\"\n");
    refused(&escape_label, &["`schedule[0].label`", "control character"]);
    let name = good.replace("name = \"hostile\"", "name = \"\\u001b]0;pwned\\u0007\"");
    refused(&name, &["`name`", "control character"]);
    let long_name = good.replace("name = \"hostile\"", &format!("name = \"{}\"", "n".repeat(101)));
    refused(&long_name, &["`name`", "101 characters"]);
    let description = good.replace(
        "seed = 1",
        &format!("seed = 1\ndescription = \"{}\"", "d".repeat(2_001)),
    );
    refused(&description, &["`description`", "2001 characters"]);
    // A description may span lines.
    let lines = good.replace("seed = 1", "seed = 1\ndescription = \"\"\"two\nlines\"\"\"");
    Preset::parse(&lines).unwrap();
}

#[test]
fn error_messages_quote_a_short_escaped_excerpt_of_the_source() {
    // A 900 kB line with a mistake at its end, and a key holding an escape code.
    let text = format!("{HEAD}\nnoise = [{}\"oops\" 3]\n", "1, ".repeat(300_000));
    let problem = refused(&text, &["line 9"]);
    assert!(problem.contains('…'), "{problem}");
    let text = format!("{HEAD}\n\"\\u001b[31mred\" = 1\n");
    let problem = refused(&text, &["\\u{1b}[31mred"]);
    assert!(!problem.contains('\u{1b}'));
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, format!("{HEAD}# {}\n", "x".repeat(1_000_000))).unwrap();
    load_refused(&path, &["bytes", "more than the 1000000", "big.toml"]);
    // A sparse 4 GB file: refused from its size alone, in no time and no memory.
    let sparse = dir.path().join("sparse.toml");
    std::fs::File::create(&sparse).unwrap().set_len(4 << 30).unwrap();
    load_refused(&sparse, &["4294967296 bytes"]);
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_directories_are_refused_without_reading() {
    load_refused(
        Path::new("/dev/zero"),
        &["a device", "not a regular file", "/dev/zero"],
    );
    let dir = tempfile::tempdir().unwrap();
    load_refused(dir.path(), &["directory"]);
    let fifo = dir.path().join("pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Before, reading it waited forever for a writer.
    load_refused(&fifo, &["FIFO", "pipe.toml"]);
}

#[test]
fn every_shipped_preset_is_within_the_limits() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let preset = Preset::load(&path).unwrap_or_else(|e| panic!("{e}"));
        // The runner's params are the preset's own.
        let _: Params = preset.params();
    }
}

#[test]
fn freeze_and_unfreeze_repeated_four_hundred_million_times_are_refused_naming_the_block() {
    let text = format!(
        "{HEAD}\n[[schedule]]\nphase = \"sleep\"\ncycles = 5\n\n[[schedule]]\nphase = \"repeat\"\ntimes = 400000000\nblocks = [{{ phase = \"freeze\", top_percent = 10.0 }}, {{ phase = \"unfreeze\" }}]\n"
    );
    assert!(text.len() < 600);
    refused(
        &text,
        &[
            "`schedule[1].blocks[0]`",
            "(phase `freeze`)",
            "blocks that take no cycles",
        ],
    );
    // A few thousand are fine.
    assert!(Preset::parse(&text.replace("400000000", "4000")).is_ok());
}
