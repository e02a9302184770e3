//! Analyses of a run that read the network's own weights and spikes and never change what
//! is simulated (docs/model.md §5–6): where the weights stand against the two tasks'
//! solution sets, how much sleep replays each task, which bar kinds drive each output, and how the final network copes when
//! hidden units are removed at test.
//!
//! Each analysis either drives its own [`Experiment`](crate::sim::schedule::Experiment)
//! with the same seed (runs are deterministic by seed), or works on copies, so a run with an
//! analysis gives the same test scores, bit for bit, as one without.

pub mod dropout;
pub mod observed;
pub mod pca;
pub mod reference;
pub mod replay;
pub mod responses;
pub mod trajectory;
pub mod weight_space;

pub use reference::{ReferenceOptions, ReferenceStart, reference_sets};
pub use weight_space::{SolutionSets, WeightPoint};
