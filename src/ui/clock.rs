//! The window's own speed: frames per second over the last second, and the measurement
//! of `sleeplab window --bench`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Counts the window's frames.
#[derive(Clone, Debug, Default)]
pub struct FrameClock {
    times: VecDeque<Instant>,
    /// Frames shown since the window opened.
    pub shown: u64,
}

impl FrameClock {
    /// Counts one frame, now.
    pub fn tick(&mut self) {
        let now = Instant::now();
        self.times.push_back(now);
        while self
            .times
            .front()
            .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(1))
        {
            self.times.pop_front();
        }
        self.shown += 1;
    }

    /// Frames per second of the window, over the last second.
    pub fn fps(&self) -> f64 {
        match (self.times.front(), self.times.back()) {
            (Some(first), Some(last)) if self.times.len() > 1 => {
                let secs = last.duration_since(*first).as_secs_f64();
                if secs > 0.0 {
                    (self.times.len() - 1) as f64 / secs
                } else {
                    0.0
                }
            }
            _ => 0.0,
        }
    }
}

/// A running measurement of the window's speed (`sleeplab window --bench`): one second of
/// warm-up, then `secs` seconds measured.
#[derive(Clone, Debug)]
pub struct WindowBench {
    secs: f64,
    started: Instant,
    /// Start of the measured stretch: time, cycle and frames shown.
    from: Option<(Instant, u64, u64)>,
}

/// What the bench measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BenchResult {
    /// Waking cycles per second the simulation ran while the window drew.
    pub cycles_hz: f64,
    /// Frames per second the window drew.
    pub fps: f64,
}

impl WindowBench {
    /// A measurement of `secs` seconds, starting now.
    pub fn new(secs: f64) -> Self {
        Self {
            secs,
            started: Instant::now(),
            from: None,
        }
    }

    /// Looks at the clock; the result once the measured stretch is over.
    pub fn tick(&mut self, cycle: u64, frames_shown: u64) -> Option<BenchResult> {
        if self.from.is_none() && self.started.elapsed() >= Duration::from_secs(1) {
            self.from = Some((Instant::now(), cycle, frames_shown));
        }
        let (since, first_cycle, first_frame) = self.from?;
        let secs = since.elapsed().as_secs_f64();
        (secs >= self.secs).then(|| BenchResult {
            cycles_hz: cycle.saturating_sub(first_cycle) as f64 / secs,
            fps: frames_shown.saturating_sub(first_frame) as f64 / secs,
        })
    }
}
