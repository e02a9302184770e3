//! The recent spikes of each neuron as bit sets, and the STDP change of pairing a new spike
//! with all of them (docs/model.md §3). The window may be as long as a movement cycle: a
//! neuron's history takes as many 64-bit words as the window needs.

/// Bits per history word.
const WORD_BITS: usize = 64;

/// Each of `n` neurons' spikes in the last `window` steps: bit k set = it spiked k + 1
/// steps ago.
///
/// Moving every history on at every step would cost a shift per live neuron per step, though
/// the histories are read only when a neuron fires. So a step only moves a clock on, and a
/// neuron's words are brought up to date (shifted by the steps since it was last touched)
/// when it is read or marked: the same bits, at a fraction of the cost. (Hence no
/// `PartialEq`: two histories holding the same spikes may store different words.)
#[derive(Clone, Debug)]
pub struct SpikeHistory {
    /// `words` words per neuron, the youngest spikes in the first word, as of the step in
    /// `stamp`.
    bits: Vec<u64>,
    /// The clock step each neuron's words are as of.
    stamp: Vec<u64>,
    /// Steps moved on so far.
    now: u64,
    /// The clock step of the last spike marked, if any since the last clear.
    last_mark: Option<u64>,
    /// Words per neuron.
    words: usize,
    /// Steps in the window.
    window: u64,
    /// The bits of the last word that lie inside the window.
    last_mask: u64,
    /// Bit i (of word i / 64) set when neuron i may have spiked within the window (cleared
    /// when a read finds its history empty). Few neurons do at any one step (a handful of
    /// detectors in view, sparse spontaneous spikes in sleep), so only these are paired: the
    /// silent majority costs nothing.
    live: Vec<u64>,
}

impl SpikeHistory {
    /// `n` silent neurons, a window of `window` steps (at least 1).
    pub fn new(n: usize, window: usize) -> Self {
        let window = window.max(1);
        let words = window.div_ceil(WORD_BITS);
        let used = window - (words - 1) * WORD_BITS;
        Self {
            bits: vec![0; n * words],
            stamp: vec![0; n],
            now: 0,
            last_mark: None,
            live: vec![0; n.div_ceil(WORD_BITS)],
            words,
            window: window as u64,
            last_mask: if used == WORD_BITS {
                u64::MAX
            } else {
                (1_u64 << used) - 1
            },
        }
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.stamp.len()
    }

    /// Whether there are no neurons.
    pub fn is_empty(&self) -> bool {
        self.stamp.is_empty()
    }

    /// The history words of neuron `i`, now.
    #[inline]
    pub fn of(&mut self, i: usize) -> &[u64] {
        self.bring_up_to_date(i);
        &self.bits[i * self.words..(i + 1) * self.words]
    }

    /// Whether neuron `i` spiked within the window.
    #[inline]
    pub fn any(&mut self, i: usize) -> bool {
        self.of(i).iter().any(|&w| w != 0)
    }

    /// Whether any neuron spiked within the window.
    #[inline]
    pub fn any_at_all(&self) -> bool {
        // The last spike marked is the youngest: it is k + 1 steps old, k = now − mark.
        self.last_mark.is_some_and(|mark| self.now - mark < self.window)
    }

    /// Calls `f` with each neuron that spiked within the window and its history words, in
    /// increasing order of neurons.
    #[inline]
    pub fn for_each_live(&mut self, mut f: impl FnMut(usize, &[u64])) {
        for wi in 0..self.live.len() {
            let mut pending = self.live[wi];
            while pending != 0 {
                let bit = pending.trailing_zeros() as usize;
                pending &= pending - 1;
                let i = wi * WORD_BITS + bit;
                if self.bring_up_to_date(i) {
                    f(i, &self.bits[i * self.words..(i + 1) * self.words]);
                } else {
                    self.live[wi] &= !(1 << bit);
                }
            }
        }
    }

    /// Forgets every spike: the clock jumps a whole window on, so that every spike so far
    /// has left the window by the next read, and no neuron's words need touching now.
    pub fn clear(&mut self) {
        self.now += self.window;
        self.live.fill(0);
        self.last_mark = None;
    }

