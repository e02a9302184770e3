//! One source of truth per parameter: every key of `Params` is in the reference preset with
//! the range its spec gives, every number is checked against its spec, a missing key takes
//! its default, and every seed a preset can hold saves and opens again.

use clap::Parser as _;
use sleeplab::cli::Cli;
use sleeplab::preset::{MAX_SEED, Preset};
use sleeplab::sim::Params;
use sleeplab::sim::params::{
    Checked, NetworkParams, PlasticityParams, RateAverage, Silence, TraceKernel, UpdateRule,
};

const REFERENCE: &str = include_str!("../../presets/reference.toml");

fn table(value: &toml::Value) -> &toml::Table {
    value.as_table().expect("a table")
}

/// The parameters as a preset file writes them: table → key → value.
fn written(params: &Params) -> toml::Table {
    toml::Table::try_from(params).unwrap()
}

/// The comment line just above `key = ` in `[section]` of the reference preset.
fn reference_comment(section: &str, key: &str) -> String {
    let mut in_section = false;
    let mut comment = "";
    for line in REFERENCE.lines() {
        if line.starts_with('[') {
            in_section = line == format!("[{section}]");
        } else if in_section && line.starts_with(&format!("{key} = ")) {
            return comment.to_owned();
        }
        comment = line;
    }
    panic!("`{section}.{key}` is not in the reference preset");
}

/// Parameters whose keys a saved preset leaves out at their default (the model options
/// added after the first model) all set otherwise, so that every key is written.
fn every_key_written() -> Params {
    let mut params = Params::default();
    params.plasticity.update_rule = UpdateRule::Multiplicative;
    params.plasticity.trace_kernel = TraceKernel::InverseAge;
    params.plasticity.activity_normalisation = true;
    params.sleep.rate_average = RateAverage::TasksEqual;
    params.sleep.silence = Silence::T1;
    params.development.units = 196;
    params
}

#[test]
fn the_reference_preset_names_every_key_of_params() {
    let reference: toml::Table = toml::from_str(REFERENCE).unwrap();
    let all = written(&every_key_written());
    let defaults = written(&Params::default());
    let skipped: usize = all.values().map(|t| table(t).len()).sum::<usize>()
        - defaults.values().map(|t| table(t).len()).sum::<usize>();
    // Five model options, and the ten keys of [development] (left out as a table).
    assert_eq!(
        skipped, 15,
        "a key left out at its default is missing from every_key_written"
    );
    for (section, keys) in all {
        let listed = table(
            reference
                .get(&section)
                .unwrap_or_else(|| panic!("no [{section}]")),
        );
        for key in table(&keys).keys() {
            assert!(listed.contains_key(key), "`{section}.{key}` is missing");
        }
    }
    // And it is a valid preset whose values are the defaults.
    assert_eq!(Preset::parse(REFERENCE).unwrap().params(), Params::default());
}

#[test]
fn every_number_of_params_is_checked_against_a_spec_under_its_own_key() {
    let params = every_key_written();
    let checks = params.checks();
    let mut numbers = 0;
    for (section, keys) in written(&params) {
        for (key, value) in table(&keys) {
            let full = format!("{section}.{key}");
            let expected = match value {
                toml::Value::Float(v) => Some(v.to_string().parse::<f32>().unwrap().to_string()),
                toml::Value::Integer(v) => Some(v.to_string()),
                _ => None,
            };
            let Some(expected) = expected else { continue };
            numbers += 1;
            let check = checks
                .iter()
                .find(|c| c.key() == full)
                .unwrap_or_else(|| panic!("`{full}` has no spec"));
            // The spec's value is the field's value: the key names the right field.
            assert_eq!(check.numbers()[0].to_string(), expected, "{full}");
        }
    }
    assert_eq!(checks.len(), numbers, "a spec names no number of Params");
}

#[test]
fn the_reference_preset_gives_each_range_of_the_specs() {
    for check in Params::default().checks() {
        let (section, key) = check.key().split_once('.').unwrap();
        let comment = reference_comment(section, key);
        let range = comment
            .split_once("Range: ")
            .unwrap_or_else(|| panic!("no range above `{}`: {comment}", check.key()))
            .1
            .trim_end_matches('.');
        let (low, high) = range.split_once(" to ").unwrap();
        let same = |text: &str, n: sleeplab::sim::params::Number| match n {
            sleeplab::sim::params::Number::Real(v) => text.parse::<f32>() == Ok(v),
            sleeplab::sim::params::Number::Whole(v) => text.parse::<usize>() == Ok(v),
        };
        let [_, spec_low, spec_high] = check.numbers();
        assert!(same(low, spec_low), "{}: {comment}", check.key());
        if [
            NetworkParams::DECISION_MS.key,
            PlasticityParams::STDP_WINDOW_MS.key,
        ]
        .contains(&check.key())
        {
            // Their upper end is the cycle's length.
            assert_eq!(high, "`cycle_ms`");
        } else {
            assert!(same(high, spec_high), "{}: {comment}", check.key());
        }
    }
}

