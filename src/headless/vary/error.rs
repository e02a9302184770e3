//! Why a `--vary` option is refused: typed, each message naming the key (and the value).

use crate::preset::PresetProblem;

/// Why a `--vary` option cannot be used; every message names the key.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum VaryError {
    /// No `=` in the option.
    #[error("`{0}` needs the form KEY=A:B:N or KEY=V1,V2,...")]
    NoForm(String),
    /// Nothing before the `=`.
    #[error("`{0}` has no key before `=`")]
    NoKey(String),
    /// `1,,2`.
    #[error("`{key}` has an empty value in `{values}`")]
    EmptyValue {
        /// The key.
        key: String,
        /// The values as written.
        values: String,
    },
    /// A range that is not `A:B:N`, or whose parts are not numbers.
    #[error("`{key}={spec}`: {problem}")]
    Range {
        /// The key.
        key: String,
        /// The range as written.
        spec: String,
        /// What is wrong with it.
        problem: String,
    },
    /// More values than [`super::MAX_VALUES`].
    #[error("`{key}` takes {count} values, more than the limit of {max}", max = super::MAX_VALUES)]
    TooManyValues {
        /// The key.
        key: String,
        /// Values listed.
        count: usize,
    },
    /// A value listed twice (once converted to the key's type: `1` and `1.0` are one).
    #[error("`{key}` lists the value {value} twice")]
    Duplicate {
        /// The key.
        key: String,
        /// The value, as the key holds it.
        value: String,
    },
    /// Two values of a real key that the model's single precision makes one.
    #[error(
        "`{key}` lists {first} and {second}, which the model (keeping 7 significant digits) cannot tell apart"
    )]
    SameInModel {
        /// The key.
        key: String,
        /// The first value.
        first: String,
        /// The second value.
        second: String,
    },
    /// The same key given to two `--vary` options.
    #[error("`{0}` is given to --vary twice")]
    KeyTwice(String),
    /// Not `table.name` of a parameter table.
    #[error("`{key}` is not a parameter key; keys look like `sleep.noise_scale` (tables: {tables})", tables = super::VARIABLE_TABLES.join(", "))]
    NotAKey {
        /// The key.
        key: String,
    },
    /// A key of no parameter of that table.
    #[error("`{key}` is not a key of the `[{table}]` table (see presets/reference.toml)")]
    NotInTable {
        /// The key.
        key: String,
        /// Its table.
        table: String,
    },
    /// A key the preset's hidden layer does not use, so varying it would change nothing.
    #[error(
        "`{key}`: this preset's hidden layer ({layer}) does not use it, so varying it would change nothing"
    )]
    Unused {
        /// The key.
        key: String,
        /// The preset's hidden layer, in words.
        layer: &'static str,
    },
    /// A value of the wrong kind.
    #[error("`{key}` = {value} is not {kind} (as `{key}` is)")]
    WrongType {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
        /// What the key holds, in words.
        kind: &'static str,
    },
    /// More combinations than the limit.
    #[error("the --vary options make {total} combinations, more than the limit of {max}")]
    TooManyCombinations {
        /// Combinations the options make.
        total: usize,
        /// The limit.
        max: usize,
    },
    /// The preset cannot be read back as a table (a bug, not the user's doing).
    #[error("cannot read the preset back: {0}")]
    ReadBack(String),
    /// The preset with these values is not valid.
    #[error("--vary {assignments}: {problem}")]
    Invalid {
        /// The values set, `key=value ...`.
        assignments: String,
        /// What the preset's checks say.
        problem: PresetProblem,
    },
}
