//! The `sleeplab` binary as the command-line tests run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A preset of a few thousand cycles, for fast runs.
pub fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/presets/tiny.toml")
}

/// A preset whose 10,000 seeds would take hours: a refusal of it proves no work was done.
pub fn long() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/sleep.toml")
}

/// The `sleeplab` command with `args`, not yet run.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sleeplab"));
    command.args(args);
    command
}

/// Runs sleeplab to its end.
pub fn sleeplab(args: &[&str]) -> Output {
    command(args).output().expect("the sleeplab binary runs")
}

/// Runs sleeplab and returns its stdout, failing with its stderr if it failed.
pub fn stdout_of(args: &[&str]) -> String {
    let out = sleeplab(args);
    assert!(
        out.status.success(),
        "sleeplab {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs sleeplab expecting a refusal before any result; returns its stderr.
pub fn refusal_of(args: &[&str]) -> String {
    let out = sleeplab(args);
    assert!(!out.status.success(), "sleeplab {args:?} should have failed");
    assert!(out.stdout.is_empty(), "a refused command prints no results");
    String::from_utf8(out.stderr).unwrap()
}

/// Makes a FIFO (named pipe) at `path`.
#[cfg(unix)]
pub fn fifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success());
}

/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
