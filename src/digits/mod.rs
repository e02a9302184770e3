//! Sleep for an ordinary network: Sleep Replay Consolidation (SRC; Tadros, Krishnan,
//! Ramyaa & Bazhenov, Nat Commun 2022) on the 8×8 handwritten digits, as docs/model.md §7
//! describes and measured it. A 64-64-10 ReLU network learns digits 0–4 (task A), then
//! 5–9 (task B) by gradient descent and forgets task A; sleep, driven only by noise at the
//! mean image through the network's own weights, brings part of it back.
//!
//! Pure and seeded like [`crate::sim`]: no UI, no threads, no I/O, no wall clock.

pub mod data;
pub mod network;
pub mod run;
pub mod scores;
pub mod setup;
pub mod sleep;
pub mod split;
pub mod train;

pub use data::{DataError, Digits};
pub use run::{DigitsRun, run_schedule};
pub use scores::{ClassScore, DigitsTest};
pub use setup::{DigitsBlock, DigitsSetup};
pub use split::DigitsTask;
