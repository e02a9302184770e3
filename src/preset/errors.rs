//! Why a preset cannot be read, written or used: typed, each with the message users see.

use std::path::PathBuf;

use super::{FORMAT, MAX_SEED};
use crate::save::SaveError;
use crate::sim::params::ParamError;

/// Why a preset could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    /// The file could not be read.
    #[error("cannot read the preset: {reason} — {path}")]
    Read {
        /// What went wrong.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// The file could not be written (the old one, if any, is untouched); the message
    /// ends with the path.
    #[error("cannot save the preset: {0}")]
    Save(#[source] SaveError),
    /// The preset cannot be written as a file that opens again (nothing is written).
    #[error("cannot save the preset: {reason} — {path}")]
    Write {
        /// What went wrong.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// The file is not a usable preset.
    #[error("{problem} — {path}")]
    Invalid {
        /// What is wrong, naming the key.
        problem: PresetProblem,
        /// The file.
        path: PathBuf,
    },
}

/// What makes a preset's text or values unusable; each message names the key.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PresetProblem {
    /// Nothing but white space.
    #[error("the file is empty; a preset needs at least `format`, `name` and `seed`")]
    Empty,
    /// Not UTF-8, so not text.
    #[error("the file is not text (not valid UTF-8), so it cannot be a TOML preset")]
    NotText,
    /// Not TOML at all (the TOML reader's message and the line).
    #[error("not valid TOML: {0}")]
    NotToml(String),
    /// No `format` key.
    #[error("`format` is missing (this SleepLab reads format {format})", format = FORMAT)]
    NoFormat,
    /// A format from a later SleepLab.
    #[error("`format` = {0} is newer than this SleepLab understands (format {format}); update SleepLab", format = FORMAT)]
    NewerFormat(i64),
    /// A `format` that no SleepLab wrote.
    #[error("`format` = {0} is not a known format (this SleepLab reads format {format})", format = FORMAT)]
    UnknownFormat(String),
    /// TOML that is not a preset: an unknown key, a wrong type, a missing key (with its line).
    #[error("{0}")]
    Shape(String),
    /// A parameter outside its range.
    #[error(transparent)]
    Param(#[from] ParamError),
    /// A seed that TOML cannot write.
    #[error("`seed` = {0} is out of range (allowed: 0 to {max})", max = MAX_SEED)]
    Seed(u64),
    /// Parameters and schedule that do not fit together (the message names the block).
    #[error("{0}")]
    Disagree(String),
    /// Too many blocks that take no cycles (the message names the block).
    #[error(transparent)]
    ZeroCycle(#[from] super::zero_cycle::TooManyZeroCycleBlocks),
    /// A test label used more than once (the message names the label and the block).
    #[error(transparent)]
    Label(#[from] super::labels::LabelProblem),
    /// Over one of the [`limits`](super::limits): the file's size, a text's length or
    /// characters, or what the schedule would cost (the message names the key or block).
    #[error("{0}")]
    Limit(String),
    /// A digits experiment that cannot run (the message names the key or block).
    #[error("{0}")]
    Digits(String),
}
