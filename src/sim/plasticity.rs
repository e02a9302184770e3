//! Reward-modulated STDP (docs/model.md §3, §3b): spike pairs leave eligibility traces that a
//! later reward or punishment turns into weight changes, added (ours) or multiplied in (the
//! paper's), optionally weighted by age and normalised by recent trace activity; then
//! clipping, heterosynaptic normalisation and balanced inhibition.

use super::network::{N_OUTPUTS, Synapses, lane_bits};
use super::params::{PlasticityParams, TraceKernel, UpdateRule};
use super::spike_history::{PairTable, SpikeHistory};

mod strengthened;
mod trace;
pub use strengthened::Strengthened;
use trace::Trace;

/// δ: how far the running average of trace activity moves toward each reward's total (the
/// prototype's value, docs/model.md §3b).
const ACTIVITY_SMOOTHING: f32 = 0.01;

/// Spike timing and eligibility traces.
#[derive(Clone, Debug)]
pub struct Stdp {
    /// Each hidden unit's spikes within the window.
    pre_history: SpikeHistory,
    /// The same for each output neuron.
    post_history: SpikeHistory,
    /// Σ K·exp(−Δt/τ) of the spikes in a history.
    pairs: PairTable,
    /// The window the histories were made for, in steps.
    window_ms: usize,
    /// One trace per remembered cycle (a ring; `newest` is this cycle's).
    traces: Vec<Trace>,
    newest: usize,
    /// h(age) of a trace `age` cycles old.
    kernel: Vec<f32>,
    /// Scratch of a reward: h of each trace in `traces`, by its age.
    trace_h: Vec<f32>,
    /// Scratch: the rows any trace touches, and whether each row is listed.
    rows_in_use: Vec<u16>,
    row_listed: Vec<bool>,
    /// Whether the traces kept now come from sleep (which keeps its own activity average).
    asleep: bool,
    /// Running average of the kernel-weighted trace total at each reward, awake and asleep
    /// (`None` until the first reward of that state).
    activity: [Option<f32>; 2],
    /// The potentiation (sum of positive weight increments, before normalisation) of each
    /// hidden unit's synapses by the last reward: what the replay meter reads.
    pub potentiation: Vec<f32>,
    /// The rows the last reward changed (the only ones with a potentiation).
    potentiated: Vec<u16>,
    /// For each hidden unit, the outputs whose synapse from it the last reward made grow.
    grew: Vec<u8>,
}

impl Stdp {
    /// No spikes and no traces yet.
    pub fn new(n_hidden: usize, params: &PlasticityParams) -> Self {
        let cycles = params.eligibility_cycles.max(1);
        let mut stdp = Self {
            pre_history: SpikeHistory::new(n_hidden, params.stdp_window_ms),
            post_history: SpikeHistory::new(N_OUTPUTS, params.stdp_window_ms),
            pairs: PairTable::new(params.stdp_amplitude, params.stdp_tau_ms, params.stdp_window_ms),
            window_ms: params.stdp_window_ms,
            traces: vec![Trace::new(n_hidden); cycles],
            newest: 0,
            kernel: Vec::new(),
            trace_h: Vec::new(),
            rows_in_use: Vec::new(),
            row_listed: vec![false; n_hidden],
            asleep: false,
            activity: [None; 2],
            potentiation: vec![0.0; n_hidden],
            potentiated: Vec::new(),
            grew: vec![0; n_hidden],
        };
        stdp.set_params(params);
        stdp
    }

