//! Results that cannot be printed are never lost silently: a closed standard output is
//! refused before the work (only warned of when CSV files take the results), a reader that closes the pipe early gets a non-zero exit and a
//! line on stderr, and `>/dev/null` (written on purpose) still works.

use std::process::Stdio;

use crate::common::cli::{command, long, tiny};

/// Runs sleeplab through the shell with its standard output closed (`>&-`).
fn with_stdout_closed(args: &[&str]) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"exec "$0" "$@" >&-"#)
        .arg(env!("CARGO_BIN_EXE_sleeplab"))
        .args(args)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdout_is_refused_before_any_work() {
    let preset = long();
    // 10,000 seeds of the long preset would take hours: a quick refusal did no work.
    let start = std::time::Instant::now();
    let out = with_stdout_closed(&["run", preset.to_str().unwrap(), "--seeds", "10000"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "exit 0 with nowhere to print: {stderr}");
    assert!(stderr.contains("standard output is closed"), "{stderr}");
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
    let tiny = tiny();
    for args in [
        vec!["run", tiny.to_str().unwrap(), "--seeds", "1"],
        vec![
            "sweep",
            tiny.to_str().unwrap(),
            "--vary",
            "sleep.learning_rate=0.1",
            "--seeds",
            "1",
        ],
    ] {
        let out = with_stdout_closed(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("standard output is closed"));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdout_with_csv_files_to_write_is_only_warned_of() {
    let tiny = tiny();
    let dir = tempfile::tempdir().unwrap();
    let out = with_stdout_closed(&[
        "run",
        tiny.to_str().unwrap(),
        "--seeds",
        "1",
        "--csv",
        dir.path().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("warning: standard output is closed"), "{stderr}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().count() > 0,
        "the CSV files hold the results"
    );
}

#[test]
fn results_sent_to_dev_null_on_purpose_are_fine() {
    let tiny = tiny();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"exec "$0" "$@" >/dev/null"#)
        .arg(env!("CARGO_BIN_EXE_sleeplab"))
        .args(["run", tiny.to_str().unwrap(), "--seeds", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_reader_that_closes_the_pipe_first_gets_a_failure_and_a_reason() {
    let tiny = tiny();
    // `| head -0`: the reader is gone before anything is printed.
    let mut child = command(&["run", tiny.to_str().unwrap(), "--seeds", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("the results could not all be printed") && stderr.contains("broken pipe"),
        "{stderr}"
    );
}
