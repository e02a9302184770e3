//! The two tasks of docs/model.md §7 (digits 0–4, then 5–9) and each seed's split of the
//! images into a training part (70 %) and a held-out test part (30 %).

use serde::{Deserialize, Serialize};

use super::data::{CLASSES, Digits};
use crate::sim::rng::SimRng;

/// Which digits a block trains on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DigitsTask {
    /// Task A: digits 0–4.
    A,
    /// Task B: digits 5–9.
    B,
    /// All ten digits at once (joint training, the ceiling sequential learning aims at).
    Both,
}

impl DigitsTask {
    /// The two tasks scored after every test, in the order of the headless report.
    pub const SCORED: [Self; 2] = [Self::A, Self::B];

    /// Whether digit `class` belongs to the task.
    pub fn has(self, class: usize) -> bool {
        match self {
            Self::A => class < CLASSES / 2,
            Self::B => (CLASSES / 2..CLASSES).contains(&class),
            Self::Both => class < CLASSES,
        }
    }
}

/// Indices of the images of each part, in the set's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Images to learn from.
    pub train: Vec<usize>,
    /// Held-out images to score on.
    pub test: Vec<usize>,
}

impl Split {
    /// `test_fraction` of each digit's images (rounded) held out, chosen at random by
    /// `rng`; split per digit, so that both parts have every digit in its share.
    pub fn new(digits: &Digits, test_fraction: f64, rng: &mut SimRng) -> Self {
        let mut train = Vec::new();
        let mut test = Vec::new();
        for class in 0..CLASSES {
            let mut mine: Vec<usize> = (0..digits.len()).filter(|&i| digits.label(i) == class).collect();
            shuffle(&mut mine, rng);
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a count of at most a few hundred images, and the fraction is in 0..1"
            )]
            let held_out = (mine.len() as f64 * test_fraction).round() as usize;
            test.extend_from_slice(&mine[..held_out]);
            train.extend_from_slice(&mine[held_out..]);
        }
        train.sort_unstable();
        test.sort_unstable();
        Self { train, test }
    }

    /// The training images of `task`'s digits.
    pub fn train_of(&self, digits: &Digits, task: DigitsTask) -> Vec<usize> {
        self.train
            .iter()
            .copied()
            .filter(|&i| task.has(digits.label(i)))
            .collect()
    }
}

/// Puts `items` in a random order (Fisher–Yates), every order equally likely.
pub fn shuffle(items: &mut [usize], rng: &mut SimRng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_holds_out_thirty_percent_of_every_digit() {
        let digits = Digits::shipped().unwrap();
        let split = Split::new(digits, 0.3, &mut SimRng::new(6));
        assert_eq!(split.train.len() + split.test.len(), digits.len());
        assert!(split.train.iter().all(|i| !split.test.contains(i)));
        for class in 0..CLASSES {
            let held = split.test.iter().filter(|&&i| digits.label(i) == class).count();
            let all = (0..digits.len()).filter(|&i| digits.label(i) == class).count();
            assert!(
                (held as f64 - all as f64 * 0.3).abs() <= 0.5,
                "digit {class}: {held} of {all}"
            );
        }
        let a = split.train_of(digits, DigitsTask::A);
        assert!(a.iter().all(|&i| digits.label(i) < 5));
    }
}
