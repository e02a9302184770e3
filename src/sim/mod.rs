//! The model of docs/model.md, pure and seeded: no UI, no threads, no I/O, no wall clock.
//! The same parameters, seed and sequence of modes give the same run, bit for bit.

pub mod hidden;
pub mod homeostasis;
pub mod network;
pub mod outcome;
pub mod params;
pub mod phase;
pub mod plasticity;
pub mod probe;
pub mod rng;
pub mod schedule;
pub mod simulation;
pub mod sleep_rates;
pub mod spec;
pub mod spike_history;
pub mod world;

pub use params::Params;
pub use simulation::{CycleOutcome, Mode, Score, Simulation};
pub use world::{BarKind, Task};