    /// Recomputes the pair table after the STDP amplitude, time constant or window changed.
    /// A changed window starts from empty histories; a changed eligibility length takes
    /// effect as a fresh set of (empty) traces.
    pub fn set_params(&mut self, params: &PlasticityParams) {
        self.pairs = PairTable::new(params.stdp_amplitude, params.stdp_tau_ms, params.stdp_window_ms);
        if params.stdp_window_ms != self.window_ms {
            self.pre_history = SpikeHistory::new(self.pre_history.len(), params.stdp_window_ms);
            self.post_history = SpikeHistory::new(N_OUTPUTS, params.stdp_window_ms);
            self.window_ms = params.stdp_window_ms;
        }
        let cycles = params.eligibility_cycles.max(1);
        if cycles != self.traces.len() {
            self.traces = vec![Trace::new(self.row_listed.len()); cycles];
            self.newest = 0;
        }
        self.kernel = (0..cycles)
            .map(|age| match params.trace_kernel {
                TraceKernel::Flat => 1.0,
                TraceKernel::InverseAge => 1.0 / (age + 1) as f32,
            })
            .collect();
    }

    /// Forgets spike timing (wake pairs spikes only within one cycle).
    pub fn clear_history(&mut self) {
        self.pre_history.clear();
        self.post_history.clear();
    }

    /// Forgets every trace (at a change between wake and sleep, so that no reward acts on
    /// spikes of the other state).
    pub fn clear_traces(&mut self) {
        for trace in &mut self.traces {
            trace.clear();
        }
    }

    /// Says whether the rewards from now on are sleep's (each state normalises by its own
    /// average activity).
    pub fn set_asleep(&mut self, asleep: bool) {
        self.asleep = asleep;
    }

    /// Records the pairs made by this step's spikes and moves the spike history on.
    /// Pre-before-post pairs add K·exp(−Δt/τ) to this cycle's trace; post-before-pre pairs
    /// subtract it. Spikes in the same step do not pair.
    #[inline]
    pub fn record_step(&mut self, hidden_spikes: &[u16], output_fired: u8) {
        if hidden_spikes.is_empty() && output_fired == 0 {
            self.skip_quiet(1);
        } else {
            self.record_spikes(hidden_spikes, output_fired);
        }
    }

    /// [`Stdp::record_step`] for a step with spikes. Kept out of line so that the steps
    /// without, the many, cost no call.
    #[inline(never)]
    fn record_spikes(&mut self, hidden_spikes: &[u16], output_fired: u8) {
        let trace = &mut self.traces[self.newest];
        // Most steps have no spike within the window of a hidden unit: then nothing pairs.
        if output_fired != 0 && self.pre_history.any_at_all() {
            // Only hidden units that spiked within the window pair (in increasing order, so
            // that the trace lists its rows as it always did).
            let pairs = &self.pairs;
            self.pre_history.for_each_live(|i, history| {
                let change = pairs.change(history);
                let row = trace.row_mut(i);
                let mut fired = output_fired;
                while fired != 0 {
                    row[fired.trailing_zeros() as usize] += change;
                    fired &= fired - 1;
                }
            });
        }
        if !hidden_spikes.is_empty() && self.post_history.any_at_all() {
            let mut post_change = [0.0_f32; N_OUTPUTS];
            for (j, change) in post_change.iter_mut().enumerate() {
                *change = self.pairs.change(self.post_history.of(j));
            }
            for &i in hidden_spikes {
                for (e, &change) in trace.row_mut(usize::from(i)).iter_mut().zip(&post_change) {
                    *e -= change;
                }
            }
        }
        self.pre_history.advance();
        for &i in hidden_spikes {
            self.pre_history.mark(usize::from(i));
        }
        self.post_history.advance();
        let mut fired = output_fired;
        while fired != 0 {
            self.post_history.mark(fired.trailing_zeros() as usize);
            fired &= fired - 1;
        }
    }

    /// Moves the spike histories on by `steps` steps without a spike (what as many calls of
    /// [`Stdp::record_step`] with no spikes would do).
    #[inline]
    pub fn skip_quiet(&mut self, steps: usize) {
        self.pre_history.advance_by(steps as u64);
        self.post_history.advance_by(steps as u64);
    }

