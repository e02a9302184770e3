//! One digits run: the data split, the network and its random streams, driven block by
//! block (the command line) or step by step (the window). Same seed, same blocks: the same
//! bits.

use ndarray::Array1;

use super::data::{CLASSES, DataError, Digits, PIXELS};
use super::network::Network;
use super::scores::{ClassScore, DigitsTest};
use super::setup::{DigitsBlock, DigitsSetup, SleepConstants};
use super::sleep::{Sleep, SleepSpikes, layer_scales};
use super::split::{DigitsTask, Split, shuffle};
use super::train::train;
use crate::sim::rng::{SimRng, derive_seed};

/// The independent random streams of a run, so that, e.g., sleeping does not change the
/// order of later training.
mod stream {
    pub const SPLIT: u64 = 1;
    pub const INIT: u64 = 2;
    pub const TRAIN: u64 = 3;
    pub const SLEEP: u64 = 4;
    pub const REHEARSAL: u64 = 5;
}

/// A network learning the digits.
#[derive(Clone, Debug)]
pub struct DigitsRun {
    digits: &'static Digits,
    setup: DigitsSetup,
    split: Split,
    /// The network.
    pub net: Network,
    train_rng: SimRng,
    sleep_rng: SimRng,
    rehearsal_rng: SimRng,
    /// Digits trained on so far (sleep's mean image and scales come from their images).
    seen: [bool; CLASSES],
    /// SGD steps plus sleep steps so far.
    pub clock_steps: u64,
    /// A sleep in progress, kept between calls of [`DigitsRun::sleep_steps`].
    sleep: Option<Sleep>,
    /// Every test so far.
    pub tests: Vec<DigitsTest>,
}

impl DigitsRun {
    /// A fresh network for `setup` and `seed`, on the shipped digits.
    pub fn new(setup: &DigitsSetup, seed: u64) -> Result<Self, DataError> {
        let digits = Digits::shipped()?;
        let split = Split::new(
            digits,
            setup.network.test_fraction,
            &mut SimRng::new(derive_seed(seed, stream::SPLIT)),
        );
        let mut init_rng = SimRng::new(derive_seed(seed, stream::INIT));
        let net = Network::new(
            setup.network.hidden_units,
            setup.network.initial_weight,
            &mut init_rng,
        );
        Ok(Self {
            digits,
            setup: setup.clone(),
            split,
            net,
            train_rng: SimRng::new(derive_seed(seed, stream::TRAIN)),
            sleep_rng: SimRng::new(derive_seed(seed, stream::SLEEP)),
            rehearsal_rng: SimRng::new(derive_seed(seed, stream::REHEARSAL)),
            seen: [false; CLASSES],
            clock_steps: 0,
            sleep: None,
            tests: Vec::new(),
        })
    }

    /// Runs a whole schedule block; a test block's result is also kept in `tests`.
    pub fn run_block(&mut self, block: &DigitsBlock) -> Option<DigitsTest> {
        match block {
            DigitsBlock::Train {
                task,
                epochs,
                rehearsal_fraction,
            } => {
                self.train(*task, *epochs, *rehearsal_fraction);
                None
            }
            DigitsBlock::Sleep { steps } => {
                self.sleep_steps(*steps);
                self.wake();
                None
            }
            DigitsBlock::Test { label } => Some(self.test(label)),
        }
    }

    /// Trains on `task`'s digits for `epochs`, with `rehearsal_fraction` of the earlier
    /// digits' training images mixed in.
    pub fn train(&mut self, task: DigitsTask, epochs: u32, rehearsal_fraction: f64) {
        self.wake();
        let mut images = self.split.train_of(self.digits, task);
        if rehearsal_fraction > 0.0 {
            images.extend(self.stored_examples(task, rehearsal_fraction));
        }
        let steps = train(
            &mut self.net,
            self.digits,
            &images,
            epochs,
            self.setup.network.sgd(),
            &mut self.train_rng,
        );
        self.clock_steps += steps;
        for class in (0..CLASSES).filter(|&c| task.has(c)) {
            self.seen[class] = true;
        }
    }

    /// A random `fraction` of the training images of the digits seen before and not in
    /// `task`: the stored examples a rehearsal baseline replays.
    fn stored_examples(&mut self, task: DigitsTask, fraction: f64) -> Vec<usize> {
        let mut old: Vec<usize> = self
            .split
            .train
            .iter()
            .copied()
            .filter(|&i| self.seen[self.digits.label(i)] && !task.has(self.digits.label(i)))
            .collect();
        shuffle(&mut old, &mut self.rehearsal_rng);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a share (0..=1) of at most 1,797 images"
        )]
        let keep = (old.len() as f64 * fraction).round() as usize;
        old.truncate(keep);
        old
    }

    /// Sleeps `steps` more steps (starting a sleep if none is in progress) and returns the
    /// last step's spikes.
    pub fn sleep_steps(&mut self, steps: u32) -> SleepSpikes {
        let mut sleep = self.sleep.take().unwrap_or_else(|| self.fall_asleep());
        let mut last = SleepSpikes::default();
        for _ in 0..steps {
            last = sleep.step(&mut self.net, &mut self.sleep_rng);
        }
        self.clock_steps += u64::from(steps);
        self.sleep = Some(sleep);
        last
    }

    /// Sleeps from now on with `constants` (a sleep in progress ends, so the next one
    /// starts with them).
    pub fn set_sleep_constants(&mut self, constants: SleepConstants) {
        if self.setup.sleep != constants {
            self.setup.sleep = constants;
            self.wake();
        }
    }

    /// The sleep in progress, if any.
    pub fn sleeping(&self) -> Option<&Sleep> {
        self.sleep.as_ref()
    }

    /// Ends a sleep in progress (the next sleep starts afresh, from the weights as they are).
    pub fn wake(&mut self) {
        self.sleep = None;
    }

    /// A sleep set up from what the network has seen: the mean training image of the
    /// digits learned so far, and the layer scales on those images.
    fn fall_asleep(&self) -> Sleep {
        let seen: Vec<usize> = self
            .split
            .train
            .iter()
            .copied()
            .filter(|&i| self.seen[self.digits.label(i)])
            .collect();
        let mut mean_image = Array1::<f64>::zeros(PIXELS);
        for &i in &seen {
            mean_image += &self.digits.image(i);
        }
        if !seen.is_empty() {
            mean_image /= seen.len() as f64;
        }
        let scales = layer_scales(&self.net, seen.iter().map(|&i| self.digits.image(i)));
        Sleep::new(&self.net, self.setup.sleep.src(), scales, &mean_image.view())
    }

    /// Scores every digit on the held-out images, and keeps the result.
    pub fn test(&mut self, label: &str) -> DigitsTest {
        let mut per_class = [ClassScore::default(); CLASSES];
        for &i in &self.split.test {
            let class = self.digits.label(i);
            per_class[class].total += 1;
            if self.net.predict(&self.digits.image(i)) == class {
                per_class[class].correct += 1;
            }
        }
        let test = DigitsTest {
            label: label.to_owned(),
            at_step: self.clock_steps,
            per_class,
        };
        self.tests.push(test.clone());
        test
    }
}

/// Runs `setup`'s whole schedule for `seed`; returns its tests.
pub fn run_schedule(setup: &DigitsSetup, seed: u64) -> Result<Vec<DigitsTest>, DataError> {
    let mut run = DigitsRun::new(setup, seed)?;
    for block in &setup.schedule {
        run.run_block(block);
    }
    Ok(run.tests)
}
