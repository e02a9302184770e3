//! The window's own speed: frames per second over the last second, how long to wait
//! between frames while the simulation runs, and the measurement of `sleeplab window
//! --bench`.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The shortest wait between two frames that the simulation asks for: at most about 30
/// frames per second. Input (the mouse, keys) still repaints at once.
pub const FRAME_INTERVAL: Duration = Duration::from_millis(33);

/// The longest wait between two frames while the simulation runs, so the window never
/// looks stuck however slowly it draws.
pub const SLOWEST_FRAME_INTERVAL: Duration = Duration::from_millis(500);

/// The wait between frames while the simulation runs, for a frame that took `frame_secs`
/// to draw: at least [`FRAME_INTERVAL`], and at least as long as the frame took, so the
/// window draws at most half of the time (under software rendering every frame takes CPU
/// the simulation needs); never more than [`SLOWEST_FRAME_INTERVAL`]. Paused, the
/// shortest wait.
pub fn frame_interval(running: bool, frame_secs: Option<f32>) -> Duration {
    let drawing = frame_secs
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(Duration::ZERO, |s| Duration::from_secs_f32(s.min(10.0)));
    if running {
        drawing.clamp(FRAME_INTERVAL, SLOWEST_FRAME_INTERVAL)
    } else {
        FRAME_INTERVAL
    }
}

/// The wait between frames in force, shared by the window and the simulation thread's
/// waker. While the simulation runs the window asks for its own next frame (after the
/// wait) and the waker asks for none: a waker asking after each of the simulation's
/// frames would bring the next one on as soon as a slow frame ends.
#[derive(Clone, Debug)]
pub struct FramePacer(Arc<(AtomicU64, AtomicBool)>);

impl Default for FramePacer {
    fn default() -> Self {
        Self(Arc::new((
            AtomicU64::new(micros(FRAME_INTERVAL)),
            AtomicBool::new(false),
        )))
    }
}

impl FramePacer {
    /// The wait between frames in force.
    pub fn interval(&self) -> Duration {
        Duration::from_micros(self.0.0.load(Ordering::Relaxed))
    }

    /// The wait after which the waker asks for a frame: none while the window paces
    /// itself (the simulation runs).
    pub fn waker_wait(&self) -> Option<Duration> {
        (!self.0.1.load(Ordering::Relaxed)).then(|| self.interval())
    }

    /// Sets the wait from whether the simulation runs and how long the last frame took.
    pub fn update(&self, running: bool, frame_secs: Option<f32>) {
        self.0
            .0
            .store(micros(frame_interval(running, frame_secs)), Ordering::Relaxed);
        self.0.1.store(running, Ordering::Relaxed);
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Counts the window's frames and paces them.
#[derive(Clone, Debug, Default)]
pub struct FrameClock {
    times: VecDeque<Instant>,
    /// Frames shown since the window opened.
    pub shown: u64,
    /// The wait between frames in force.
    pub pacer: FramePacer,
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

    /// How long the last frame took to draw, as far as the window can tell: the time since
    /// it started, less the wait asked for after it, or eframe's figure (`cpu_secs`) if
    /// larger. A software renderer draws while the frame is handed over, which eframe's
    /// figure leaves out as time spent waiting for the screen.
    pub fn last_drawing_secs(&self, cpu_secs: Option<f32>) -> Option<f32> {
        let since = self.times.back()?.elapsed().saturating_sub(self.pacer.interval());
        Some(since.as_secs_f32().max(cpu_secs.unwrap_or(0.0)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_window_draws_at_most_half_the_time_and_at_most_30_frames_a_second() {
        assert_eq!(frame_interval(true, Some(0.002)), FRAME_INTERVAL);
        assert_eq!(frame_interval(true, None), FRAME_INTERVAL);
        assert_eq!(frame_interval(true, Some(0.12)), Duration::from_secs_f32(0.12));
        assert_eq!(frame_interval(true, Some(3.0)), SLOWEST_FRAME_INTERVAL);
        assert_eq!(frame_interval(true, Some(f32::NAN)), FRAME_INTERVAL);
        assert_eq!(frame_interval(false, Some(0.12)), FRAME_INTERVAL);
        let pacer = FramePacer::default();
        let waker_side = pacer.clone();
        assert_eq!(waker_side.waker_wait(), Some(FRAME_INTERVAL));
        pacer.update(true, Some(0.2));
        assert_eq!(waker_side.interval(), Duration::from_millis(200));
        assert_eq!(waker_side.waker_wait(), None, "the running window paces itself");
        pacer.update(false, Some(0.2));
        assert_eq!(waker_side.waker_wait(), Some(FRAME_INTERVAL));
    }
}
