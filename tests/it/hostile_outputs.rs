//! Outputs as a hostile user points them: at a FIFO, a socket, a folder, a symbolic link to
//! one, a name of 255 bytes, a folder removed while the batch runs, a full stderr. A save
//! never replaces what is not a regular file and refuses before any work; results are
//! printed before any write that needs them, and a write that fails after them never takes
//! them back.

use std::io::Read as _;
use std::path::Path;
use std::process::Stdio;

use serde_json::Value;
use sleeplab::preset::Preset;
use sleeplab::save::{SaveError, write_atomically};

use crate::common::cli::{command, fifo, long, names, refusal_of, stdout_of, tiny};

/// Whether `path` is still a FIFO.
#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[cfg(unix)]
#[test]
fn a_save_never_replaces_a_fifo_a_socket_or_a_folder_even_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.csv");
    fifo(&pipe);
    let socket = dir.path().join("socket.csv");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&pipe, &link).unwrap();
    let chain = dir.path().join("chain.csv");
    std::os::unix::fs::symlink("link.csv", &chain).unwrap();
    for (path, what) in [
        (&pipe, "it is a FIFO (named pipe), not a regular file"),
        (&socket, "it is a socket, not a regular file"),
        (&folder, "it is a folder, not a regular file"),
        (&link, "it is a symbolic link to a FIFO (named pipe)"),
        (&chain, "it is a symbolic link to a FIFO (named pipe)"),
    ] {
        let error = write_atomically(path, b"new").unwrap_err();
        assert!(matches!(error, SaveError::NotAFile { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains(what), "{message}");
        assert!(message.ends_with(&path.display().to_string()), "{message}");
        let saved = Preset::default().save(path).unwrap_err().to_string();
        assert!(saved.contains(what), "{saved}");
    }
    assert!(is_fifo(&pipe));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none());
    // Nothing else was made: no temporary file is left behind.
    assert_eq!(
        names(dir.path()),
        ["chain.csv", "folder.csv", "link.csv", "pipe.csv", "socket.csv"]
    );
    // A path that ends in a separator names a folder, even where none exists.
    let slash = format!("{}/", dir.path().join("new.csv").display());
    let message = write_atomically(Path::new(&slash), b"x").unwrap_err().to_string();
    assert!(message.contains("names a folder"), "{message}");
}

#[test]
fn a_name_of_255_bytes_saves_and_a_failed_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.csv", "n".repeat(251));
    let path = dir.path().join(&name);
    write_atomically(&path, b"long name").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"long name");
    write_atomically(&path, b"again").unwrap();
    assert_eq!(names(dir.path()), std::slice::from_ref(&name));
    // One byte more is refused by the system, cleanly and naming the path.
    let longer = dir.path().join(format!("{}.csv", "n".repeat(252)));
    let message = write_atomically(&longer, b"x").unwrap_err().to_string();
    assert!(message.contains("too long"), "{message}");
    assert_eq!(names(dir.path()), [name]);
}

#[cfg(unix)]
#[test]
fn sweep_csv_to_a_fifo_or_a_link_to_one_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.csv");
    fifo(&pipe);
    let link = dir.path().join("summary.csv");
    std::os::unix::fs::symlink(&pipe, &link).unwrap();
    let preset = long();
    for (target, what) in [(&pipe, "a FIFO"), (&link, "a symbolic link to a FIFO")] {
        let refusal = refusal_of(&[
            "sweep",
            preset.to_str().unwrap(),
            "--vary",
            "sleep.learning_rate=0.1,0.2",
            "--seeds",
            "10000",
            "--csv",
            target.to_str().unwrap(),
        ]);
        assert!(refusal.contains(what), "{refusal}");
        assert!(refusal.contains(&target.display().to_string()), "{refusal}");
    }
    for folder in [dir.path().to_owned(), dir.path().join("new/")] {
        let refusal = refusal_of(&[
            "sweep",
            preset.to_str().unwrap(),
            "--vary",
            "sleep.learning_rate=0.1,0.2",
            "--seeds",
            "10000",
            "--csv",
            folder.to_str().unwrap(),
        ]);
        assert!(refusal.contains("folder"), "{refusal}");
    }
    assert!(is_fifo(&pipe));
    assert_eq!(names(dir.path()), ["pipe.csv", "summary.csv"]);
}

