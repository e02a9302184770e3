//! The keys a sweep may vary, looked up in the model's parameter table (each number's
//! [`Spec`](crate::sim::params::Spec), and the few choices that are not numbers), never in
//! a preset's file: a saved preset leaves out the keys that keep their defaults, and those
//! can be varied all the same.

use crate::sim::params::{Checked, HiddenKind, Params};

/// What a key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// A whole number (a count, a duration in steps or cycles).
    Whole,
    /// A real number, kept in single precision by the model.
    Real,
    /// One of a few words (`"uniform"`, `"learned"`).
    Word,
    /// `true` or `false`.
    Switch,
}

impl KeyKind {
    /// The kind in words, for messages.
    pub fn in_words(self) -> &'static str {
        match self {
            Self::Whole => "a whole number",
            Self::Real => "a number",
            Self::Word => "a word",
            Self::Switch => "true or false",
        }
    }
}

/// The model's choices: the keys that are not numbers, so have no `Spec`.
const CHOICES: [(&str, KeyKind); 9] = [
    ("network.hidden", KeyKind::Word),
    ("plasticity.update_rule", KeyKind::Word),
    ("plasticity.trace_kernel", KeyKind::Word),
    ("plasticity.activity_normalisation", KeyKind::Switch),
    ("sleep.plasticity", KeyKind::Switch),
    ("sleep.noise", KeyKind::Word),
    ("sleep.rate_average", KeyKind::Word),
    ("sleep.silence", KeyKind::Word),
    ("development.wiring", KeyKind::Word),
];

/// What `key` (`table.name`) holds, if it is a key of the parameter table.
pub fn kind_of(key: &str) -> Option<KeyKind> {
    let number = Params::default()
        .checks()
        .into_iter()
        .find_map(|checked| match checked {
            Checked::Real(spec, _) if spec.key == key => Some(KeyKind::Real),
            Checked::Whole(spec, _) if spec.key == key => Some(KeyKind::Whole),
            _ => None,
        });
    number.or_else(|| CHOICES.iter().find(|(k, _)| *k == key).map(|&(_, kind)| kind))
}

/// Whether a preset whose hidden layer is `hidden` uses `key`: the `[development]` table
/// is read only by the learned layer.
pub fn used_by(hidden: HiddenKind, key: &str) -> bool {
    hidden == HiddenKind::Learned || !key.starts_with("development.")
}

/// Every key of the parameter table, numbers first.
pub fn all_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Params::default().checks().iter().map(Checked::key).collect();
    keys.extend(CHOICES.iter().map(|(k, _)| *k));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::params::{RateAverage, Silence, TraceKernel, UpdateRule, Wiring};

    /// Every key a preset file can write, read from a file that writes them all: the
    /// choices a saved preset leaves out at their defaults are set off them here.
    fn every_written_key() -> Vec<String> {
        let mut params = Params::default();
        params.network.hidden = HiddenKind::Learned;
        params.plasticity.update_rule = UpdateRule::Multiplicative;
        params.plasticity.trace_kernel = TraceKernel::InverseAge;
        params.plasticity.activity_normalisation = true;
        params.sleep.rate_average = RateAverage::TasksEqual;
        params.sleep.silence = Silence::T1;
        params.development.wiring = Wiring::Random;
        params.development.units += 1;
        let table = toml::Value::try_from(&params).unwrap();
        let mut keys = Vec::new();
        for (name, section) in table.as_table().unwrap() {
            for key in section.as_table().unwrap().keys() {
                keys.push(format!("{name}.{key}"));
            }
        }
        keys
    }

    #[test]
    fn the_table_holds_every_key_a_preset_can_write_and_no_other() {
        let mut written = every_written_key();
        let mut table: Vec<String> = all_keys().into_iter().map(String::from).collect();
        written.sort();
        table.sort();
        assert_eq!(written, table);
    }

    #[test]
    fn keys_left_out_at_their_defaults_are_found() {
        for key in [
            "plasticity.update_rule",
            "plasticity.trace_kernel",
            "plasticity.activity_normalisation",
            "sleep.rate_average",
            "sleep.silence",
            "development.winners",
        ] {
            assert!(kind_of(key).is_some(), "{key}");
        }
        assert_eq!(kind_of("world.size_cells"), Some(KeyKind::Whole));
        assert_eq!(kind_of("sleep.noise_scale"), Some(KeyKind::Real));
        assert_eq!(kind_of("sleep.noise_scal"), None);
        assert!(!used_by(HiddenKind::Detectors, "development.units"));
        assert!(used_by(HiddenKind::Learned, "development.units"));
    }
}
