//! Every integration test in one binary: eframe, wgpu and the library link once, not once
//! per file. Each module is one area of behaviour; `common` holds the window helpers.

// Helpers outside `#[test]` functions unwrap too: a failed unwrap is a failed test.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail the test by panicking"
)]

mod acts;
mod analyses;
mod animals;
mod batch_planning;
mod clear_signs;
mod cli;
mod closed_stdout;
mod common;
mod digits;
mod docs;
mod engine;
mod files;
mod hostile_outputs;
mod hostile_presets;
mod input_pictures;
mod inspector;
mod learned_layer;
mod lessons;
mod merge_checks;
mod model_options;
// Packs with bash and tar, as the Linux and macOS archives are made.
#[cfg(unix)]
mod package;
mod params;
mod preset_errors;
mod presets_play;
mod probes;
mod projector;
mod saves;
mod schedule_bounds;
mod smaller_items;
mod test_labels;
mod ui;
mod vary_keys;
mod weight_space;
mod window_values;