    /// Applies a reward or punishment `reward` with learning rate `learning_rate` through
    /// every kept trace, by the rule of `params` (with g_i = min(W_i0/W_i, cap) and h the
    /// trace kernel): additive ΔW = η·S·g_i·Σ_k h(a_k)·tr_k, or multiplicative
    /// W ← W·∏_k (1 + η·S·g_i·h(a_k)·tr_k), each tr divided by the running average of the
    /// kernel-weighted trace total when activity normalisation is on. Frozen synapses keep
    /// their weight. Then clips and normalises. Returns whether
    /// any weight changed. Does not age the traces: call [`Stdp::end_cycle`] for that.
    pub fn apply_reward(
        &mut self,
        synapses: &mut Synapses,
        reward: f32,
        learning_rate: f32,
        params: &PlasticityParams,
    ) -> bool {
        if reward == 0.0 || learning_rate == 0.0 || self.traces.iter().all(|t| t.rows.is_empty()) {
            return false;
        }
        for trace in &self.traces {
            for &i in &trace.rows {
                if !self.row_listed[usize::from(i)] {
                    self.row_listed[usize::from(i)] = true;
                    self.rows_in_use.push(i);
                }
            }
        }
        let flat = params.trace_kernel == TraceKernel::Flat;
        self.weigh_traces(flat);
        let mut rate = learning_rate * reward;
        if params.activity_normalisation {
            let average = self.update_activity(ACTIVITY_SMOOTHING);
            if average > 0.0 {
                rate /= average;
            }
        }
        let w_max = params.max_weight_factor * synapses.initial_weight;
        // Only the rows of the last reward hold a potentiation.
        for &i in &self.potentiated {
            self.potentiation[usize::from(i)] = 0.0;
            self.grew[usize::from(i)] = 0;
        }
        self.potentiated.clear();
        for &i in &self.rows_in_use {
            let i = usize::from(i);
            self.row_listed[i] = false;
            let outgoing = synapses.outgoing_sum(i);
            let gain = if outgoing > 0.0 {
                (synapses.outgoing_start / outgoing).min(params.gain_cap)
            } else {
                params.gain_cap
            };
            let scale = rate * gain;
            // The factor each synapse's weight is multiplied by, or the sum added to it.
            let mut update = match params.update_rule {
                UpdateRule::Additive => [0.0_f32; N_OUTPUTS],
                UpdateRule::Multiplicative => [1.0_f32; N_OUTPUTS],
            };
            for (index, trace) in self.traces.iter().enumerate() {
                // A trace that never touched this row adds 0 or multiplies by 1: nothing.
                if !trace.touches(i) {
                    continue;
                }
                let h = self.trace_h[index];
                let change = &trace.change[i];
                match params.update_rule {
                    // h = 1 is left out, so that the flat kernel sums exactly as it always did.
                    UpdateRule::Additive if flat => update.iter_mut().zip(change).for_each(|(u, e)| *u += e),
                    UpdateRule::Additive => update.iter_mut().zip(change).for_each(|(u, e)| *u += h * e),
                    UpdateRule::Multiplicative => update
                        .iter_mut()
                        .zip(change)
                        .for_each(|(u, e)| *u *= (1.0 + scale * h * e).max(0.0)),
                }
            }
            let frozen = synapses.frozen_row(i).copied().unwrap_or([false; N_OUTPUTS]);
            let mut row = synapses.row(i);
            let change = updated_row(params.update_rule, &mut row, &update, scale, frozen);
            let mut grown = 0.0;
            for delta in change {
                grown += delta.max(0.0);
            }
            self.grew[i] |= lane_bits(change.map(|delta| delta > 0.0));
            synapses.set_row(i, row, w_max);
            self.potentiation[i] = grown;
        }
        self.potentiated.append(&mut self.rows_in_use);
        synapses.normalise(w_max);
        true
    }

