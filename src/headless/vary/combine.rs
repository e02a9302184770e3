//! The preset of every combination of the varied values: each set through the preset's
//! TOML table and checked as a preset file is.

use super::{VARIABLE_TABLES, Vary, VaryError, VarySpec};
use crate::preset::Preset;

/// Every combination of the specs' values (the first `--vary` varying slowest), each as
/// the preset with those values set and checked. Any bad key or value is refused here,
/// naming it, before any work starts.
pub fn combinations(
    preset: &Preset,
    specs: &[VarySpec],
    max: usize,
) -> Result<Vec<(Vary, Preset)>, VaryError> {
    let base = toml::Value::try_from(preset).map_err(|e| VaryError::ReadBack(e.to_string()))?;
    let mut specs_checked: Vec<VarySpec> = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        if specs[..i].iter().any(|s| s.key == spec.key) {
            return Err(VaryError::KeyTwice(spec.key.clone()));
        }
        // Each value alone first, so that a bad one is named on its own.
        let mut values = Vec::with_capacity(spec.values.len());
        for value in &spec.values {
            let mut table = base.clone();
            let value = set_key(&mut table, &spec.key, value)?;
            checked(&table, &Vary(vec![(spec.key.clone(), value.clone())]))?;
            values.push(value);
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
        let mut table = base.clone();
        let mut vary = Vary::default();
        for (spec, &pick) in specs_checked.iter().zip(&picks) {
            let value = set_key(&mut table, &spec.key, &spec.values[pick])?;
            vary.0.push((spec.key.clone(), value));
        }
        let preset = checked(&table, &vary)?;
        out.push((vary, preset));
    }
    Ok(out)
}

/// The preset of `table`, checked as a preset file is; the error names the values set.
fn checked(table: &toml::Value, vary: &Vary) -> Result<Preset, VaryError> {
    let text = toml::to_string(table).map_err(|e| VaryError::ReadBack(e.to_string()))?;
    Preset::parse(&text).map_err(|problem| VaryError::Invalid {
        assignments: vary.assignments(),
        problem,
    })
}

/// Sets `key` (`table.name`) in a preset's TOML table to `value`, converted to the type the
/// key holds (a whole number for a float key, a whole float for an integer key); returns
/// the value set.
fn set_key(preset: &mut toml::Value, key: &str, value: &toml::Value) -> Result<toml::Value, VaryError> {
    let (table, name) = key
        .split_once('.')
        .filter(|(t, n)| VARIABLE_TABLES.contains(t) && !n.contains('.'))
        .ok_or_else(|| VaryError::NotAKey { key: key.to_owned() })?;
    let section = preset.get_mut(table).ok_or_else(|| VaryError::Unused {
        key: key.to_owned(),
        layer: "bar detectors",
    })?;
    let slot = section.get_mut(name).ok_or_else(|| VaryError::NotInTable {
        key: key.to_owned(),
        table: table.to_owned(),
    })?;
    let text = super::value_text(value);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "only whole values below 9e15 are converted"
    )]
    let converted = match (&*slot, value) {
        (toml::Value::Float(_), toml::Value::Integer(i)) => toml::Value::Float(*i as f64),
        (toml::Value::Integer(_), toml::Value::Float(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            toml::Value::Integer(*f as i64)
        }
        (old, new) if old.same_type(new) => new.clone(),
        (old, _) => {
            return Err(VaryError::WrongType {
                key: key.to_owned(),
                value: text,
                kind: kind(old),
            });
        }
    };
    *slot = converted.clone();
    Ok(converted)
}

/// What kind of value a TOML value is, in words.
fn kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::Integer(_) => "a whole number",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "true or false",
        toml::Value::String(_) => "a word",
        _ => "a plain value",
    }
}
