//! The window.

use std::path::PathBuf;

/// Opens the window on a preset (or the default one) and runs until it closes.
pub fn run_window(_preset: Option<PathBuf>) -> Result<(), String> {
    Err("the window is not built yet; use `sleeplab run PRESET`".into())
}