    /// The hidden units whose synapses the last reward changed, in increasing order, each
    /// with its [`Stdp::potentiation`] (every other unit's is 0).
    pub fn potentiated_units(&mut self) -> impl Iterator<Item = (usize, f32)> + '_ {
        // Sorted only when asked (the replay meter, in sleep), not at every reward.
        self.potentiated.sort_unstable();
        self.potentiated
            .iter()
            .map(|&i| (usize::from(i), self.potentiation[usize::from(i)]))
    }

    /// The synapses the last reward strengthened (see [`Strengthened`]).
    pub fn strengthened(&self) -> Strengthened<'_> {
        Strengthened {
            rows: &self.potentiated,
            outputs: &self.grew,
        }
    }

    /// Sets `trace_h`: h(age) of each kept trace, by its place in the ring (1 for the flat
    /// kernel).
    fn weigh_traces(&mut self, flat: bool) {
        let len = self.traces.len();
        self.trace_h.clear();
        for index in 0..len {
            let age = (self.newest + len - index) % len;
            self.trace_h.push(if flat { 1.0 } else { self.kernel[age] });
        }
    }

    /// Moves this state's running average of the kernel-weighted trace total (|tr| summed
    /// over the synapses of the listed rows) toward this reward's total; returns it.
    fn update_activity(&mut self, smoothing: f32) -> f32 {
        let mut total = 0.0_f32;
        for (index, trace) in self.traces.iter().enumerate() {
            let h = self.trace_h[index];
            let sum: f32 = trace
                .rows
                .iter()
                .map(|&i| trace.change[usize::from(i)].iter().map(|e| e.abs()).sum::<f32>())
                .sum();
            total += h * sum;
        }
        let average = &mut self.activity[usize::from(self.asleep)];
        let next = match *average {
            None => total,
            Some(a) => a + (total - a) * smoothing,
        };
        *average = Some(next);
        next
    }

    /// Ends a cycle: the oldest trace expires and becomes the next cycle's empty trace.
    pub fn end_cycle(&mut self) {
        let len = self.traces.len();
        self.newest = (self.newest + 1) % len;
        self.traces[self.newest].clear();
    }

    /// The summed eligibility of synapse (i, j) over all kept traces (for tests and views).
    pub fn eligibility(&self, hidden: usize, output: usize) -> f32 {
        self.traces.iter().map(|t| t.change[hidden][output]).sum()
    }
}

/// A row's weights after a reward (`row`, changed in place): each multiplied by its factor
/// in `update`, or `scale` times it added, by `rule`; frozen synapses keep theirs. Returns
/// each synapse's change (0 for frozen ones). Lane by lane without branches, and the rule
/// decided outside the lanes, so that the eight synapses go at once.
#[inline]
fn updated_row(
    rule: UpdateRule,
    row: &mut [f32; N_OUTPUTS],
    update: &[f32; N_OUTPUTS],
    scale: f32,
    frozen: [bool; N_OUTPUTS],
) -> [f32; N_OUTPUTS] {
    let mut change = [0.0_f32; N_OUTPUTS];
    match rule {
        UpdateRule::Additive => {
            for j in 0..N_OUTPUTS {
                let delta = scale * update[j];
                change[j] = if frozen[j] { 0.0 } else { delta };
                row[j] = if frozen[j] { row[j] } else { row[j] + delta };
            }
        }
        // Most runs freeze nothing: then no lane needs the select.
        UpdateRule::Multiplicative if frozen == [false; N_OUTPUTS] => {
            for j in 0..N_OUTPUTS {
                let next = row[j] * update[j];
                change[j] = next - row[j];
                row[j] = next;
            }
        }
        UpdateRule::Multiplicative => {
            for j in 0..N_OUTPUTS {
                let next = row[j] * update[j];
                change[j] = if frozen[j] { 0.0 } else { next - row[j] };
                row[j] = if frozen[j] { row[j] } else { next };
            }
        }
    }
    change
}

#[cfg(test)]
mod tests;
