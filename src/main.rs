//! The `sleeplab` program: parses the command line, then opens the window or runs headless.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser as _;
use sleeplab::cli::{Cli, Command};
use sleeplab::errors::chain;
use sleeplab::headless::commands;
use sleeplab::ui::WindowStart;

/// The log filter without RUST_LOG. rfd is silenced: where no file dialog can open (no
/// session bus, no portal, no zenity) the window says so itself and offers a path field.
const QUIET_LOG: &str =
    "warn,winit=error,egui_winit=error,egui_wgpu=error,wgpu_hal=error,wgpu_core=error,eframe=error,rfd=off";

/// Whether `command` writes its results to files as well as printing them.
fn writes_files(command: &Command) -> bool {
    match command {
        Command::Run { csv, .. } | Command::Sweep { csv, .. } => csv.is_some(),
        Command::Weights(_) => true,
        Command::Space(args) => args.sets_csv.is_some(),
        _ => false,
    }
}

fn main() -> ExitCode {
    // Warnings of our own, but the window libraries' notes about the display and the renderer
    // (a software rasterizer, a virtual screen) are not the user's business on a normal
    // start: those crates speak only of errors. RUST_LOG overrides this.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(QUIET_LOG)).init();
    let cli = Cli::parse();
    if matches!(cli.command, None | Some(Command::Window { .. })) {
        give_the_window_a_runtime_dir();
    } else if let Some(problem) = sleeplab::headless::stdout_problem() {
        // Results that would be lost are refused before any work. A command that also
        // writes files keeps its results there: a script that throws stdout away (Python's
        // subprocess.DEVNULL opens /dev/null as a closed output looks) is only told.
        if cli.command.as_ref().is_some_and(writes_files) {
            let _ = writeln!(std::io::stderr(), "warning: {problem}");
        } else {
            let _ = writeln!(std::io::stderr(), "error: {problem}");
            return ExitCode::FAILURE;
        }
    }
    let result = match cli.command {
        None => window(None, None, WindowStart::default()),
        Some(Command::Window {
            preset,
            bench,
            twin,
            projector,
            play,
            fast,
        }) => window(
            preset,
            bench,
            WindowStart {
                twin,
                projector,
                play,
                fast,
            },
        ),
        Some(Command::Run {
            presets,
            seeds,
            batch,
            csv,
        }) => commands::run(&presets, csv.as_deref(), &batch.options(seeds)).map_err(|e| e.to_string()),
        Some(Command::Sweep {
            preset,
            vary,
            seeds,
            batch,
            csv,
        }) => {
            commands::sweep(&preset, &vary, csv.as_deref(), &batch.options(seeds)).map_err(|e| e.to_string())
        }
        Some(Command::Merge { files }) => commands::merge_files(&files).map_err(|e| e.to_string()),
        Some(Command::Weights(args)) => sleeplab::headless::analyses::weights(&args),
        Some(Command::Space(args)) => sleeplab::headless::analyses::space(&args),
        Some(Command::Replay(args)) => sleeplab::headless::replay::replay(&args),
        Some(Command::Dropout(args)) => sleeplab::headless::dropout::dropout(&args),
        Some(Command::Responses(args)) => sleeplab::headless::responses::responses(&args),
        Some(Command::Bench { seconds }) => {
            // Half the time for each model.
            let text = format!(
                "{}learned hidden layer, 784 units (after 20,000 development cycles):\n{}",
                sleeplab::bench::run(seconds / 2.0).lines(),
                sleeplab::bench::run_learned(seconds / 2.0).lines()
            );
            std::io::stdout().write_all(text.as_bytes()).map_err(|e| {
                format!(
                    "the results could not all be printed: standard output failed: {}",
                    sleeplab::save::describe_io_error(&e)
                )
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // A closed or full stderr loses the message, but not the exit status.
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the window; an error becomes its line of text, with its causes, printed once.
fn window(preset: Option<PathBuf>, bench_secs: Option<f64>, start: WindowStart) -> Result<(), String> {
    sleeplab::ui::run_window(preset, bench_secs, start).map_err(|e| chain(&e))
}

/// Opens the window in a process that has an `XDG_RUNTIME_DIR` when this one has none (or
/// one that is not an absolute path): it replaces this process by the same command with the
/// variable set to a private folder (`$TMPDIR/sleeplab-runtime-UID`, mode 0700). It returns
/// only when that cannot be done, and then the window opens here.
///
/// Why: without that variable (a container, a virtual screen, a login by ssh), the system's
/// Vulkan device-select layer asks libwayland for a display on every start, and libwayland
/// prints "XDG_RUNTIME_DIR is invalid or not set in the environment" several times on the
/// terminal. With a private empty folder it finds no display and says nothing. Setting the
/// variable in this process would need `unsafe`, which the crate forbids; replacing the
/// process (not starting a child) leaves nothing behind when it is stopped.
#[cfg(target_os = "linux")]
fn give_the_window_a_runtime_dir() {
    use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _, PermissionsExt as _};
    use std::os::unix::process::CommandExt as _;

    if std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| std::path::Path::new(&dir).is_absolute()) {
        return;
    }
    // The folder must be this user's alone, as the variable requires: one that someone
    // else made (or made a link) under the same name in a shared /tmp is not used.
    let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("sleeplab-runtime-{uid}"));
    let made = std::fs::DirBuilder::new().mode(0o700).create(&dir);
    if made.is_err_and(|e| e.kind() != std::io::ErrorKind::AlreadyExists) {
        return;
    }
    let ours = std::fs::symlink_metadata(&dir)
        .is_ok_and(|m| m.is_dir() && m.uid() == uid && m.permissions().mode() & 0o777 == 0o700);
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    if ours {
        // `exec` returns only if it failed; the window then opens here.
        let _failed = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env("XDG_RUNTIME_DIR", &dir)
            .exec();
    }
}

/// Elsewhere the window opens as it is.
#[cfg(not(target_os = "linux"))]
fn give_the_window_a_runtime_dir() {}
