//! Sleep for an ordinary network: Sleep Replay Consolidation (SRC; Tadros, Krishnan,
//! Ramyaa & Bazhenov, Nat Commun 2022) on the 8×8 handwritten digits, as SCIENCE.md §7
//! describes and measured it.
//!
//! Pure and seeded like [`crate::sim`]: no UI, no threads, no I/O, no wall clock.

pub mod data;

pub use data::{DataError, Digits};
