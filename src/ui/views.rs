//! How the user set up the views: which one the scores area shows, and the choices every
//! view shares.

use super::scores;
use super::units::Unit;

/// The views of the scores area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoresView {
    /// Running scores and test results over cycles.
    OverTime,
    /// The accuracy matrix, forgetting and backward transfer.
    Scoreboard,
    /// Each synapse's weight after task-1 training against now.
    WeightFate,
    /// The weights' path between the task-1 and task-2 solution sets.
    WeightSpace,
    /// The experiment for many seeds, with and without sleep.
    ManyAnimals,
    /// A learned hidden layer's input weights, one small picture per unit (offered only
    /// when the hidden layer is learned).
    InputPictures,
}

/// How much projector mode enlarges everything.
pub const PROJECTOR_ZOOM: f32 = 1.4;

/// How the user set up the views.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Views {
    /// Which view the scores area shows.
    pub scores: ScoresView,
    /// Colour synapses by the task they serve.
    pub colour_by_task: bool,
    /// Larger text and thicker lines, for a projector.
    pub projector_mode: bool,
    /// The optional layers of the scores plot.
    pub score_layers: scores::Layers,
    /// The neuron chosen for the inspector, marked in every view.
    pub selected: Option<Unit>,
    /// The lesson panel is folded to a narrow strip (the views get its room).
    pub lesson_folded: bool,
}

impl Default for Views {
    fn default() -> Self {
        Self {
            scores: ScoresView::OverTime,
            colour_by_task: false,
            projector_mode: false,
            score_layers: scores::Layers::default(),
            selected: None,
            lesson_folded: false,
        }
    }
}