#[cfg(unix)]
#[test]
fn run_csv_checks_every_seeds_file_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("sleep-seed3.csv");
    fifo(&pipe);
    let preset = long();
    let refusal = refusal_of(&[
        "run",
        preset.to_str().unwrap(),
        "--seeds",
        "10000",
        "--csv",
        dir.path().to_str().unwrap(),
    ]);
    assert!(refusal.contains("a FIFO"), "{refusal}");
    assert!(refusal.contains(&pipe.display().to_string()), "{refusal}");
    assert!(is_fifo(&pipe));
}

/// A sweep whose JSON is far larger than a pipe holds (64 KiB): while the test reads only
/// one byte of it, the sweep cannot get past printing it.
const MANY_RATES: &str = "sleep.learning_rate=0:1:201";

#[test]
fn a_summary_that_cannot_be_written_after_the_work_keeps_the_printed_results() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("out");
    std::fs::create_dir(&folder).unwrap();
    let csv = folder.join("summary.csv");
    let preset = tiny();
    let mut child = command(&[
        "sweep",
        preset.to_str().unwrap(),
        "--vary",
        MANY_RATES,
        "--seeds",
        "1",
        "--json",
        "--csv",
        csv.to_str().unwrap(),
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0_u8; 1];
    stdout.read_exact(&mut first).unwrap();
    // The results are being printed: the folder goes away before the summary is written.
    std::fs::rename(&folder, dir.path().join("gone")).unwrap();
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    let printed = [first.as_slice(), &rest].concat();
    let json: Value = serde_json::from_slice(&printed).expect("the whole report is printed");
    assert_eq!(json["runs"].as_array().unwrap().len(), 201);
    assert!(!out.status.success(), "a failed write fails the command");
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(message.contains("the results above are complete"), "{message}");
    assert!(message.contains(&csv.display().to_string()), "{message}");
    assert!(!dir.path().join("gone/summary.csv").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_never_turns_a_finished_run_into_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let preset = tiny();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = command(&[
        "run",
        preset.to_str().unwrap(),
        "--seeds",
        "2",
        "--json",
        "--csv",
        dir.path().to_str().unwrap(),
    ])
    .stderr(full)
    .output()
    .unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["runs"].as_array().unwrap().len(), 2);
    assert_eq!(names(dir.path()), ["tiny-seed1.csv", "tiny-seed2.csv"]);
    // The same run as usual prints the same.
    let usual = stdout_of(&["run", preset.to_str().unwrap(), "--seeds", "2", "--json"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), usual);
}

/// A save's temporary file is named after its process, and a save into a folder removes
/// what a killed save of a process that is gone left there.
#[cfg(target_os = "linux")]
#[test]
fn a_save_names_its_temporary_file_after_its_process_and_clears_dead_ones() {
    use sleeplab::save::{LEFTOVER_AGE, write_atomically_with};
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let gone = child.id();
    child.wait().unwrap();
    let leftover = dir.path().join(format!(".sleeplab-{gone}-Zz9Yy8.tmp"));
    let file = std::fs::File::create(&leftover).unwrap();
    file.set_modified(std::time::SystemTime::now() - LEFTOVER_AGE * 2)
        .unwrap();
    drop(file);
    let target = dir.path().join("out.csv");
    let mut seen = Vec::new();
    write_atomically_with(&target, |file| {
        seen = names(dir.path());
        std::io::Write::write_all(file, b"x")
    })
    .unwrap();
    let own = format!(".sleeplab-{}-", std::process::id());
    assert!(
        seen.iter()
            .any(|n| n.starts_with(&own) && Path::new(n).extension().is_some_and(|e| e == "tmp")),
        "no temporary file named after this process in {seen:?}"
    );
    assert!(!leftover.exists(), "the dead process's leftover stays");
    assert_eq!(names(dir.path()), ["out.csv"]);
}

/// `run --csv` names what is there when it is not a folder, instead of the system's
/// "File exists".
#[cfg(unix)]
#[test]
fn run_csv_into_a_file_or_a_device_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("results");
    std::fs::write(&file, "mine").unwrap();
    let tiny = tiny();
    for (target, what) in [
        (file.to_str().unwrap(), "it is a regular file, not a folder"),
        ("/dev/full", "it is a character device, not a folder"),
    ] {
        let refusal = refusal_of(&["run", tiny.to_str().unwrap(), "--seeds", "1", "--csv", target]);
        assert!(refusal.contains(what) && refusal.contains(target), "{refusal}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}
