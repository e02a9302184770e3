//! The recent spikes of each neuron as bit sets, and the STDP change of pairing a new spike
//! with all of them (SCIENCE.md §3). The window may be as long as a movement cycle: a
//! neuron's history takes as many 64-bit words as the window needs.

/// Bits per history word.
const WORD_BITS: usize = 64;

/// Each of `n` neurons' spikes in the last `window` steps: bit k set = it spiked k + 1
/// steps ago.
#[derive(Clone, Debug, PartialEq)]
pub struct SpikeHistory {
    /// `words` words per neuron, the youngest spikes in the first word.
    bits: Vec<u64>,
    /// Words per neuron.
    words: usize,
    /// The bits of the last word that lie inside the window.
    last_mask: u64,
    /// Bit i (of word i / 64) set exactly when neuron i spiked within the window. Few
    /// neurons do at any one step (a handful of detectors in view, sparse spontaneous
    /// spikes in sleep), so only these are moved on and paired: the silent majority costs
    /// nothing.
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
            live: vec![0; n.div_ceil(WORD_BITS)],
            words,
            last_mask: if used == WORD_BITS {
                u64::MAX
            } else {
                (1_u64 << used) - 1
            },
        }
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.bits.len() / self.words
    }

    /// Whether there are no neurons.
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// The history words of neuron `i`.
    #[inline]
    pub fn of(&self, i: usize) -> &[u64] {
        &self.bits[i * self.words..(i + 1) * self.words]
    }

    /// Whether neuron `i` spiked within the window.
    #[inline]
    pub fn any(&self, i: usize) -> bool {
        self.live[i / WORD_BITS] & (1 << (i % WORD_BITS)) != 0
    }

    /// Whether any neuron spiked within the window.
    #[inline]
    pub fn any_at_all(&self) -> bool {
        self.live.iter().any(|&w| w != 0)
    }

    /// The neurons that spiked within the window, in increasing order.
    #[inline]
    pub fn live(&self) -> Live<'_> {
        Live::over(&self.live)
    }

    /// Forgets every spike.
    pub fn clear(&mut self) {
        for i in Live::over(&self.live) {
            self.bits[i * self.words..(i + 1) * self.words].fill(0);
        }
        self.live.fill(0);
    }

    /// Moves every history one step on (spikes age by one step; the oldest leave the window).
    #[inline]
    pub fn advance(&mut self) {
        if self.words == 1 {
            // The usual case (a window of up to 64 steps): one word per neuron.
            let mask = self.last_mask;
            for (wi, live) in self.live.iter_mut().enumerate() {
                let mut pending = *live;
                while pending != 0 {
                    let bit = pending.trailing_zeros() as usize;
                    pending &= pending - 1;
                    let w = &mut self.bits[wi * WORD_BITS + bit];
                    *w = (*w << 1) & mask;
                    if *w == 0 {
                        *live &= !(1 << bit);
                    }
                }
            }
            return;
        }
        for wi in 0..self.live.len() {
            let mut pending = self.live[wi];
            while pending != 0 {
                let i = wi * WORD_BITS + pending.trailing_zeros() as usize;
                pending &= pending - 1;
                if !self.advance_one(i) {
                    self.live[wi] &= !(1 << (i % WORD_BITS));
                }
            }
        }
    }

    /// Moves neuron `i`'s history one step on; returns whether a spike is left in it.
    #[inline]
    fn advance_one(&mut self, i: usize) -> bool {
        let unit = &mut self.bits[i * self.words..(i + 1) * self.words];
        let last = unit.len() - 1;
        let mut carry = 0;
        let mut left = 0;
        for (k, w) in unit.iter_mut().enumerate() {
            let out = *w >> (WORD_BITS - 1);
            *w = (*w << 1) | carry;
            if k == last {
                *w &= self.last_mask;
            }
            carry = out;
            left |= *w;
        }
        left != 0
    }

    /// Records that neuron `i` spiked this step (it will have spiked 1 step ago after the
    /// next [`SpikeHistory::advance`]).
    #[inline]
    pub fn mark(&mut self, i: usize) {
        self.bits[i * self.words] |= 1;
        self.live[i / WORD_BITS] |= 1 << (i % WORD_BITS);
    }
}

/// The neurons set in a bit set of neurons, in increasing order (see [`SpikeHistory::live`]).
#[derive(Clone, Debug)]
pub struct Live<'a> {
    words: &'a [u64],
    next_word: usize,
    /// The index of bit 0 of `bits`.
    base: usize,
    /// The bits of the current word not yet visited.
    bits: u64,
}

impl<'a> Live<'a> {
    fn over(words: &'a [u64]) -> Self {
        Self {
            words,
            next_word: 0,
            base: 0,
            bits: 0,
        }
    }
}

impl Iterator for Live<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            let &word = self.words.get(self.next_word)?;
            self.base = self.next_word * WORD_BITS;
            self.bits = word;
            self.next_word += 1;
        }
        let i = self.base + self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(i)
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
