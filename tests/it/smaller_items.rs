//! The smaller findings of the hostile round: keys an `unfreeze` block ignored, a
//! `develop` block a detector layer skipped without a word, a learned layer's implicit
//! development outside the cycle limit, misleading messages for `[[development]]` and for a
//! schedule written below a table, and a benchmark sample too short to mean anything.

use sleeplab::preset::Preset;

use crate::common::cli::refusal_of;

const HEAD: &str = "format = 1\nname = \"small\"\nseed = 1\n";

fn problem(text: &str) -> String {
    Preset::parse(text)
        .expect_err("the preset should be refused")
        .to_string()
}

#[test]
fn an_unfreeze_block_with_other_keys_is_refused_naming_the_key() {
    let text = format!(
        "{HEAD}\n[[schedule]]\nphase = \"sleep\"\ncycles = 5\n\n[[schedule]]\nphase = \"repeat\"\ntimes = 2\nblocks = [{{ phase = \"unfreeze\", cycles = 500 }}]\n"
    );
    let message = problem(&text);
    assert!(message.contains("`schedule[1].blocks[0].cycles`"), "{message}");
    assert!(message.contains("takes no key but `phase`"), "{message}");
}

#[test]
fn a_develop_block_in_a_detector_preset_is_refused() {
    let text = format!(
        "{HEAD}\n[[schedule]]\nphase = \"develop\"\ncycles = 50\n\n[[schedule]]\nphase = \"sleep\"\ncycles = 5\n"
    );
    let message = problem(&text);
    assert!(
        message.contains("`schedule[0]` is a `develop` block"),
        "{message}"
    );
    assert!(
        message.contains("set `network.hidden = \"learned\"`"),
        "{message}"
    );
    // With a learned layer it is what the layer needs.
    let learned = text.replace("seed = 1\n", "seed = 1\n\n[network]\nhidden = \"learned\"\n");
    assert!(Preset::parse(&learned).is_ok());
}

#[test]
fn a_learned_layers_implicit_development_counts_against_the_cycle_limit() {
    let schedule = "\n[[schedule]]\nphase = \"repeat\"\ntimes = 999999\nblocks = [{ phase = \"sleep\", cycles = 1000 }]\n";
    let text =
        format!("{HEAD}\n[network]\nhidden = \"learned\"\n\n[development]\ncycles = 2000000\n{schedule}");
    let message = problem(&text);
    assert!(message.contains("cycles of development"), "{message}");
    assert!(message.contains("1000000000"), "{message}");
    // The same schedule alone, or with a shorter development, is within the limit.
    assert!(Preset::parse(&format!("{HEAD}{schedule}")).is_ok());
    assert!(Preset::parse(&text.replace("2000000", "1000")).is_ok());
}

#[test]
fn a_list_of_development_tables_and_a_schedule_below_a_table_are_explained() {
    let list = problem(&format!(
        "{HEAD}\n[[development]]\nunits = 10\n\n[[schedule]]\nphase = \"sleep\"\ncycles = 5\n"
    ));
    assert!(list.contains("write `[development]`"), "{list}");
    let below = problem(&format!(
        "{HEAD}\n[sleep]\nnoise_scale = 1.0\nschedule = [{{ phase = \"sleep\", cycles = 5 }}]\n"
    ));
    assert!(
        below.contains("`schedule` is written below the `[sleep]` table"),
        "{below}"
    );
}

#[test]
fn a_benchmark_sample_too_short_to_mean_anything_is_refused() {
    for short in ["0.01", "0.4"] {
        let refusal = refusal_of(&["bench", "--seconds", short]);
        assert!(refusal.contains("a shorter sample measures nothing"), "{refusal}");
    }
}
