//! A learned layer's input weights for the window: a new snapshot only when they changed
//! (in development, and once when it ends, as the freeze reads each unit's preference),
//! looked at no more often than every [`INPUT_WEIGHTS_INTERVAL`], so a run sends a few a
//! second at most, never one per cycle. Looking only reads the layer: no random number is
//! drawn and nothing in the simulation changes, so a run is the same watched or not.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::sim::Simulation;
use crate::sim::world::BarKind;

use super::protocol::InputWeights;

/// The least time between two looks at a learned layer's input weights.
pub const INPUT_WEIGHTS_INTERVAL: Duration = Duration::from_millis(250);

/// What the thread keeps of a learned layer's input weights between frames.
#[derive(Clone, Debug, Default)]
pub(super) struct InputWatch {
    /// The latest snapshot (`None` for a detector layer).
    latest: Option<Arc<InputWeights>>,
    /// Whether cycles ran since the last look.
    stale: bool,
    /// When the layer was last looked at.
    last_look: Option<Instant>,
}

impl InputWatch {
    /// Watches `sim`'s hidden layer, starting with a snapshot of it if it is learned.
    pub(super) fn new(sim: &Simulation) -> Self {
        Self {
            latest: sim
                .hidden
                .learned()
                .map(|layer| Arc::new(InputWeights::of(layer, sim.cycle))),
            stale: false,
            last_look: Some(Instant::now()),
        }
    }

    /// Notes that a cycle ran (a learned layer's weights may have changed).
    pub(super) fn cycle_ran(&mut self) {
        self.stale = self.latest.is_some();
    }

    /// Whether a look is due at `now`: cycles ran since the last, which is long enough ago.
    pub(super) fn due(&self, now: Instant) -> bool {
        self.stale
            && self
                .last_look
                .is_none_or(|last| now.saturating_duration_since(last) >= INPUT_WEIGHTS_INTERVAL)
    }

    /// Looks at `sim`'s layer if a look is due at `now`, and keeps a new snapshot if the
    /// weights or preferences changed; returns it then.
    pub(super) fn look(&mut self, sim: &Simulation, now: Instant) -> Option<Arc<InputWeights>> {
        if !self.due(now) {
            return None;
        }
        self.stale = false;
        self.last_look = Some(now);
        let layer = sim.hidden.learned()?;
        let fresh = InputWeights::of(layer, sim.cycle);
        if self.latest.as_deref().is_some_and(|old| old.same_as(&fresh)) {
            return None;
        }
        let fresh = Arc::new(fresh);
        self.latest = Some(Arc::clone(&fresh));
        Some(fresh)
    }

    /// The latest snapshot (`None` for a detector layer).
    pub(super) fn latest(&self) -> Option<Arc<InputWeights>> {
        self.latest.clone()
    }
}

/// Each hidden unit's bar kind and view footprint, shared with every frame (fixed for a
/// run, but for a learned layer's kinds, read again when its development ends).
pub(super) type HiddenLayout = (Arc<[Option<BarKind>]>, Arc<[Vec<(usize, usize)>]>);

/// The layout of `sim`'s hidden layer as it stands.
pub(super) fn hidden_layout(sim: &Simulation) -> HiddenLayout {
    let n = sim.hidden.len();
    (
        (0..n).map(|i| sim.hidden.kind_of(i)).collect(),
        (0..n).map(|i| sim.hidden.footprint(i)).collect(),
    )
}
