//! The file actions the window offers: what each reads or writes, and its words.

/// Something the user wants to do with a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Open a preset.
    OpenPreset,
    /// Save the experiment as a preset.
    SavePreset,
    /// Export the score series and test results as CSV.
    ExportScores,
    /// Export the hidden→output weights as CSV.
    ExportWeights,
    /// Save a PNG picture of the window.
    Screenshot,
    /// Export the Many animals table as CSV (offered by its panel, not the File menu).
    ExportAnimals,
    /// Save a PNG picture of the Many animals plot (offered by its panel).
    SaveAnimalsPlot,
}

impl FileAction {
    /// Every file action, in the order of the File menu.
    pub const ALL: [FileAction; 5] = [
        FileAction::OpenPreset,
        FileAction::SavePreset,
        FileAction::ExportScores,
        FileAction::ExportWeights,
        FileAction::Screenshot,
    ];

    /// The words of the action, for titles and messages.
    pub fn title(self) -> &'static str {
        match self {
            FileAction::OpenPreset => "Open preset",
            FileAction::SavePreset => "Save preset",
            FileAction::ExportScores => "Export scores (CSV)",
            FileAction::ExportWeights => "Export weights (CSV)",
            FileAction::Screenshot => "Save screenshot",
            FileAction::ExportAnimals => "Export the animals' table (CSV)",
            FileAction::SaveAnimalsPlot => "Save the animals' plot (PNG)",
        }
    }

    /// The file extension it reads or writes.
    pub fn extension(self) -> &'static str {
        match self {
            FileAction::OpenPreset | FileAction::SavePreset => "toml",
            FileAction::ExportScores | FileAction::ExportWeights | FileAction::ExportAnimals => "csv",
            FileAction::Screenshot | FileAction::SaveAnimalsPlot => "png",
        }
    }

    /// A file name to start from.
    pub fn default_name(self) -> &'static str {
        match self {
            FileAction::OpenPreset | FileAction::SavePreset => "experiment.toml",
            FileAction::ExportScores => "scores.csv",
            FileAction::ExportWeights => "weights.csv",
            FileAction::Screenshot => "sleeplab.png",
            FileAction::ExportAnimals => "animals.csv",
            FileAction::SaveAnimalsPlot => "animals.png",
        }
    }
}