    /// Moves every history one step on (spikes age by one step; the oldest leave the
    /// window), as of the next read.
    #[inline]
    pub fn advance(&mut self) {
        self.advance_by(1);
    }

    /// [`SpikeHistory::advance`] `steps` times.
    #[inline]
    pub fn advance_by(&mut self, steps: u64) {
        self.now += steps;
    }

    /// Shifts neuron `i`'s words by the steps since they were last brought up to date;
    /// returns whether a spike is left in them.
    #[inline]
    fn bring_up_to_date(&mut self, i: usize) -> bool {
        if self.words == 1 {
            // The usual case (a window of up to 64 steps): one word per neuron.
            let steps = self.now - self.stamp[i];
            self.stamp[i] = self.now;
            let w = &mut self.bits[i];
            if steps != 0 {
                *w = if steps >= self.window {
                    0
                } else {
                    (*w << steps) & self.last_mask
                };
            }
            return *w != 0;
        }
        self.bring_words_up_to_date(i)
    }

    /// [`SpikeHistory::bring_up_to_date`] for windows longer than one word.
    fn bring_words_up_to_date(&mut self, i: usize) -> bool {
        let steps = self.now - self.stamp[i];
        self.stamp[i] = self.now;
        let unit = &mut self.bits[i * self.words..(i + 1) * self.words];
        if steps == 0 {
            return unit.iter().any(|&w| w != 0);
        }
        if steps >= self.window {
            unit.fill(0);
            return false;
        }
        // Both fit: steps < window, whose words are in memory.
        let steps = usize::try_from(steps).unwrap_or(usize::MAX);
        let word_shift = steps / WORD_BITS;
        let bit_shift = u32::try_from(steps % WORD_BITS).unwrap_or(0);
        let last = unit.len() - 1;
        let mut left = 0;
        for k in (0..unit.len()).rev() {
            let mut w = 0;
            if k >= word_shift {
                let from = k - word_shift;
                w = unit[from] << bit_shift;
                if bit_shift > 0 && from > 0 {
                    w |= unit[from - 1] >> (u64::BITS - bit_shift);
                }
            }
            if k == last {
                w &= self.last_mask;
            }
            unit[k] = w;
            left |= w;
        }
        left != 0
    }

    /// Records that neuron `i` spiked this step (it will have spiked 1 step ago after the
    /// next [`SpikeHistory::advance`]).
    #[inline]
    pub fn mark(&mut self, i: usize) {
        self.bring_up_to_date(i);
        self.bits[i * self.words] |= 1;
        self.live[i / WORD_BITS] |= 1 << (i % WORD_BITS);
        self.last_mark = Some(self.now);
    }
}

/// Σ K·exp(−Δt/τ) over the spikes of a history, read one byte at a time from tables.
#[derive(Clone, Debug, PartialEq)]
pub struct PairTable {
    /// `bytes[b][v]`: the change of the spikes in byte value `v` at byte `b` of a history
    /// (delays 8b + 1 … 8b + 8).
    bytes: Vec<[f32; 256]>,
}

impl PairTable {
    /// The table for amplitude K, time constant τ and a window of `window` steps.
    pub fn new(amplitude: f32, tau_ms: f32, window: usize) -> Self {
        let window = window.max(1);
        let bytes = (0..window.div_ceil(8))
            .map(|b| {
                let mut table = [0.0_f32; 256];
                for (value, change) in table.iter_mut().enumerate() {
                    *change = (0..8)
                        .map(|bit| (bit, b * 8 + bit))
                        .filter(|&(bit, k)| k < window && value & (1 << bit) != 0)
                        .map(|(_, k)| {
                            let delay_ms = (k + 1) as f32;
                            amplitude * (-delay_ms / tau_ms).exp()
                        })
                        .sum();
                }
                table
            })
            .collect();
        Self { bytes }
    }

