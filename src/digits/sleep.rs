//! Sleep Replay Consolidation (Tadros, Krishnan, Ramyaa & Bazhenov 2022), as docs/model.md
//! §7 measured it: the trained weights become the synapses of integrate-and-fire layers,
//! noise at the mean training image drives the input, and each spike changes the
//! synapses onto the neuron that fired by a local rule. Sleep replays no stored image: it
//! runs on the network's own weights and noise, set up once from two summaries of the
//! training images (the mean image, and each layer's largest activation, [`layer_scales`]).

use ndarray::{Array1, Array2, ArrayView1};

use super::network::Network;
use crate::sim::rng::SimRng;

/// The sleep constants of docs/model.md §7 (the defaults are its measured setting).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SrcConstants {
    /// Simulation step, in ms.
    pub dt_ms: f64,
    /// Input rate for a pixel at full ink, in Hz: a pixel spikes with probability
    /// 2·dt·max_rate·x̄ a step (the reference code's convention).
    pub max_rate_hz: f64,
    /// α_scale: the drive of every layer, times its normalisation factor f_l.
    pub alpha_scale: f64,
    /// β_l: the firing threshold of the hidden layer and of the output layer.
    pub thresholds: [f64; 2],
    /// Share of the membrane potential kept from one step to the next.
    pub decay: f64,
    /// Increase of a synapse whose input spiked when its neuron fired (times s(w)).
    pub inc: f64,
    /// Decrease of a synapse whose input was silent when its neuron fired (times s(w)).
    pub dec: f64,
}

impl Default for SrcConstants {
    fn default() -> Self {
        Self {
            dt_ms: 1.0,
            max_rate_hz: 64.0,
            alpha_scale: 18.3,
            thresholds: [7.0, 0.35],
            decay: 0.999,
            inc: 0.033,
            dec: 0.0023,
        }
    }
}

/// The width of s(w) around 0 (the reference code's 0.001).
const S_WIDTH: f64 = 0.001;

/// s(w) = 2·(1 − σ(w / 0.001)), the reference code's steep weight factor: 2 for negative
/// weights, 1 at zero, and about 0 once a weight is a few thousandths above zero. So sleep
/// reshapes the negative and the near-zero synapses and leaves the large positive ones,
/// which carry what waking learned, nearly untouched.
pub fn weight_factor(w: f64) -> f64 {
    // 2 / (1 + e^(w/0.001)) is the same value; e^x overflows to ∞ for large w, giving 0.
    2.0 / (1.0 + (w / S_WIDTH).exp())
}

/// Spikes of one sleep step, for a raster and the replay score.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SleepSpikes {
    /// Hidden units that fired.
    pub hidden: Vec<u16>,
    /// Outputs that fired.
    pub output: Vec<u8>,
}

/// One layer of integrate-and-fire neurons during sleep.
#[derive(Clone, Debug)]
struct Layer {
    /// Membrane potential of each neuron (in units of the weights times α).
    potential: Array1<f64>,
    /// α_l: the drive of one input spike, times the weight.
    alpha: f64,
    /// β_l: the potential at which a neuron fires.
    threshold: f64,
}

/// A sleeping network: the weights being changed, both layers' potentials and the noise.
#[derive(Clone, Debug)]
pub struct Sleep {
    constants: SrcConstants,
    /// Probability that each pixel spikes in a step.
    input_probability: Array1<f64>,
    layers: [Layer; 2],
    /// Steps slept so far.
    pub steps: u64,
    /// Spikes so far: hidden units, then outputs.
    pub spike_counts: [Array1<u64>; 2],
}

