//! `sweep --vary` looks keys up in the model's parameter table, not in the preset's file:
//! keys a file leaves out at their defaults can be varied, keys the preset's hidden layer
//! does not use cannot, and values that are one once converted (`1` and `1.0` of a real
//! key) are one value.

use sleeplab::headless::vary::{VaryError, VarySpec, combinations};
use sleeplab::preset::Preset;

fn specs(texts: &[&str]) -> Vec<VarySpec> {
    texts.iter().map(|t| t.parse().unwrap()).collect()
}

const DETECTORS: &str = include_str!("../presets/tiny.toml");

/// A learned-layer preset whose `[development]` keeps every default, so its file has none.
fn learned_with_default_development() -> Preset {
    let text = DETECTORS.replace("[world]", "[network]\nhidden = \"learned\"\n\n[world]");
    let preset = Preset::parse(&text).unwrap();
    assert!(!preset.to_toml().contains("[development]"));
    preset
}

#[test]
fn keys_a_preset_leaves_out_at_their_defaults_can_be_varied() {
    let preset = Preset::parse(DETECTORS).unwrap();
    for vary in [
        "plasticity.update_rule=additive,multiplicative",
        "plasticity.trace_kernel=flat,inverse-age",
        "plasticity.activity_normalisation=false,true",
        "sleep.rate_average=all-waking,tasks-equal",
        "sleep.silence=none,T1",
    ] {
        let all = combinations(&preset, &specs(&[vary]), 10).unwrap_or_else(|e| panic!("{vary}: {e}"));
        assert_eq!(all.len(), 2, "{vary}");
        assert_ne!(all[0].1, all[1].1, "{vary}: the two values give one preset");
    }
    let learned = learned_with_default_development();
    let all = combinations(&learned, &specs(&["development.winners=1,3"]), 10).unwrap();
    let winners: Vec<usize> = all.iter().map(|(_, p)| p.params().development.winners).collect();
    assert_eq!(winners, [1, 3]);
}

#[test]
fn keys_the_hidden_layer_does_not_use_are_refused_unless_the_layer_varies_too() {
    let preset = Preset::parse(DETECTORS).unwrap();
    let error = combinations(&preset, &specs(&["development.units=10,20"]), 10).unwrap_err();
    assert!(matches!(error, VaryError::Unused { .. }), "{error}");
    assert!(error.to_string().contains("`development.units`"), "{error}");
    let both = specs(&["network.hidden=detectors,learned", "development.units=10,20"]);
    assert_eq!(combinations(&preset, &both, 10).unwrap().len(), 4);
}

#[test]
fn values_that_are_one_once_converted_are_refused_as_duplicates() {
    let preset = Preset::parse(DETECTORS).unwrap();
    for (vary, named) in [
        (
            "sleep.learning_rate=1,1.0",
            "`sleep.learning_rate` lists the value 1.0 twice",
        ),
        (
            "world.size_cells=20,20.0",
            "`world.size_cells` lists the value 20 twice",
        ),
        ("sleep.noise_scale=0.1,0.1000000001", "cannot tell apart"),
    ] {
        let error = combinations(&preset, &specs(&[vary]), 10)
            .unwrap_err()
            .to_string();
        assert!(error.contains(named), "{vary}: {error}");
    }
    let error = "sleep.noise_scale=1:1.0000000000001:3"
        .parse::<VarySpec>()
        .unwrap_err()
        .to_string();
    assert!(error.contains("12 significant digits"), "{error}");
}
