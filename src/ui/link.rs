//! The window's end of the simulation: the thread's handle, the commands sent, the latest
//! frame and what the window remembers of the run and its twin. An offline link has no
//! thread: it only logs commands, so that panels, lessons and files can be tested alone.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ndarray::Array2;

use super::history::History;
use crate::preset::Preset;
use crate::sim::network::N_OUTPUTS;
use crate::worker::{Command, Frame, SendError, WorkerHandle};

/// Commands remembered for inspection (tests, the status line).
const SENT_LOG: usize = 64;

/// What asks the window for a repaint; kept so that a new thread can be started.
type Waker = Arc<dyn Fn() + Send + Sync>;

/// The link to the simulation thread.
pub struct SimLink {
    worker: Option<WorkerHandle>,
    /// Given to every simulation thread this link starts.
    waker: Waker,
    /// Whether the thread's fault has been reported (so it is reported once).
    failure_reported: bool,
    /// No thread by design (tests): commands are logged, never delivered.
    offline: bool,
    /// The last commands sent, most recent last.
    pub sent: VecDeque<Command>,
    /// The latest frame from the simulation.
    pub frame: Option<Frame>,
    /// What the window remembers of the run.
    pub history: History,
    /// What the window remembers of the "without sleep" twin.
    pub twin_history: History,
    /// Which synapses (hidden × outputs) sleep's STDP strengthened since the previous
    /// frame (outlined in sleep).
    pub growing: Array2<bool>,
    /// The run (epoch) the commands sent so far lead to: every reset starts a new one.
    expected_epoch: u64,
}

impl SimLink {
    /// A simulation thread on `preset` with its seed; `waker` asks for a repaint. When the
    /// thread cannot start, the link is dead and the reason is returned with it.
    pub fn spawn(preset: &Preset, waker: impl Fn() + Send + Sync + 'static) -> (Self, Option<String>) {
        let waker: Waker = Arc::new(waker);
        match start_thread(preset, &waker) {
            Ok(worker) => (Self::with(Some(worker), false, waker), None),
            Err(problem) => (
                Self::with(None, false, waker),
                Some(crate::errors::chain(&problem)),
            ),
        }
    }

    /// A link without a thread: commands are only logged.
    pub fn offline() -> Self {
        Self::with(None, true, Arc::new(|| {}))
    }

    /// Replaces a simulation thread that has stopped (after a fault) by a new one on
    /// `preset`, with a fresh history. Does nothing while the thread runs, or offline.
    /// Returns the reason when the new thread cannot start.
    pub fn restart_if_stopped(&mut self, preset: &Preset) -> Result<bool, ThreadStartError> {
        if self.offline || self.alive() {
            return Ok(false);
        }
        let worker = start_thread(preset, &self.waker)?;
        let sent = std::mem::take(&mut self.sent);
        *self = Self::with(Some(worker), false, Arc::clone(&self.waker));
        self.sent = sent;
        Ok(true)
    }

    /// The fault that stopped the thread, the first time it is asked after it happened
    /// (for the status line, which must tell a dead thread from a busy one unasked).
    pub fn new_failure(&mut self) -> Option<String> {
        if self.failure_reported {
            return None;
        }
        let failure = self.failure()?;
        self.failure_reported = true;
        Some(failure)
    }

    fn with(worker: Option<WorkerHandle>, offline: bool, waker: Waker) -> Self {
        Self {
            worker,
            waker,
            failure_reported: false,
            offline,
            sent: VecDeque::new(),
            frame: None,
            history: History::default(),
            twin_history: History::default(),
            growing: Array2::default((0, N_OUTPUTS)),
            expected_epoch: 0,
        }
    }

    /// Sends a command to the simulation thread, or says why it was not delivered.
    pub fn send(&mut self, command: Command) -> Result<(), SendError> {
        let delivered = match &self.worker {
            _ if self.offline => Ok(()),
            Some(worker) => worker.send(command.clone()),
            None => Err(SendError::Stopped),
        };
        if matches!(command, Command::Reset { .. } | Command::SetTwin(_)) {
            self.expected_epoch += 1;
        }
        self.sent.push_back(command);
        if self.sent.len() > SENT_LOG {
            self.sent.pop_front();
        }
        delivered
    }

    /// Takes in every frame published since the last call.
    pub fn drain(&mut self) {
        let frames = self.worker.as_ref().map(WorkerHandle::drain).unwrap_or_default();
        for frame in frames {
            self.absorb(frame);
        }
    }

    /// Takes in one frame: its news into the histories, and which synapses grew.
    pub fn absorb(&mut self, frame: Frame) {
        self.history.absorb(&frame);
        self.growing.clone_from(&frame.strengthened_in_sleep);
        match &frame.twin {
            Some(twin) => self
                .twin_history
                .absorb_twin(frame.epoch, twin, &self.history.spans),
            None => self.twin_history = History::default(),
        }
        self.frame = Some(frame);
    }

    /// The latest frame, if it belongs to the run the last reset started (right after a
    /// reset, the frames still in flight show the run before it).
    pub fn current_frame(&self) -> Option<&Frame> {
        self.frame.as_ref().filter(|f| f.epoch == self.expected_epoch)
    }

    /// Whether the simulation runs, as its latest frame reports (a schedule that ended,
    /// a reset or a step all pause it there, so nothing here needs to guess).
    pub fn running(&self) -> bool {
        self.frame.as_ref().is_some_and(|f| f.running)
    }

    /// The cycle of the latest frame (0 before the first).
    pub fn cycle(&self) -> u64 {
        self.frame.as_ref().map_or(0, |f| f.cycle)
    }

    /// Waits up to `timeout` for the next frame and takes it in (tests and tools).
    pub fn wait_for_frame(&mut self, timeout: Duration) -> bool {
        let frame = self.worker.as_ref().and_then(|w| w.recv_timeout(timeout));
        match frame {
            Some(frame) => {
                self.absorb(frame);
                true
            }
            None => false,
        }
    }

    /// Waits until a frame satisfies `done`, or `timeout` passes.
    pub fn wait_until(&mut self, timeout: Duration, done: impl Fn(&Frame) -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.frame.as_ref().is_some_and(&done) {
                return true;
            }
            self.wait_for_frame(Duration::from_millis(100));
        }
        self.frame.as_ref().is_some_and(done)
    }

    /// Whether the simulation thread runs.
    pub fn alive(&self) -> bool {
        self.worker.as_ref().is_some_and(WorkerHandle::is_alive)
    }

    /// What stopped the simulation thread, if a fault did (the panic's message).
    pub fn failure(&self) -> Option<String> {
        self.worker.as_ref().and_then(WorkerHandle::failure)
    }
}

/// Why a simulation thread could not start: the system's reason.
#[derive(Debug, thiserror::Error)]
#[error("The simulation thread could not start")]
pub struct ThreadStartError(#[source] pub std::io::Error);

/// Starts a simulation thread on `preset` with its seed, or says why it could not.
fn start_thread(preset: &Preset, waker: &Waker) -> Result<WorkerHandle, ThreadStartError> {
    let waker = Arc::clone(waker);
    WorkerHandle::spawn(preset.clone(), preset.seed(), move || waker()).map_err(ThreadStartError)
}
