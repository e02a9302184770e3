//! The one random-number generator of a simulation: a portable, seeded algorithm
//! (xoshiro256++), so a saved seed reproduces a run bit for bit on every machine and
//! every future version of the `rand` crate.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng as _, SeedableRng};

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

    /// The integer threshold `t` for which [`SimRng::below_threshold`]`(t)` is exactly
    /// [`SimRng::chance`]`(p)`: `uniform()` is k / 2^24 for a whole k, and k / 2^24 < p
    /// exactly when k < ceil(p · 2^24) (scaling by a power of two is exact).
    pub fn threshold(p: f32) -> u32 {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "p is clamped to 0..=1, so the threshold is at most 2^24"
        )]
        let t = (p.clamp(0.0, 1.0) * 16_777_216.0).ceil() as u32;
        t
    }

    /// The same draw as [`SimRng::chance`], against a precomputed [`SimRng::threshold`]
    /// (no float work in the sleep loop's 3,000 draws a cycle).
    #[inline]
    pub fn below_threshold(&mut self, threshold: u32) -> bool {
        // The top 24 bits of a u64 fit a u32.
        ((self.0.next_u64() >> 40) as u32) < threshold
    }

    /// A uniform number in [-1, 1).
    #[inline]
    pub fn symmetric(&mut self) -> f32 {
        self.uniform() * 2.0 - 1.0
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
    fn threshold_draws_equal_float_draws() {
        for p in [0.0, 1e-9, 0.003, 0.1234, 0.5, 0.999_999, 1.0] {
            let (mut a, mut b) = (SimRng::new(9), SimRng::new(9));
            let t = SimRng::threshold(p);
            for _ in 0..10_000 {
                assert_eq!(a.chance(p), b.below_threshold(t), "p = {p}");
            }
        }
    }
}
