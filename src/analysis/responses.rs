//! Each output's responsiveness to each bar kind (after Golden et al. 2022, S3): how
//! strongly a bar of that kind, anywhere in view, drives the output. A bar drives an output
//! only through the hidden units that detect it, so the drive is read from the weights: the
//! mean weight from the units that detect the kind to the output. The paper finds that after
//! sleep-interleaved training an output responds to both tasks' food bars, through two sets
//! of hidden units; after sequential training only to the last task's.

use serde::Serialize;

use crate::sim::Simulation;
use crate::sim::network::N_OUTPUTS;
use crate::sim::world::BarKind;

/// An output "responds" to a kind whose drive is at least this share of its strongest
/// kind's.
pub const RESPONDS_SHARE: f64 = 0.5;

/// Each output's drive from each bar kind: `drive[output][kind]`, kinds in the order of
/// [`BarKind::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Responses {
    /// The mean weight from the hidden units detecting each kind to each output (0 for a
    /// kind no unit detects).
    pub drive: [[f64; 4]; N_OUTPUTS],
}

impl Responses {
    /// The responses of `sim`'s network now. Units that detect no single kind (a learned
    /// layer's unselective units) are left out.
    pub fn of(sim: &Simulation) -> Self {
        let weights = sim.synapses.weights();
        let mut sum = [[0.0_f64; 4]; N_OUTPUTS];
        let mut units = [0_usize; 4];
        for unit in 0..sim.hidden.len() {
            let Some(kind) = sim.hidden.kind_of(unit) else {
                continue;
            };
            units[kind.index()] += 1;
            for (output, row) in sum.iter_mut().enumerate() {
                row[kind.index()] += f64::from(weights[[unit, output]]);
            }
        }
        let drive = sum.map(|row| {
            let mut mean = [0.0; 4];
            for (k, m) in mean.iter_mut().enumerate() {
                *m = if units[k] == 0 {
                    0.0
                } else {
                    row[k] / units[k] as f64
                };
            }
            mean
        });
        Self { drive }
    }

    /// The kinds `output` responds to: drive at least [`RESPONDS_SHARE`] of its strongest.
    pub fn responds_to(&self, output: usize) -> Vec<BarKind> {
        let row = self.drive[output];
        let strongest = row.iter().copied().fold(0.0, f64::max);
        BarKind::ALL
            .into_iter()
            .filter(|k| strongest > 0.0 && row[k.index()] >= RESPONDS_SHARE * strongest)
            .collect()
    }

    /// Outputs that respond to both tasks' food bars.
    pub fn outputs_responding_to_both_foods(&self) -> usize {
        (0..N_OUTPUTS)
            .filter(|&o| {
                let kinds = self.responds_to(o);
                kinds.contains(&BarKind::Horizontal) && kinds.contains(&BarKind::Vertical)
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_responds_to_kinds_within_half_of_its_strongest() {
        let mut r = Responses::default();
        r.drive[0] = [0.4, 0.3, 0.1, 0.0];
        r.drive[1] = [0.4, 0.0, 0.0, 0.0];
        assert_eq!(r.responds_to(0), vec![BarKind::Horizontal, BarKind::Vertical]);
        assert_eq!(r.responds_to(1), vec![BarKind::Horizontal]);
        assert!(r.responds_to(2).is_empty(), "no drive, no response");
        assert_eq!(r.outputs_responding_to_both_foods(), 1);
    }

    #[test]
    fn a_naive_network_drives_every_output_equally_from_every_kind() {
        let params = crate::sim::Params::default();
        let sim = Simulation::new(params, 1);
        let r = Responses::of(&sim);
        let first = r.drive[0][0];
        assert!(first > 0.0);
        assert!(r.drive.iter().flatten().all(|&d| (d - first).abs() < 1e-9));
    }
}
