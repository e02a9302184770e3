//! The one random-number generator of a simulation: a portable, seeded algorithm
//! (xoshiro256++), so a saved seed reproduces a run bit for bit on every machine and
//! every future version of the `rand` crate.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng as _, SeedableRng};

/// What [`SimRng::steps_before_event`] gives for an event that never comes.
pub const NEVER: u32 = u32::MAX;

/// A seeded random stream with the few draws the model needs.
#[derive(Clone, Debug)]
pub struct SimRng(Xoshiro256PlusPlus);

impl SimRng {
    /// A stream from a 64-bit seed.
    pub fn new(seed: u64) -> Self {
        Self(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    /// A uniform number in [0, 1) with 24 bits of resolution.
    #[inline]
    pub fn uniform(&mut self) -> f32 {
        // The top 24 bits fit an f32 mantissa exactly, so the conversion is exact.
        let x = (self.0.next_u64() >> 40) as f32;
        x * (1.0 / 16_777_216.0)
    }

    /// A uniform number in [-1, 1).
    #[inline]
    pub fn symmetric(&mut self) -> f32 {
        self.uniform() * 2.0 - 1.0
    }

    /// Sixteen uniform numbers in [-1, 1), each with 16 bits of resolution, four from each
    /// of four draws (the lowest 16 bits of a draw first): release noise needs sixteen a
    /// spike, and far less than 24 bits of each.
    #[inline]
    pub fn symmetric16(&mut self) -> [f32; 16] {
        let draws: [u64; 4] = std::array::from_fn(|_| self.0.next_u64());
        // The quarters first, then all sixteen converted alike, so that they go at once.
        let quarters: [i32; 16] = std::array::from_fn(|k| ((draws[k / 4] >> (16 * (k % 4))) & 0xffff) as i32);
        // Each quarter k becomes k / 32768 − 1 (exact in an f32).
        quarters.map(|k| k as f32 * (1.0 / 32_768.0) - 1.0)
    }

    /// ln(1 − p), what [`SimRng::steps_before_event`] takes for an event of probability `p`
    /// per step (−∞ for p ≥ 1; 0, "never", for p ≤ 0).
    pub fn log_no_event(p: f32) -> f32 {
        // Computed in f64 so that small p keep their precision.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a log probability, well within f32"
        )]
        let log = (-f64::from(p.clamp(0.0, 1.0))).ln_1p() as f32;
        log
    }

    /// The number of steps without an event before the next one, for independent events of
    /// probability p per step, given ln(1 − p) ([`SimRng::log_no_event`]): a geometric
    /// number, floor(ln U / ln(1 − p)) for U uniform in (0, 1]. One draw stands for all the
    /// eventless steps, where a draw per step would cost one each. [`NEVER`] when p = 0.
    #[inline]
    pub fn steps_before_event(&mut self, log_no_event: f32) -> u32 {
        if log_no_event == 0.0 {
            return NEVER;
        }
        // (k + 1) / 2^24 for a 24-bit k: uniform in (0, 1], never 0, so its log is finite.
        let u = ((self.0.next_u64() >> 40) as f32 + 1.0) * (1.0 / 16_777_216.0);
        // Both logs are ≤ 0, so the ratio is ≥ 0 and the cast (which saturates at
        // u32::MAX = NEVER) rounds it down.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a non-negative count, saturated at NEVER"
        )]
        let steps = (u.ln() / log_no_event) as u32;
        steps
    }

    /// True with probability `p` (p ≤ 0 never, p ≥ 1 always).
    #[inline]
    pub fn chance(&mut self, p: f32) -> bool {
        self.uniform() < p
    }

    /// A uniform integer in 0..n (n > 0), without modulo bias worth noticing for the
    /// small n the model uses (Lemire's multiply-shift).
    #[inline]
    pub fn below(&mut self, n: usize) -> usize {
        let x = self.0.next_u32();
        // A 32-bit fraction of n is below n.
        ((u64::from(x) * n as u64) >> 32) as usize
    }

    /// A fresh 64-bit value, for deriving the seeds of independent streams.
    pub fn next_seed(&mut self) -> u64 {
        self.0.next_u64()
    }
}

/// Mixes a seed with a stream number into an independent seed (SplitMix64 finaliser), so
/// that, e.g., test blocks draw from their own stream and do not perturb training.
pub fn derive_seed(seed: u64, stream: u64) -> u64 {
    let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_between_events_have_the_per_step_probability() {
        for p in [0.002_f32, 0.03, 0.5, 0.9] {
            let mut rng = SimRng::new(3);
            let log = SimRng::log_no_event(p);
            let events = 100_000_u64;
            let steps: u64 = (0..events)
                .map(|_| u64::from(rng.steps_before_event(log)) + 1)
                .sum();
            let measured = events as f64 / steps as f64;
            // Within 1.5 % of p: far more than 4 standard errors at these counts.
            assert!(
                (measured - f64::from(p)).abs() < 0.015 * f64::from(p),
                "p = {p}: {measured}"
            );
        }
        let mut rng = SimRng::new(3);
        assert_eq!(rng.steps_before_event(SimRng::log_no_event(0.0)), NEVER);
        assert_eq!(rng.steps_before_event(SimRng::log_no_event(1.0)), 0);
    }

    #[test]
    fn sixteen_symmetric_numbers_cover_their_range_evenly() {
        let mut rng = SimRng::new(4);
        let values: Vec<f32> = (0..6_250).flat_map(|_| rng.symmetric16()).collect();
        assert!(values.iter().all(|v| (-1.0..1.0).contains(v)));
        let mean = values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64;
        let below_half = values.iter().filter(|&&v| v < -0.5).count() as f64 / values.len() as f64;
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((below_half - 0.25).abs() < 0.01, "share below −0.5: {below_half}");
    }
}
