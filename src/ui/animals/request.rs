//! What the Many animals panel asks the window for: a batch to start, or to stop.

use super::sweep::SweepPlan;

/// What a batch runs: seeds per condition and, in a sweep, what it varies.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Seeds per condition (and value), from the experiment's seed on.
    pub seeds: u64,
    /// The sweep, if the batch is one.
    pub sweep: Option<SweepPlan>,
}

/// What the panel asks the window for.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Run the experiment as it stands as the plan says, with and without sleep.
    Start(Plan),
    /// Stop the batch running.
    Cancel,
}
