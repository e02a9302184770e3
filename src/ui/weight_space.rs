//! The Weight space tab: the task-1 and task-2 solution sets of the current experiment as
//! two clouds, and the live run's weights (and the twin's) as moving points with their
//! trails, in the first two principal components of the pooled sets (Golden et al. 2022,
//! Fig 7). The sets are made on a background thread, once per experiment (parameters and
//! training lengths), and kept until the experiment changes.
//!
//! Why principal components rather than the distances to the two sets: in the full weight
//! space animals differ by which of many redundant synapses grew strong, and every network
//! lies about equally far from both sets (`sleeplab space`: separation 1.3); the first two
//! components hold what the tasks change (separation 8).

use std::sync::{Arc, Mutex};

use crossbeam_channel::{Receiver, bounded};
use egui::{Context, Id, Ui};

use crate::analysis::pca::ProjectedSets;
use crate::analysis::reference::{reference_sets_for, wake_cycles_of};
use crate::analysis::{ReferenceOptions, reference_sets};
use crate::sim::params::HiddenKind;
use crate::sim::schedule::Block;
use crate::sim::{Params, Task};
use crate::worker::{Activity, Frame};

pub mod distances;
pub mod map;
pub mod trail;
pub use map::{Drawn, Map, show_map};
pub use trail::{Trail, TrailPoint};

/// A training length for a schedule without one of the tasks (the manual phases): the
/// length after which the shipped presets' task 1 has levelled off.
const FALLBACK_CYCLES: u64 = 30_000;

/// What the reference sets depend on: the parameters, the two training lengths and, with a
/// learned hidden layer (whose reference lives are the run's own network), the seed.
type Key = (Params, u64, u64, Option<u64>);

/// The tab's state, kept in egui's memory between frames.
#[derive(Default)]
struct State {
    /// The experiment's two training lengths, as the schedule says.
    lengths: (u64, u64),
    /// The map and what it was made for.
    map: Option<(Key, Arc<Map>)>,
    /// A map being made, and what for.
    pending: Option<(Key, Receiver<Map>)>,
    /// The run's and the twin's paths, and the frame epoch they belong to.
    trails: [Trail; 2],
    epoch: Option<u64>,
}

type Shared = Arc<Mutex<State>>;

fn state(ctx: &Context) -> Shared {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Shared>(Id::unique("weight space"))
            .clone()
    })
}

/// Notes the experiment's schedule, and the run's and its twin's weights every thousand
/// cycles (placed on the map once there is one). Called every frame, whichever tab is
/// shown, so that the trails are whole when the tab is opened.
pub fn track(ctx: &Context, schedule: &[Block], frame: Option<&Frame>) {
    let shared = state(ctx);
    let Ok(mut state) = shared.lock() else { return };
    let t1 = wake_cycles_of(schedule, Task::T1);
    let t2 = wake_cycles_of(schedule, Task::T2);
    let or_fallback = |c: u64| if c == 0 { FALLBACK_CYCLES } else { c };
    state.lengths = (or_fallback(t1), or_fallback(t2));
    let Some(frame) = frame else { return };
    if state.epoch != Some(frame.epoch) {
        state.trails = Default::default();
        state.epoch = Some(frame.epoch);
    }
    let map = state.map.as_ref().map(|(_, m)| m.clone());
    if state.trails[0].due(frame.cycle) {
        let weights: Vec<f32> = frame.weights.iter().copied().collect();
        state.trails[0].push(frame.cycle, weights, frame.activity, map.as_deref());
    }
    if let Some(twin) = &frame.twin
        && state.trails[1].due(frame.cycle)
    {
        let weights: Vec<f32> = twin.weights.iter().copied().collect();
        // The twin never sleeps: it is awake in the world it forages in. Its points are
        // dated by the main run's cycle, which puts both runs on one time axis.
        let activity = twin.world.as_ref().map(|w| Activity::Wake(w.task));
        state.trails[1].push(frame.cycle, weights, activity, map.as_deref());
    }
}

