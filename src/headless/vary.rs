//! `sweep --vary KEY=...`: which parameters a sweep varies, over which values, and the
//! preset of each combination. A key is looked up in the model's parameter table
//! ([`keys`]), so every parameter can be varied whether or not the preset's file writes it,
//! and the preset's own checks judge every value.

use std::fmt;
use std::str::FromStr;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod combine;
mod error;
pub mod keys;
pub use combine::{combinations, combinations_with_progress};
pub use error::VaryError;

/// The tables of a preset whose keys a sweep may vary.
pub const VARIABLE_TABLES: [&str; 5] = ["world", "network", "plasticity", "sleep", "development"];

/// Most values one `--vary` may list (or a range may take).
pub const MAX_VALUES: usize = 10_000;

/// The values of the varied keys in one combination, in the order of the `--vary`
/// options; written as a JSON object (`{"sleep.learning_rate": 0.125}`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vary(pub Vec<(String, toml::Value)>);

impl Vary {
    /// The varied keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// Each value as text: numbers and booleans as written in TOML, strings bare.
    pub fn values_text(&self) -> Vec<String> {
        self.0.iter().map(|(_, v)| value_text(v)).collect()
    }

    /// `key=value` pairs, for messages.
    pub fn assignments(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={}", value_text(v)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A value as text: numbers and booleans as in TOML, strings without quotes.
pub fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Serialize for Vary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Vary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = Vary;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of varied keys and their values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vary, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, toml::Value>()? {
                    pairs.push(pair);
                }
                Ok(Vary(pairs))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

/// One `--vary` option: a key and the values it takes, as written (checked against the
/// preset by [`combinations`]).
#[derive(Clone, Debug, PartialEq)]
pub struct VarySpec {
    /// The key, as in presets (`sleep.noise_scale`).
    pub key: String,
    /// The values, in order.
    pub values: Vec<toml::Value>,
}

impl FromStr for VarySpec {
    type Err = VaryError;

    /// `KEY=A:B:N` (N evenly spaced values from A to B) or `KEY=V1,V2,...`.
    fn from_str(text: &str) -> Result<Self, VaryError> {
        let (key, values) = text
            .split_once('=')
            .ok_or_else(|| VaryError::NoForm(text.to_owned()))?;
        let key = key.trim();
        if key.is_empty() {
            return Err(VaryError::NoKey(text.to_owned()));
        }
        let values = if values.contains(':') {
            range(key, values)?
        } else {
            values
                .split(',')
                .map(|v| {
                    let v = v.trim();
                    if v.is_empty() {
                        Err(VaryError::EmptyValue {
                            key: key.to_owned(),
                            values: values.to_owned(),
                        })
                    } else {
                        Ok(parse_value(v))
                    }
                })
                .collect::<Result<Vec<_>, _>>()?
        };
        if values.len() > MAX_VALUES {
            return Err(VaryError::TooManyValues {
                key: key.to_owned(),
                count: values.len(),
            });
        }
        check_distinct(key, &values)?;
        Ok(Self {
            key: key.to_owned(),
            values,
        })
    }
}

/// A value as TOML reads it (`0.5`, `3`, `true`, `"uniform"`), else a bare word as text.
fn parse_value(text: &str) -> toml::Value {
    let parsed = toml::from_str::<toml::Table>(&format!("v = {text}"))
        .ok()
        .and_then(|mut table| table.remove("v"));
    match parsed {
        Some(value) => value,
        None => text
            .parse::<f64>()
            .map_or_else(|_| toml::Value::String(text.to_owned()), toml::Value::Float),
    }
}

/// Refuses a value listed twice.
pub(crate) fn check_distinct(key: &str, values: &[toml::Value]) -> Result<(), VaryError> {
    for (i, v) in values.iter().enumerate() {
        if values[..i].contains(v) {
            return Err(VaryError::Duplicate {
                key: key.to_owned(),
                value: value_text(v),
            });
        }
    }
    Ok(())
}

/// `A:B:N`: N values from A to B, evenly spaced, written with at most 12 significant
/// digits (so 0.1 steps read 0.3, not 0.30000000000000004).
fn range(key: &str, spec: &str) -> Result<Vec<toml::Value>, VaryError> {
    let refuse = |problem: String| VaryError::Range {
        key: key.to_owned(),
        spec: spec.to_owned(),
        problem,
    };
    let parts: Vec<&str> = spec.split(':').map(str::trim).collect();
    let [low, high, count] = parts[..] else {
        return Err(refuse("a range is A:B:N (from A to B in N values)".into()));
    };
    let number = |s: &str| {
        s.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| refuse(format!("`{s}` is not a number")))
    };
    let (low, high) = (number(low)?, number(high)?);
    let count: usize = count
        .parse()
        .ok()
        .filter(|n| (2..=MAX_VALUES).contains(n))
        .ok_or_else(|| {
            refuse(format!(
                "N = `{count}` must be a whole number from 2 to {MAX_VALUES}"
            ))
        })?;
    let whole = |v: f64| v.fract() == 0.0 && v.abs() < 9.0e15;
    let values: Vec<f64> = (0..count)
        .map(|i| {
            let raw = low + (high - low) * i as f64 / (count - 1) as f64;
            format!("{raw:.11e}").parse().unwrap_or(raw)
        })
        .collect();
    let same = values.windows(2).find_map(|pair| match *pair {
        [a, b] if a == b => Some(a),
        _ => None,
    });
    if let Some(value) = same {
        return Err(refuse(format!(
            "two of its values are {value} once written with 12 significant digits; widen the range or take fewer values"
        )));
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "only whole values below 9e15 are converted"
    )]
    Ok(if whole(low) && whole(high) && values.iter().all(|&v| whole(v)) {
        values.iter().map(|&v| toml::Value::Integer(v as i64)).collect()
    } else {
        values.into_iter().map(toml::Value::Float).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::Preset;

    fn values(spec: &str) -> Vec<toml::Value> {
        spec.parse::<VarySpec>().unwrap().values
    }

    #[test]
    fn ranges_are_evenly_spaced_and_read_cleanly() {
        let f = toml::Value::Float;
        assert_eq!(values("k.x=0:1:11")[3], f(0.3));
        assert_eq!(values("k.x=0.1:0.2:3"), vec![f(0.1), f(0.15), f(0.2)]);
        let i = toml::Value::Integer;
        assert_eq!(values("k.x=20:40:3"), vec![i(20), i(30), i(40)]);
    }

    #[test]
    fn lists_read_numbers_booleans_and_words() {
        assert_eq!(
            values("k.x=0.5,2,true,uniform"),
            vec![
                toml::Value::Float(0.5),
                toml::Value::Integer(2),
                toml::Value::Boolean(true),
                toml::Value::String("uniform".into())
            ]
        );
    }

    #[test]
    fn malformed_specs_are_refused_naming_the_key() {
        for (spec, named) in [
            ("k.x=1,,2", "`k.x`"),
            ("k.x=1:2", "`k.x=1:2`"),
            ("k.x=1:2:1", "`k.x=1:2:1`"),
            ("k.x=a:2:3", "`k.x=a:2:3`"),
            ("k.x=3,3", "`k.x` lists the value 3 twice"),
            ("=3", "no key"),
            ("k.x", "KEY="),
        ] {
            let problem = spec.parse::<VarySpec>().unwrap_err().to_string();
            assert!(problem.contains(named), "{spec}: {problem}");
        }
    }

    #[test]
    fn a_learned_layers_development_can_be_varied_and_a_detector_preset_says_it_has_none() {
        let paper = Preset::load(std::path::Path::new("presets/paper-sleep.toml")).unwrap();
        let specs = ["development.winners=1,3".parse::<VarySpec>().unwrap()];
        let all = combinations(&paper, &specs, 10).unwrap();
        let winners: Vec<usize> = all.iter().map(|(_, p)| p.params().development.winners).collect();
        assert_eq!(winners, vec![1, 3]);
        let problem = combinations(&crate::ui::default_preset(), &specs, 10)
            .unwrap_err()
            .to_string();
        assert!(problem.contains("does not use it"), "{problem}");
    }

    #[test]
    fn combinations_vary_the_first_key_slowest_and_set_every_value() {
        let preset = crate::ui::default_preset();
        let specs: Vec<VarySpec> = ["sleep.noise_scale=1,2", "world.size_cells=20,30,40"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let all = combinations(&preset, &specs, 100).unwrap();
        assert_eq!(all.len(), 6);
        let (vary, varied) = &all[4];
        assert_eq!(vary.assignments(), "sleep.noise_scale=2.0 world.size_cells=30");
        assert_eq!(
            (
                varied.params().sleep.noise_scale,
                varied.params().world.size_cells
            ),
            (2.0, 30)
        );
        assert!(
            combinations(&preset, &specs, 5)
                .unwrap_err()
                .to_string()
                .contains("6 combinations")
        );
    }
}
