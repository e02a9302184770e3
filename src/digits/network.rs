//! The ordinary network of docs/model.md §7: 64 pixels → a hidden ReLU layer → 10 outputs,
//! without biases (SRC reuses the weights as synapses, and a spiking neuron has no bias),
//! read out by a softmax.

use ndarray::{Array1, Array2, ArrayView1};

use super::data::{CLASSES, PIXELS};
use crate::sim::rng::SimRng;

/// The two weight matrices.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    /// Hidden × pixels: `w_hidden[[i, j]]` is the weight from pixel j to hidden unit i.
    pub w_hidden: Array2<f64>,
    /// Outputs × hidden: `w_output[[k, i]]` is the weight from hidden unit i to output k.
    pub w_output: Array2<f64>,
}

/// What one image does to the network.
#[derive(Clone, Debug, PartialEq)]
pub struct Forward {
    /// Hidden activities (ReLU, ≥ 0).
    pub hidden: Array1<f64>,
    /// Output drives before the softmax (logits).
    pub logits: Array1<f64>,
}

impl Network {
    /// A network of `hidden` units with every weight uniform in ±`initial_weight`.
    pub fn new(hidden: usize, initial_weight: f64, rng: &mut SimRng) -> Self {
        let mut draw = |_| f64::from(rng.symmetric()) * initial_weight;
        let w_hidden = Array2::from_shape_fn((hidden, PIXELS), &mut draw);
        let w_output = Array2::from_shape_fn((CLASSES, hidden), &mut draw);
        Self { w_hidden, w_output }
    }

    /// Hidden units.
    pub fn hidden_units(&self) -> usize {
        self.w_hidden.nrows()
    }

    /// The activities for `image` (pixels in 0..=1).
    pub fn forward(&self, image: &ArrayView1<'_, f64>) -> Forward {
        // Matrix × vector in ndarray is a fixed-order sum per row, so results do not
        // depend on the machine's vector instructions.
        let hidden = self.w_hidden.dot(image).mapv(|v| v.max(0.0));
        let logits = self.w_output.dot(&hidden);
        Forward { hidden, logits }
    }

    /// The digit the network answers for `image`: the largest output (the lowest digit
    /// of a tie).
    pub fn predict(&self, image: &ArrayView1<'_, f64>) -> usize {
        argmax(&self.forward(image).logits.view())
    }
}

/// Index of the largest value (the first of equals).
pub fn argmax(values: &ArrayView1<'_, f64>) -> usize {
    let mut best = 0;
    for (k, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = k;
        }
    }
    best
}

/// The softmax of `logits`: probabilities that sum to 1 (shifted by the largest logit, so
/// that no exponential overflows).
pub fn softmax(logits: &ArrayView1<'_, f64>) -> Array1<f64> {
    let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = logits.mapv(|z| (z - top).exp());
    let sum = e.sum();
    e / sum
}
