//! What a parameter may be: its key in a preset file, its allowed range and its unit.
//! Each parameter's [`Spec`] sits beside its field in [`crate::sim::params`]; preset
//! validation checks against it and the window's sliders stay inside it.

use std::fmt;
use std::ops::RangeInclusive;

/// The key, allowed range and unit of one number of the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec<T> {
    /// The key in a preset file, `table.field`.
    pub key: &'static str,
    /// The lowest allowed value.
    pub low: T,
    /// The highest allowed value.
    pub high: T,
    /// The unit, empty for plain numbers (probabilities, fractions, model units).
    pub unit: &'static str,
}

impl<T: Copy> Spec<T> {
    /// A parameter's spec.
    pub const fn new(key: &'static str, low: T, high: T, unit: &'static str) -> Self {
        Self { key, low, high, unit }
    }

    /// The allowed values.
    pub const fn range(&self) -> RangeInclusive<T> {
        RangeInclusive::new(self.low, self.high)
    }
}

/// A number as it appears in a preset and in messages about it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A real number.
    Real(f32),
    /// A whole number (a count or a duration in steps or cycles).
    Whole(usize),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Real(v) => v.fmt(f),
            Self::Whole(v) => v.fmt(f),
        }
    }
}

/// A parameter's value beside its spec, ready to be checked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Checked {
    /// A real parameter.
    Real(Spec<f32>, f32),
    /// A whole-number parameter.
    Whole(Spec<usize>, usize),
}

impl Checked {
    /// The key in a preset file.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Real(spec, _) => spec.key,
            Self::Whole(spec, _) => spec.key,
        }
    }

    /// The value, its lowest and its highest allowed value.
    pub fn numbers(&self) -> [Number; 3] {
        match *self {
            Self::Real(s, v) => [Number::Real(v), Number::Real(s.low), Number::Real(s.high)],
            Self::Whole(s, v) => [Number::Whole(v), Number::Whole(s.low), Number::Whole(s.high)],
        }
    }

    /// Whether the value is allowed; the error names the key, the value and the range.
    pub fn check(&self) -> Result<(), ParamError> {
        let [value, low, high] = self.numbers();
        let key = self.key();
        match *self {
            Self::Real(_, v) if !v.is_finite() => Err(ParamError::NotFinite {
                key,
                value,
                low,
                high,
            }),
            Self::Real(s, v) if !s.range().contains(&v) => Err(ParamError::OutOfRange {
                key,
                value,
                low,
                high,
            }),
            Self::Whole(s, v) if !s.range().contains(&v) => Err(ParamError::OutOfRange {
                key,
                value,
                low,
                high,
            }),
            Self::Real(..) | Self::Whole(..) => Ok(()),
        }
    }
}

/// A parameter outside what its spec allows.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum ParamError {
    /// NaN or an infinity.
    #[error("`{key}` = {value} is not a finite number (allowed: {low} to {high})")]
    NotFinite {
        /// The key in a preset file.
        key: &'static str,
        /// The value given.
        value: Number,
        /// The lowest allowed value.
        low: Number,
        /// The highest allowed value.
        high: Number,
    },
    /// A number outside the allowed range.
    #[error("`{key}` = {value} is out of range (allowed: {low} to {high})")]
    OutOfRange {
        /// The key in a preset file.
        key: &'static str,
        /// The value given.
        value: Number,
        /// The lowest allowed value.
        low: Number,
        /// The highest allowed value.
        high: Number,
    },
}
