//! SleepLab: a spiking network that learns a foraging task, forgets it while learning a
//! second one, and keeps it when sleep comes between bouts of new learning
//! (Golden, Delanois, Sanda & Bazhenov, PLoS Comput Biol 2022).

pub mod analysis;
pub mod bench;
pub mod cli;
pub mod digits;
pub mod errors;
pub mod headless;
pub mod preset;
pub mod save;
pub mod series;
pub mod sim;
pub mod ui;
pub mod worker;
