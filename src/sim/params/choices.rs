//! The model options added with the paper's full text (docs/model.md §3b): choices rather
//! than numbers, so they have no [`Spec`](super::Spec); each defaults to the first model's
//! behaviour, and a saved preset leaves it out while it keeps that default.

use serde::{Deserialize, Serialize};

/// How a reward turns the kept eligibility traces into weight changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UpdateRule {
    /// ΔW_ij = η·S·g_i·Σ_k h(a_k)·tr_k (ours, docs/model.md §3).
    #[default]
    Additive,
    /// W_ij ← W_ij·∏_k (1 + g_i·η·S·h(a_k)·tr_k) (the paper's, §3b): a synapse changes in
    /// proportion to its size, so a weakened one never quite reaches zero.
    Multiplicative,
}

/// The weight h(a) of a trace made a cycles before the reward.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TraceKernel {
    /// h ≡ 1 (ours).
    #[default]
    Flat,
    /// h(a) = 1/(a + 1): recent traces count most (paper).
    InverseAge,
}

/// How a hidden unit's waking activity is averaged into its spontaneous rate in sleep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RateAverage {
    /// Over all plastic waking so far, each cycle alike (ours): a long new task crowds out
    /// the old one's rates.
    #[default]
    AllWaking,
    /// The mean over the trained tasks of the unit's average rate in each (the paper's):
    /// each task weighs the same, however long it was trained.
    TasksEqual,
}

/// Which task's hidden units are silent in sleep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Silence {
    /// Every unit fires at its spontaneous rate.
    #[default]
    #[serde(rename = "none")]
    Nobody,
    /// Units that detect task 1's bars (food or bitter) stay silent.
    T1,
    /// Units that detect task 2's bars stay silent.
    T2,
}

/// Whether a value is its type's default: the keys added after the first model are left
/// out of a saved preset while they keep the first model's value, so such a preset saves
/// exactly as before.
pub(super) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