impl Sleep {
    /// Prepares `net` for sleep. `layer_scales` are λ_1, λ_2: each layer's largest weight or
    /// largest ReLU output on the training data seen ([`layer_scales`]); `mean_image` is
    /// the mean training image seen (pixels in 0..=1).
    pub fn new(
        net: &Network,
        constants: SrcConstants,
        layer_scales: [f64; 2],
        mean_image: &ArrayView1<'_, f64>,
    ) -> Self {
        // The reference code's normalisation: f_1 = 1/λ_1, f_2 = λ_1/λ_2, so that each
        // layer's drive is measured against what its inputs reach while awake.
        let [l1, l2] = layer_scales.map(|l| if l > 0.0 { l } else { 1.0 });
        let factors = [1.0 / l1, l1 / l2];
        let layer = |units: usize, k: usize| Layer {
            potential: Array1::zeros(units),
            alpha: constants.alpha_scale * factors[k],
            threshold: constants.thresholds[k],
        };
        let p_scale = 2.0 * constants.dt_ms / 1000.0 * constants.max_rate_hz;
        Self {
            constants,
            input_probability: mean_image.mapv(|x| (p_scale * x).clamp(0.0, 1.0)),
            layers: [layer(net.w_hidden.nrows(), 0), layer(net.w_output.nrows(), 1)],
            steps: 0,
            spike_counts: [
                Array1::zeros(net.w_hidden.nrows()),
                Array1::zeros(net.w_output.nrows()),
            ],
        }
    }

    /// One step of sleep: noise spikes at the input, then each layer in turn integrates
    /// its inputs' spikes, fires, changes the synapses onto the neurons that fired, and
    /// resets them.
    pub fn step(&mut self, net: &mut Network, rng: &mut SimRng) -> SleepSpikes {
        let input: Vec<bool> = self
            .input_probability
            .iter()
            .map(|&p| f64::from(rng.uniform()) < p)
            .collect();
        let hidden = fire(&mut self.layers[0], &mut net.w_hidden, &input, self.constants);
        let output = fire(&mut self.layers[1], &mut net.w_output, &hidden, self.constants);
        self.steps += 1;
        let mut spikes = SleepSpikes::default();
        for (i, _) in hidden.iter().enumerate().filter(|(_, s)| **s) {
            self.spike_counts[0][i] += 1;
            spikes.hidden.push(u16::try_from(i).unwrap_or(u16::MAX));
        }
        for (k, _) in output.iter().enumerate().filter(|(_, s)| **s) {
            self.spike_counts[1][k] += 1;
            spikes.output.push(u8::try_from(k).unwrap_or(u8::MAX));
        }
        spikes
    }
}

/// One layer's step: integrate, fire, learn, reset. Returns which neurons fired.
fn fire(layer: &mut Layer, w: &mut Array2<f64>, pre: &[bool], constants: SrcConstants) -> Vec<bool> {
    let mut fired = vec![false; w.nrows()];
    for (i, mut row) in w.rows_mut().into_iter().enumerate() {
        let drive: f64 = row.iter().zip(pre).filter(|(_, s)| **s).map(|(w, _)| w).sum();
        let v = &mut layer.potential[i];
        *v = constants.decay * *v + layer.alpha * drive;
        if *v < layer.threshold {
            continue;
        }
        fired[i] = true;
        // The neuron fired: strengthen the synapses from inputs that spiked with it,
        // weaken those from inputs that stayed silent, each by s(w).
        for (w, &s) in row.iter_mut().zip(pre) {
            if s {
                *w += constants.inc * weight_factor(*w);
            } else {
                *w -= constants.dec * weight_factor(*w);
            }
        }
        *v = 0.0;
    }
    fired
}

/// λ_1, λ_2 of §7: for each layer, the larger of its largest weight and its largest ReLU
/// output over `images`.
pub fn layer_scales<'a>(net: &Network, images: impl Iterator<Item = ArrayView1<'a, f64>>) -> [f64; 2] {
    let max = |a: &Array2<f64>| a.iter().copied().fold(0.0, f64::max);
    let mut scales = [max(&net.w_hidden), max(&net.w_output)];
    for image in images {
        let forward = net.forward(&image);
        let top = |a: &Array1<f64>| a.iter().copied().fold(0.0, f64::max);
        scales[0] = scales[0].max(top(&forward.hidden));
        scales[1] = scales[1].max(top(&forward.logits));
    }
    scales
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weight_factor_spares_large_positive_weights() {
        assert_eq!(weight_factor(0.0), 1.0);
        assert!((weight_factor(-0.05) - 2.0).abs() < 1e-9);
        assert!(weight_factor(0.05) < 1e-9);
        assert_eq!(weight_factor(5.0), 0.0);
    }
}
