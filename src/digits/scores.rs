//! Scores on the held-out images: per digit, and per task (the share of the task's test
//! images answered right, over all ten outputs — class-incremental, so a forgotten digit
//! is answered with one of the other task's).

use super::data::CLASSES;
use super::split::DigitsTask;

/// Test images of one digit, and how many the network got right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassScore {
    /// Answered right.
    pub correct: u32,
    /// Test images of the digit.
    pub total: u32,
}

impl ClassScore {
    /// The share answered right (0 for no images).
    pub fn accuracy(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            f64::from(self.correct) / f64::from(self.total)
        }
    }
}

/// One test of every digit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigitsTest {
    /// The test's name.
    pub label: String,
    /// The run's clock when it was taken: SGD steps plus sleep steps so far.
    pub at_step: u64,
    /// Per digit 0..=9.
    pub per_class: [ClassScore; CLASSES],
}

impl DigitsTest {
    /// Right and wrong answers over the test images of `task`'s digits.
    pub fn right_wrong(&self, task: DigitsTask) -> [u64; 2] {
        let (right, total) = (0..CLASSES)
            .filter(|&c| task.has(c))
            .map(|c| self.per_class[c])
            .fold((0_u64, 0_u64), |(r, t), s| {
                (r + u64::from(s.correct), t + u64::from(s.total))
            });
        [right, total - right]
    }

    /// The share of `task`'s test images answered right.
    pub fn accuracy(&self, task: DigitsTask) -> f64 {
        let [right, wrong] = self.right_wrong(task);
        if right + wrong == 0 {
            0.0
        } else {
            right as f64 / (right + wrong) as f64
        }
    }
}
