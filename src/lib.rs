//! SleepLab: a spiking network that learns a foraging task, forgets it while learning a
//! second one, and keeps it when sleep comes between bouts of new learning
//! (Golden, Delanois, Sanda & Bazhenov, PLoS Comput Biol 2022).

// A panic in the window or the simulation thread loses the user's run: library code says
// what went wrong instead (tests may unwrap; see clippy.toml).
#![warn(clippy::unwrap_used)]

pub mod bench;
pub mod cli;
pub mod errors;
pub mod headless;
pub mod preset;
pub mod save;
pub mod series;
pub mod sim;
pub mod ui;
pub mod worker;