    /// The summed change of every spike in `history` (the words of one neuron).
    #[inline]
    pub fn change(&self, history: &[u64]) -> f32 {
        let first = history.first().copied().unwrap_or(0);
        // The first byte alone covers windows up to 8 steps, the usual case.
        let mut change = self.bytes[0][(first & 0xff) as usize];
        if first >> 8 == 0 && history.len() == 1 {
            return change;
        }
        for (b, table) in self.bytes.iter().enumerate().skip(1) {
            let byte = (history[b / 8] >> ((b % 8) * 8)) & 0xff;
            if byte != 0 {
                change += table[byte as usize];
            }
        }
        change
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spike_ages_one_step_per_advance_and_leaves_after_the_window() {
        for window in [1, 6, 8, 20, 64, 65, 130, 200] {
            let mut history = SpikeHistory::new(2, window);
            let table = PairTable::new(0.04, 4.0, window);
            // As in use: the history moves on, then this step's spikes are marked; a spike
            // marked now is read as 1 step old at the next step.
            history.mark(1);
            for delay in 1..=window {
                assert!(
                    history.any(1) && !history.any(0),
                    "window {window}, delay {delay}"
                );
                let expected = 0.04 * (-(delay as f32) / 4.0).exp();
                let got = table.change(history.of(1));
                assert!(
                    (got - expected).abs() <= 1e-6 * expected,
                    "window {window}, delay {delay}: {got}"
                );
                history.advance();
            }
            assert!(!history.any_at_all(), "window {window}");
        }
    }

    #[test]
    fn histories_read_after_many_quiet_steps_or_a_clear_hold_exactly_the_spikes_in_the_window() {
        for window in [6, 64, 65, 130, 200] {
            let mut history = SpikeHistory::new(3, window);
            // The steps at which neuron 1 spiked, and a pseudo-random pattern of marks
            // and (rarer) reads.
            let mut spiked: Vec<usize> = Vec::new();
            let mut state = 12_345_u64;
            for step in 0..1_000 {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                // Now and then every spike is forgotten (as at the start of a waking cycle).
                if (state >> 50).is_multiple_of(53) {
                    history.clear();
                    spiked.clear();
                }
                if (state >> 33).is_multiple_of(11) {
                    let words = history.of(1).to_vec();
                    for k in 0..words.len() * WORD_BITS {
                        let set = words[k / WORD_BITS] >> (k % WORD_BITS) & 1 == 1;
                        // Marked at step s, read at step t: bit t − s − 1 (t − s steps ago).
                        let expected = k < window && step > k && spiked.contains(&(step - k - 1));
                        assert_eq!(set, expected, "window {window}, step {step}, bit {k}");
                    }
                    let in_window = spiked.iter().any(|&s| step - s <= window);
                    assert_eq!(history.any_at_all(), in_window);
                    let mut live = Vec::new();
                    history.for_each_live(|i, _| live.push(i));
                    assert_eq!(live, if in_window { vec![1] } else { vec![] });
                }
                history.advance();
                if (state >> 40).is_multiple_of(7) {
                    history.mark(1);
                    spiked.push(step);
                }
            }
        }
    }

    #[test]
    fn a_clear_forgets_the_spikes_just_marked_and_keeps_those_marked_after_it() {
        for window in [1, 6, 64, 65, 130] {
            let mut history = SpikeHistory::new(3, window);
            history.advance();
            history.mark(0);
            history.mark(2);
            history.clear();
            assert!(
                !history.any_at_all() && !history.any(0) && !history.any(2),
                "window {window}"
            );
            let mut live = Vec::new();
            history.for_each_live(|i, _| live.push(i));
            assert!(live.is_empty(), "window {window}");
            // Read at the step it is marked: one step old, as the next step sees it.
            history.mark(2);
            assert!(
                history.any_at_all() && history.any(2) && !history.any(0),
                "window {window}"
            );
            assert_eq!(history.of(2)[0], 1, "window {window}");
        }
    }

    #[test]
    fn the_change_of_several_spikes_is_their_sum() {
        let mut history = SpikeHistory::new(1, 40);
        let table = PairTable::new(1.0, 10.0, 40);
        for step in 0..30 {
            history.advance();
            if step % 7 == 0 {
                history.mark(0);
            }
        }
        // Read at step 30: spikes of steps 0, 7, 14, 21, 28 are 30, 23, 16, 9, 2 steps old.
        let expected: f32 = [30.0_f32, 23.0, 16.0, 9.0, 2.0]
            .iter()
            .map(|d| (-d / 10.0).exp())
            .sum();
        assert!((table.change(history.of(0)) - expected).abs() < 1e-5);
    }
}