#[test]
fn each_spec_refuses_the_values_beyond_its_ends_and_takes_its_ends() {
    for check in Params::default().checks() {
        let cases = match check {
            Checked::Real(spec, _) => vec![
                (Checked::Real(spec, spec.low), true),
                (Checked::Real(spec, spec.high), true),
                (Checked::Real(spec, spec.high * 1.01 + 0.01), false),
                (
                    Checked::Real(spec, spec.low - spec.low.abs() * 0.01 - 0.01),
                    false,
                ),
                (Checked::Real(spec, f32::NAN), false),
            ],
            Checked::Whole(spec, _) => {
                let mut cases = vec![
                    (Checked::Whole(spec, spec.low), true),
                    (Checked::Whole(spec, spec.high), true),
                    (Checked::Whole(spec, spec.high + 1), false),
                ];
                if spec.low > 0 {
                    cases.push((Checked::Whole(spec, spec.low - 1), false));
                }
                cases
            }
        };
        for (case, allowed) in cases {
            assert_eq!(case.check().is_ok(), allowed, "{case:?}");
        }
    }
}

#[test]
fn a_missing_key_takes_its_default() {
    let text = "format = 1\nname = \"few\"\nseed = 3\n[network]\ncycle_ms = 30\n\n\
                [[schedule]]\nphase = \"sleep\"\ncycles = 10\n";
    let preset = Preset::parse(text).unwrap();
    let mut expected = Params::default();
    expected.network.cycle_ms = 30;
    assert_eq!(preset.params(), expected);
}

#[test]
fn changing_a_preset_checks_the_new_value() {
    let preset = Preset::default();
    let mut params = Params::default();
    params.plasticity.learning_rate = 100.5;
    let problem = preset.with_params(params).unwrap_err().to_string();
    assert!(
        problem.contains("plasticity.learning_rate") && problem.contains("100.5"),
        "{problem}"
    );
    let mut params = Params::default();
    params.network.decision_ms = 21;
    let problem = preset.with_params(params).unwrap_err().to_string();
    assert_eq!(
        problem,
        "`network.decision_ms` = 21 is out of range (allowed: 1 to 20)"
    );
    let empty_test = vec![sleeplab::sim::schedule::Block::Test {
        cycles: 0,
        label: "x".into(),
    }];
    let problem = preset.with_schedule(empty_test).unwrap_err().to_string();
    assert!(problem.contains("schedule[0].cycles"), "{problem}");
    let problem = preset.with_name("tab\there").unwrap_err().to_string();
    assert!(problem.contains("`name`"), "{problem}");
}

#[test]
fn the_default_preset_is_valid_and_survives_its_own_text() {
    let preset = Preset::default();
    assert_eq!(Preset::parse(&preset.to_toml()).unwrap(), preset);
}

#[test]
fn the_largest_seed_saves_and_opens_again() {
    let preset = Preset::default().with_seed(MAX_SEED).unwrap();
    let text = preset.to_toml();
    assert!(text.contains(&format!("seed = {MAX_SEED}\n")), "{text}");
    assert_eq!(Preset::parse(&text).unwrap().seed(), MAX_SEED);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("largest.toml");
    preset.save(&path).unwrap();
    assert_eq!(Preset::load(&path).unwrap(), preset);
}

#[test]
fn a_seed_that_a_preset_cannot_hold_is_refused_everywhere() {
    let beyond = MAX_SEED + 1;
    let problem = Preset::default().with_seed(beyond).unwrap_err().to_string();
    assert!(
        problem.contains("seed") && problem.contains(&MAX_SEED.to_string()),
        "{problem}"
    );
    let schedule = Preset::default().schedule().to_vec();
    assert!(Preset::from_parts("x", "", beyond, &Params::default(), schedule.clone()).is_err());
    assert!(Preset::from_parts("x", "", MAX_SEED, &Params::default(), schedule).is_ok());
    // In a file, a larger seed is not even a TOML integer; a negative one is not a seed.
    let text = Preset::default().to_toml();
    for seed in [beyond.to_string(), u64::MAX.to_string(), "-1".to_owned()] {
        let bad = text.replace("seed = 1\n", &format!("seed = {seed}\n"));
        assert!(Preset::parse(&bad).is_err(), "seed {seed} was accepted");
    }
}

#[test]
fn the_command_line_takes_the_seeds_a_preset_can_hold_and_no_more() {
    let parse = |seed: String| Cli::try_parse_from(["sleeplab", "run", "x.toml", "--seed", &seed]);
    assert!(parse(MAX_SEED.to_string()).is_ok());
    assert!(parse("0".into()).is_ok());
    let error = parse((MAX_SEED + 1).to_string()).unwrap_err().to_string();
    assert!(error.contains("--seed"), "{error}");
}

#[test]
fn a_saved_preset_is_written_byte_for_byte_as_before() {
    // Written by `Preset::to_toml` (what *Save preset* writes) before presets held a
    // `Params`: the sleep preset with seed 42 and the phase switch on wake, task 2.
    let saved = include_str!("../golden/saved-format-1.toml");
    let preset = Preset::parse(saved).unwrap();
    assert_eq!(preset.seed(), 42);
    assert_eq!(preset.to_toml(), saved);
}
