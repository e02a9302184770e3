//! The preset of every combination of the varied values. Each key is looked up in the
//! parameter table ([`super::keys`]), each value converted to what the key holds (so `1`
//! and `1.0` of a real key are one value, and caught as a duplicate) and checked alone
//! first, so that a bad one is named on its own. Only the parameters change from one
//! combination to the next: each is checked as a preset's parameters are, and shares the
//! base preset's schedule, so many combinations of a large preset cost little before the
//! first run.

use super::keys::{KeyKind, kind_of, used_by};
use super::{VARIABLE_TABLES, Vary, VaryError, VarySpec, check_distinct, value_text};
use crate::preset::{Preset, PresetProblem};
use crate::sim::params::{HiddenKind, Params};

/// Every combination of the specs' values (the first `--vary` varying slowest), each as
/// the preset with those values set and checked. Any bad key or value is refused here,
/// naming it, before any work starts.
pub fn combinations(
    preset: &Preset,
    specs: &[VarySpec],
    max: usize,
) -> Result<Vec<(Vary, Preset)>, VaryError> {
    combinations_with_progress(preset, specs, max, |_, _| {})
}

/// As [`combinations`], calling `progress` with the combinations planned so far and their
/// total after each one (the total is known, and checked against `max`, before the first).
pub fn combinations_with_progress(
    preset: &Preset,
    specs: &[VarySpec],
    max: usize,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<(Vary, Preset)>, VaryError> {
    let params = preset.params();
    let base = toml::Value::try_from(&params).map_err(|e| VaryError::ReadBack(e.to_string()))?;
    let learned_somewhere = params.network.hidden == HiddenKind::Learned
        || specs
            .iter()
            .any(|s| s.key == "network.hidden" && s.values.iter().any(|v| v.as_str() == Some("learned")));
    let hidden = if learned_somewhere {
        HiddenKind::Learned
    } else {
        HiddenKind::Detectors
    };
    let mut specs_checked: Vec<VarySpec> = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        if specs[..i].iter().any(|s| s.key == spec.key) {
            return Err(VaryError::KeyTwice(spec.key.clone()));
        }
        let kind = key_kind(&spec.key, hidden)?;
        let values = spec
            .values
            .iter()
            .map(|value| convert(&spec.key, kind, value))
            .collect::<Result<Vec<_>, _>>()?;
        check_distinct(&spec.key, &values)?;
        if kind == KeyKind::Real {
            check_distinct_in_model(&spec.key, &values)?;
        }
        // Each value alone, so that a bad one is named on its own.
        for value in &values {
            let vary = Vary(vec![(spec.key.clone(), value.clone())]);
            with_values(preset, &base, &vary)?;
        }
        specs_checked.push(VarySpec {
            key: spec.key.clone(),
            values,
        });
    }
    let total = specs_checked
        .iter()
        .fold(1_usize, |n, s| n.saturating_mul(s.values.len()));
    if total > max {
        return Err(VaryError::TooManyCombinations { total, max });
    }
    let mut out = Vec::with_capacity(total);
    for n in 0..total {
        let mut rest = n;
        let mut picks = vec![0; specs_checked.len()];
        for (slot, spec) in picks.iter_mut().zip(&specs_checked).rev() {
            *slot = rest % spec.values.len();
            rest /= spec.values.len();
        }
        let vary = Vary(
            specs_checked
                .iter()
                .zip(&picks)
                .map(|(spec, &pick)| (spec.key.clone(), spec.values[pick].clone()))
                .collect(),
        );
        let varied = with_values(preset, &base, &vary)?;
        out.push((vary, varied));
        progress(n + 1, total);
    }
    Ok(out)
}

/// What `key` holds, once it is known to be a parameter the preset's hidden layer uses.
fn key_kind(key: &str, hidden: HiddenKind) -> Result<KeyKind, VaryError> {
    let (table, _) = key
        .split_once('.')
        .filter(|(t, n)| VARIABLE_TABLES.contains(t) && !n.contains('.'))
        .ok_or_else(|| VaryError::NotAKey { key: key.to_owned() })?;
    let kind = kind_of(key).ok_or_else(|| VaryError::NotInTable {
        key: key.to_owned(),
        table: table.to_owned(),
    })?;
    if !used_by(hidden, key) {
        return Err(VaryError::Unused {
            key: key.to_owned(),
            layer: "bar detectors",
        });
    }
    Ok(kind)
}

/// Refuses two values of a real key that the model, which keeps single-precision numbers,
/// cannot tell apart (`0.1` and `0.100000001`): they would run the same model twice.
fn check_distinct_in_model(key: &str, values: &[toml::Value]) -> Result<(), VaryError> {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "the model keeps the value as an f32: that rounding is what is compared"
    )]
    let model = |v: &toml::Value| v.as_float().map(|f| f as f32);
    for (i, a) in values.iter().enumerate() {
        if let Some(b) = values[..i].iter().find(|b| model(b) == model(a)) {
            return Err(VaryError::SameInModel {
                key: key.to_owned(),
                first: value_text(b),
                second: value_text(a),
            });
        }
    }
    Ok(())
}

/// `value` as the key holds it: a whole number of a real key becomes a real, a whole real
/// of a whole key a whole number; anything else of the wrong kind is refused.
fn convert(key: &str, kind: KeyKind, value: &toml::Value) -> Result<toml::Value, VaryError> {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "only whole values below 9e15 are converted"
    )]
    let converted = match (kind, value) {
        (KeyKind::Real, toml::Value::Integer(i)) => Some(toml::Value::Float(*i as f64)),
        (KeyKind::Real, toml::Value::Float(_))
        | (KeyKind::Whole, toml::Value::Integer(_))
        | (KeyKind::Word, toml::Value::String(_))
        | (KeyKind::Switch, toml::Value::Boolean(_)) => Some(value.clone()),
        (KeyKind::Whole, toml::Value::Float(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            Some(toml::Value::Integer(*f as i64))
        }
        _ => None,
    };
    converted.ok_or_else(|| VaryError::WrongType {
        key: key.to_owned(),
        value: value_text(value),
        kind: kind.in_words(),
    })
}

/// The preset with the values of `vary` set in its parameters (`base`, as a TOML table)
/// and checked as a preset file's parameters are; the error names the values set.
fn with_values(preset: &Preset, base: &toml::Value, vary: &Vary) -> Result<Preset, VaryError> {
    let refuse = |problem: PresetProblem| VaryError::Invalid {
        assignments: vary.assignments(),
        problem,
    };
    let mut table = base.clone();
    for (key, value) in &vary.0 {
        let Some((section, name)) = key.split_once('.') else {
            return Err(VaryError::NotAKey { key: key.clone() });
        };
        let Some(tables) = table.as_table_mut() else {
            return Err(VaryError::ReadBack("the parameters are not a table".into()));
        };
        let section = tables
            .entry(section)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(section) = section.as_table_mut() else {
            return Err(VaryError::ReadBack(format!("`{key}` is not in a table")));
        };
        section.insert(name.to_owned(), value.clone());
    }
    let params: Params = table
        .try_into()
        .map_err(|e: toml::de::Error| refuse(PresetProblem::Shape(e.message().trim().to_owned())))?;
    preset.with_params(params).map_err(refuse)
}
