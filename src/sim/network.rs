//! The output layer (docs/model.md §2): eight leaky
//! integrate-and-fire neurons, one per direction of movement, driven through plastic
//! excitatory weights and balanced inhibition, with release noise and background kicks.

use super::params::NetworkParams;
use super::rng::{NEVER, SimRng};

mod synapses;
pub use synapses::Synapses;

/// Number of output neurons: one per direction of movement.
pub const N_OUTPUTS: usize = 8;

/// The move of each output, (row, column) step: N, NE, E, SE, S, SW, W, NW.
pub const DIRECTIONS: [(isize, isize); N_OUTPUTS] = [
    (-1, 0),
    (-1, 1),
    (0, 1),
    (1, 1),
    (1, 0),
    (1, -1),
    (0, -1),
    (-1, -1),
];

/// Names of the outputs' directions, in the order of [`DIRECTIONS`].
pub const DIRECTION_NAMES: [&str; N_OUTPUTS] = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];

/// A potential decayed below the smallest normal float is at rest: left to decay further, it
/// would make every later step many times slower (subnormal numbers).
#[inline]
fn at_rest_if_tiny(v: f32) -> f32 {
    if v.abs() < f32::MIN_POSITIVE { 0.0 } else { v }
}

/// The lanes that are true, as a bit set (bit j for lane j), found at once: the eight
/// bytes, each 0 or 1, read as one number and gathered into its top byte by a multiply.
#[inline]
pub(crate) fn lane_bits(lanes: [bool; N_OUTPUTS]) -> u8 {
    let bytes = u64::from_le_bytes(lanes.map(u8::from));
    // Byte j's bit lands on bit 56 + j; every other product lands on a bit of its own below
    // 56 or above 63, so nothing carries into the top byte.
    (bytes.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// The eight leaky integrate-and-fire output neurons.
#[derive(Clone, Debug, PartialEq)]
pub struct Outputs {
    /// Membrane potential, in units of the threshold, as of `idle_steps` ago (see
    /// [`Outputs::potential_now`]).
    potential: [f32; N_OUTPUTS],
    /// Quiet steps since `potential` was brought up to date: in those the potentials only
    /// leaked, which is applied when next needed rather than every step.
    idle_steps: u32,
    /// Whether input is queued for the next step.
    input_queued: bool,
    /// Whether the threshold may have changed since the last step that was not quiet.
    threshold_changed: bool,
    /// Steps left in the refractory period.
    refractory_left: [u32; N_OUTPUTS],
    /// Whether any neuron is refractory (any of `refractory_left` above 0).
    any_refractory: bool,
    /// Input collected for the next step (one step of synaptic delay).
    pending_input: [f32; N_OUTPUTS],
    decay_per_step: f32,
    /// ln(1 − background kick probability) ([`SimRng::log_no_event`]).
    log_no_kick: f32,
    /// Steps run with background kicks on: the clock of `kick_at`.
    kick_clock: u64,
    /// The step of each output's next background kick, drawn when first needed and then at
    /// each kick (one draw per kick rather than one per step: most steps have none).
    kick_at: Option<[u64; N_OUTPUTS]>,
    /// The earliest of `kick_at`.
    next_kick: u64,
}

impl Outputs {
    /// Neurons at rest.
    pub fn new(params: &NetworkParams) -> Self {
        Self {
            potential: [0.0; N_OUTPUTS],
            refractory_left: [0; N_OUTPUTS],
            any_refractory: false,
            pending_input: [0.0; N_OUTPUTS],
            idle_steps: 0,
            input_queued: false,
            threshold_changed: false,
            decay_per_step: (-1.0 / params.tau_m_ms).exp(),
            log_no_kick: SimRng::log_no_event(params.background_prob),
            kick_clock: 0,
            kick_at: None,
            next_kick: u64::MAX,
        }
    }

    /// Recomputes constants after the parameters changed (a new kick probability draws
    /// the waits afresh).
    pub fn set_params(&mut self, params: &NetworkParams) {
        // Quiet steps leak at the old rate; a new threshold may be below a potential.
        self.settle();
        self.threshold_changed = true;
        self.decay_per_step = (-1.0 / params.tau_m_ms).exp();
        let log_no_kick = SimRng::log_no_event(params.background_prob);
        if log_no_kick != self.log_no_kick {
            self.log_no_kick = log_no_kick;
            self.kick_at = None;
        }
    }

    /// Queues the synaptic events of hidden spikes for delivery at the next step. Each
    /// event's excitatory and inhibitory parts are scaled by their own release noise.
    pub fn receive(&mut self, spikes: &[u16], synapses: &Synapses, release_noise: f32, rng: &mut SimRng) {
        self.input_queued |= !spikes.is_empty();
        for &i in spikes {
            let i = usize::from(i);
            let row = synapses.row(i);
            let inhibition = synapses.inhibition(i);
            // Sixteen noise values: excitation of outputs 0–7, then their inhibition.
            let noise = rng.symmetric16();
            for j in 0..N_OUTPUTS {
                let excitation = row[j] * (1.0 + release_noise * noise[j]);
                let inhibited = inhibition * (1.0 + release_noise * noise[N_OUTPUTS + j]);
                self.pending_input[j] += excitation - inhibited;
            }
        }
    }

    /// Advances one 1 ms step: leak, the queued input, background kicks (when
    /// `background` is on, with the probability of the parameters last given to
    /// [`Outputs::new`] or [`Outputs::set_params`]), threshold. Returns a bit set of the
    /// outputs that spiked.
    #[inline]
    pub fn step(&mut self, params: &NetworkParams, background: bool, rng: &mut SimRng) -> u8 {
        let kicked = if background { self.kicks(rng) } else { 0 };
        if kicked == 0 && !self.input_queued && !self.threshold_changed && !self.any_refractory {
            // Most steps: no input and no neuron refractory, so every potential only leaks
            // and none can reach the threshold. The leak is applied when next needed.
            self.idle_steps = self.idle_steps.saturating_add(1);
            return 0;
        }
        self.busy_step(params, kicked)
    }

    /// How many of the next steps, at most `limit`, are sure to be quiet: no input queued,
    /// no neuron refractory, no threshold changed and (when `background` is on) no kick
    /// due, so that [`Outputs::step`] would only let the potentials leak and fire nothing.
    /// 0 before the first kicks are drawn.
    #[inline]
    pub fn quiet_steps(&self, background: bool, limit: usize) -> usize {
        if self.input_queued || self.threshold_changed || self.any_refractory {
            return 0;
        }
        if !background {
            return limit;
        }
        if self.kick_at.is_none() {
            return 0;
        }
        let before_kick = self.next_kick.saturating_sub(self.kick_clock);
        usize::try_from(before_kick).map_or(limit, |steps| steps.min(limit))
    }

    /// Runs `steps` steps that [`Outputs::quiet_steps`] found quiet: the same state as
    /// that many calls of [`Outputs::step`], at the cost of one.
    #[inline]
    pub fn skip_quiet(&mut self, steps: usize, background: bool) {
        let steps_u32 = u32::try_from(steps).unwrap_or(u32::MAX);
        self.idle_steps = self.idle_steps.saturating_add(steps_u32);
        if background {
            self.kick_clock += steps as u64;
        }
    }

    /// A step that is not quiet: the leak of the quiet steps before it, then this step's
    /// leak, input and kicks (`kicked`, a bit set), threshold and refractoriness. Kept out
    /// of line so that the quiet steps, the many, cost no call.
    #[inline(never)]
    fn busy_step(&mut self, params: &NetworkParams, kicked: u8) -> u8 {
        self.settle();
        self.input_queued = false;
        self.threshold_changed = false;
        // Written lane by lane without branches or early exits, all eight neurons alike, so
        // that the compiler does the eight at once with vector instructions.
        let amplitude = params.background_amplitude;
        let threshold = params.threshold;
        let refractory_ms = u32::try_from(params.refractory_ms).unwrap_or(u32::MAX);
        let mut fires = [false; N_OUTPUTS];
        for j in 0..N_OUTPUTS {
            let kick = if (kicked >> j) & 1 != 0 { amplitude } else { 0.0 };
            let v = at_rest_if_tiny(self.potential[j] * self.decay_per_step + self.pending_input[j] + kick);
            let refractory = self.refractory_left[j] > 0;
            // `&` and `|`, not `&&` and `||`: no branch in the lanes.
            #[expect(clippy::needless_bitwise_bool, reason = "branch-free lanes vectorise")]
            let fire = !refractory & (v >= threshold);
            // A refractory neuron ignores its input and stays at rest.
            self.potential[j] = if refractory | fire { 0.0 } else { v };
            self.refractory_left[j] = if fire {
                refractory_ms
            } else {
                self.refractory_left[j].saturating_sub(1)
            };
            self.pending_input[j] = 0.0;
            fires[j] = fire;
        }
        let fired = lane_bits(fires);
        self.any_refractory = self.refractory_left.iter().fold(0, |any, &left| any | left) != 0;
        fired
    }

    /// Applies the leak of the quiet steps not applied yet, one step at a time (the same
    /// arithmetic as if each had been run).
    fn settle(&mut self) {
        self.potential = self.potential_now();
        self.idle_steps = 0;
    }

    /// The membrane potentials now, in units of the threshold.
    pub fn potential_now(&self) -> [f32; N_OUTPUTS] {
        let mut potential = self.potential;
        for _ in 0..self.idle_steps {
            // All at rest: nothing left to leak. (A potential is never −0.0, which
            // `at_rest_if_tiny` turns into 0.0, so the bits say it, in one vector test.)
            if potential.iter().fold(0, |any, v| any | v.to_bits()) == 0 {
                break;
            }
            for v in &mut potential {
                *v = at_rest_if_tiny(*v * self.decay_per_step);
            }
        }
        potential
    }

    /// The outputs that get a background kick this step, as a bit set. Each output's next
    /// kick is a step of the kick clock, drawn at its last kick; most steps have none, and
    /// cost one comparison.
    #[inline]
    fn kicks(&mut self, rng: &mut SimRng) -> u8 {
        let now = self.kick_clock;
        self.kick_clock += 1;
        let log_no_kick = self.log_no_kick;
        let next = |rng: &mut SimRng| match rng.steps_before_event(log_no_kick) {
            NEVER => u64::MAX,
            wait => now + u64::from(wait),
        };
        let kick_at = match &mut self.kick_at {
            Some(kick_at) => kick_at,
            unset => {
                let kick_at = unset.insert(std::array::from_fn(|_| next(rng)));
                self.next_kick = kick_at.iter().copied().min().unwrap_or(u64::MAX);
                kick_at
            }
        };
        if now != self.next_kick {
            return 0;
        }
        let mut kicked = 0_u8;
        for (j, at) in kick_at.iter_mut().enumerate() {
            if *at == now {
                kicked |= 1 << j;
                // The next kick comes at the earliest one step later.
                *at = next(rng).saturating_add(1);
            }
        }
        self.next_kick = kick_at.iter().copied().min().unwrap_or(u64::MAX);
        kicked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lane_bits_sets_bit_j_for_each_true_lane() {
        for expected in 0..=u8::MAX {
            let lanes = std::array::from_fn(|j| expected & (1 << j) != 0);
            assert_eq!(lane_bits(lanes), expected, "{lanes:?}");
        }
    }
}
