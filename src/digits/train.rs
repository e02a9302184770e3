//! Learning while awake (docs/model.md §7): softmax cross-entropy over all ten outputs,
//! minibatch SGD with momentum. Class-incremental: a task's block sees only its digits, so
//! nothing in the loss keeps the other task's answers.

use ndarray::{Array2, ArrayView1, Zip};

use super::data::Digits;
use super::network::{Network, softmax};
use super::split::shuffle;
use crate::sim::rng::SimRng;

/// How a training block learns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sgd {
    /// Step size.
    pub learning_rate: f64,
    /// Share of the previous step kept in the next (0 = plain SGD).
    pub momentum: f64,
    /// Images per step.
    pub batch_images: usize,
}

/// The velocity of each weight, kept across the steps of one training block.
struct Velocity {
    hidden: Array2<f64>,
    output: Array2<f64>,
}

/// Trains `net` for `epochs` passes over `images` (indices into `digits`), each pass in a
/// fresh random order from `rng`; returns the number of SGD steps taken.
pub fn train(
    net: &mut Network,
    digits: &Digits,
    images: &[usize],
    epochs: u32,
    sgd: Sgd,
    rng: &mut SimRng,
) -> u64 {
    // A block starts at rest: a new task is a new optimiser, as in the reference runs.
    let mut velocity = Velocity {
        hidden: Array2::zeros(net.w_hidden.raw_dim()),
        output: Array2::zeros(net.w_output.raw_dim()),
    };
    let mut order = images.to_vec();
    let mut steps = 0;
    for _ in 0..epochs {
        shuffle(&mut order, rng);
        for batch in order.chunks(sgd.batch_images.max(1)) {
            step(net, digits, batch, sgd, &mut velocity);
            steps += 1;
        }
    }
    steps
}

/// One SGD step on the mean gradient of `batch`.
fn step(net: &mut Network, digits: &Digits, batch: &[usize], sgd: Sgd, velocity: &mut Velocity) {
    let mut g_hidden = Array2::zeros(net.w_hidden.raw_dim());
    let mut g_output = Array2::zeros(net.w_output.raw_dim());
    for &i in batch {
        accumulate_gradient(
            net,
            &digits.image(i),
            digits.label(i),
            &mut g_hidden,
            &mut g_output,
        );
    }
    let scale = 1.0 / batch.len() as f64;
    for (w, v, g) in [
        (&mut net.w_hidden, &mut velocity.hidden, &g_hidden),
        (&mut net.w_output, &mut velocity.output, &g_output),
    ] {
        // v ← μ·v + g; w ← w − η·v.
        Zip::from(w).and(v).and(g).for_each(|w, v, &g| {
            *v = sgd.momentum * *v + g * scale;
            *w -= sgd.learning_rate * *v;
        });
    }
}

/// Adds one image's gradient of the cross-entropy to the sums.
fn accumulate_gradient(
    net: &Network,
    image: &ArrayView1<'_, f64>,
    label: usize,
    g_hidden: &mut Array2<f64>,
    g_output: &mut Array2<f64>,
) {
    let forward = net.forward(image);
    // ∂loss/∂logit = p − one-hot(label).
    let mut d_logits = softmax(&forward.logits.view());
    d_logits[label] -= 1.0;
    for (k, &d) in d_logits.iter().enumerate() {
        g_output.row_mut(k).scaled_add(d, &forward.hidden);
    }
    // Back through the output weights and the ReLU (no gradient where a unit was silent).
    let d_hidden = net.w_output.t().dot(&d_logits);
    for (i, (&d, &h)) in d_hidden.iter().zip(&forward.hidden).enumerate() {
        if h > 0.0 {
            g_hidden.row_mut(i).scaled_add(d, image);
        }
    }
}