/// `f` of the run's trail: its weights every thousand cycles since it started (kept
/// whichever tab is shown).
pub fn with_run_trail<R>(ctx: &Context, f: impl FnOnce(&Trail) -> R) -> Option<R> {
    let shared = state(ctx);
    let state = shared.lock().ok()?;
    Some(f(&state.trails[0]))
}

/// The tab: the map when it is ready (started on first view, made again when the
/// parameters or lengths change), or a note while it is being made.
pub fn show(ui: &mut Ui, frame: &Frame) {
    let shared = state(ui.ctx());
    let Ok(mut state) = shared.lock() else { return };
    let own_network = frame.params.network.hidden == HiddenKind::Learned;
    let key: Key = (
        frame.params.clone(),
        state.lengths.0,
        state.lengths.1,
        own_network.then_some(frame.seed),
    );
    collect(&mut state, ui.ctx());
    let current = state.map.as_ref().is_some_and(|(k, _)| *k == key);
    let making = state.pending.as_ref().is_some_and(|(k, _)| *k == key);
    if !current && state.pending.is_none() {
        state.pending = start(ui.ctx(), key.clone());
    }
    ui.label(
        "Each dot is a whole network's weights. Near the blue cloud they solve task 1, near the orange \
         one task 2; between the clouds they serve both.",
    )
    .on_hover_text(
        "The map shows the hidden-to-output weights along the two directions in which task-1 and task-2 \
         solutions differ most (the first two principal components of both clouds).",
    );
    match &state.map {
        Some((_, map)) => {
            if !current {
                ui.weak("The parameters changed: a new map is being made; this one is for the old ones.");
            }
            let twin = frame
                .twin
                .as_ref()
                .map(|t| (&state.trails[1], t.weights.iter().copied().collect::<Vec<f32>>()));
            let now: Vec<f32> = frame.weights.iter().copied().collect();
            show_map(
                ui,
                map,
                (&state.trails[0], &now),
                twin.as_ref().map(|(t, w)| (*t, w.as_slice())),
            );
        }
        None if making || state.pending.is_some() => {
            ui.spinner();
            ui.label(if own_network {
                "Training 5 other lives of this network (the same hidden units, other worlds) on each task alone…"
            } else {
                "Training 5 reference animals on each task alone for this experiment…"
            });
        }
        None => {
            ui.label("The reference animals could not be started.");
        }
    }
}

/// Takes a finished map, if one has come.
fn collect(state: &mut State, ctx: &Context) {
    let Some((key, rx)) = &state.pending else { return };
    match rx.try_recv() {
        Ok(map) => {
            // The runs' whole paths so far, placed on the new map.
            for trail in &mut state.trails {
                trail.place_on(&map);
            }
            state.map = Some((key.clone(), Arc::new(map)));
            state.pending = None;
            ctx.request_repaint();
        }
        Err(crossbeam_channel::TryRecvError::Disconnected) => state.pending = None,
        Err(crossbeam_channel::TryRecvError::Empty) => {}
    }
}

/// Starts making the map of `key` on a thread of its own (on all cores but one).
fn start(ctx: &Context, key: Key) -> Option<(Key, Receiver<Map>)> {
    let (tx, rx) = bounded(1);
    let ctx = ctx.clone();
    let (params, t1, t2, seed) = key.clone();
    let spawned = std::thread::Builder::new()
        .name("sleeplab-weight-space".into())
        .spawn(move || {
            let threads =
                std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
            let Ok(pool) = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .thread_name(|t| format!("sleeplab-weight-space-{t}"))
                .build()
            else {
                return;
            };
            let options = ReferenceOptions::default();
            let sets = pool.install(|| match seed {
                Some(seed) => reference_sets_for(&params, seed, t1, t2, options),
                None => reference_sets(&params, t1, t2, options),
            });
            let _ = tx.send(Map::new(&ProjectedSets::new(&sets, 2)));
            ctx.request_repaint();
        });
    spawned.ok().map(|_| (key, rx))
}
