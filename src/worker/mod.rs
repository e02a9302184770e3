//! The simulation thread and the window's handle on it. The thread owns the experiment,
//! takes [`Command`]s over a bounded channel and publishes [`Frame`] snapshots that the
//! window drains every frame. Nothing here knows about egui: the window passes a waker
//! that asks for a repaint.
//!
//! - [`protocol`]: the messages (commands, frames, snapshots);
//! - [`recorder`]: a run's record between two frames (one for the run, one for its twin);
//! - [`twin`]: the "without sleep" twin;
//! - `input_watch`: a learned layer's input weights, sent only when they change;
//! - `thread`: the loop that ties them together.

mod acts;
mod experiment;
mod input_watch;
pub mod protocol;
pub mod recorder;
mod thread;
pub mod twin;

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TrySendError, bounded};

use crate::preset::Preset;
pub use crate::series::ScorePoint;
pub use crate::sim::phase::Phase;
pub use input_watch::INPUT_WEIGHTS_INTERVAL;
pub use protocol::{
    Activity, Command, CycleSpikes, Frame, InputWeights, ReplayMeter, Span, TwinFrame, WorldSnapshot,
};
pub use recorder::{RASTER_CYCLES, REPLAY_WINDOW_CYCLES, RasterRing, Recorder, thin_out};

/// Commands the thread's queue holds before [`WorkerHandle::send`] reports it full.
const COMMAND_QUEUE: usize = 256;
/// Frames published and not yet taken by the window.
const FRAME_QUEUE: usize = 2;
/// Longest that dropping a [`WorkerHandle`] waits for a busy thread to stop.
pub const STOP_DEADLINE: Duration = Duration::from_secs(1);

/// Why a command did not reach the simulation thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The thread has stopped (after a fault: see [`WorkerHandle::failure`]).
    #[error("the simulation thread has stopped")]
    Stopped,
    /// The thread is alive but has not taken the commands already queued.
    #[error("the simulation thread is busy: its command queue is full")]
    Full,
}

/// The window's end of the simulation thread. Dropping it tells the thread to stop and
/// waits for it at most [`STOP_DEADLINE`].
pub struct WorkerHandle {
    commands: Option<Sender<Command>>,
    frames: Receiver<Frame>,
    thread: Option<JoinHandle<()>>,
    /// Never carries a message: it disconnects when the thread is done with its work.
    done: Receiver<()>,
    /// The fault that stopped the thread, if one did.
    failure: Arc<OnceLock<String>>,
    commands_sent: AtomicU64,
}

impl WorkerHandle {
    /// Starts the simulation thread on a preset; `waker` is called after every frame, and
    /// once more if the thread fails.
    pub fn spawn(preset: Preset, seed: u64, waker: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (command_tx, command_rx) = bounded(COMMAND_QUEUE);
        let (frame_tx, frame_rx) = bounded(FRAME_QUEUE);
        let (done_tx, done_rx) = bounded::<()>(0);
        let failure = Arc::new(OnceLock::new());
        let failure_slot = Arc::clone(&failure);
        let thread = std::thread::Builder::new()
            .name("sleeplab-sim".into())
            .spawn(move || {
                let _done = done_tx;
                let work = catch_unwind(AssertUnwindSafe(|| {
                    thread::Worker::new(preset, seed, command_rx, frame_tx, &waker).run();
                }));
                if let Err(payload) = work {
                    let message = panic_message(payload.as_ref());
                    log::error!("the simulation thread stopped: {message}");
                    let _ = failure_slot.set(message);
                    waker();
                }
            })?;
        Ok(Self {
            commands: Some(command_tx),
            frames: frame_rx,
            thread: Some(thread),
            done: done_rx,
            failure,
            commands_sent: AtomicU64::new(0),
        })
    }

    /// Queues a command without waiting, telling a stopped thread from a full queue.
    pub fn send(&self, command: Command) -> Result<(), SendError> {
        let Some(commands) = self.commands.as_ref().filter(|_| self.is_alive()) else {
            return Err(SendError::Stopped);
        };
        match commands.try_send(command) {
            Ok(()) => {
                self.commands_sent.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(TrySendError::Full(_)) => Err(SendError::Full),
            Err(TrySendError::Disconnected(_)) => Err(SendError::Stopped),
        }
    }

    /// Commands delivered to the thread so far: a frame whose
    /// [`Frame::commands_applied`] equals this reflects every one of them.
    pub fn commands_sent(&self) -> u64 {
        self.commands_sent.load(Ordering::Relaxed)
    }

    /// Whether `frame` was published after every command sent so far was applied (so its
    /// `running`, `phase` and parameters are the thread's answer to them).
    pub fn is_current(&self, frame: &Frame) -> bool {
        frame.commands_applied == self.commands_sent()
    }

    /// Every frame published since the last call, oldest first.
    pub fn drain(&self) -> Vec<Frame> {
        self.frames.try_iter().collect()
    }

    /// Waits up to `timeout` for the next frame (for tests and headless tools).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Frame> {
        self.frames.recv_timeout(timeout).ok()
    }

    /// Whether the thread is still running.
    pub fn is_alive(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// What stopped the thread, if a fault did (the panic's message).
    pub fn failure(&self) -> Option<String> {
        self.failure.get().cloned()
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        // Closing the command channel tells the thread to stop at its next look.
        self.commands = None;
        let Some(thread) = self.thread.take() else {
            return;
        };
        match self.done.recv_timeout(STOP_DEADLINE) {
            Err(RecvTimeoutError::Disconnected) | Ok(()) => {
                // Its work is over; joining waits only for it to free its memory.
                if thread.join().is_err() {
                    log::error!("the simulation thread panicked while stopping");
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                // Busy in a long command: let it finish on its own rather than hang the window.
                log::warn!(
                    "the simulation thread did not stop within {STOP_DEADLINE:?}; leaving it to finish"
                );
            }
        }
    }
}

/// The message of a panic, as `panic!` was given it.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unknown fault".to_owned())
}

#[cfg(test)]
mod busy_tests;
#[cfg(test)]
mod tests;
