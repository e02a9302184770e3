//! Temporary files that a killed save left behind. A save names its temporary file after
//! its process (`.sleeplab-<pid>-XXXXXX.tmp`); a kill between writing it and renaming it
//! over the target (SIGKILL, a power cut, a crash) leaves it there. Before the next save
//! into the same folder, such files are removed when their process is gone and they have
//! not changed for a while, so that a save under way in another process, even one that
//! this process cannot see, is never touched.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use super::TEMPORARY_PREFIX;

/// How long a leftover must have been untouched before it is removed: a save writes and
/// renames its file within moments, so an older one is not being written.
pub const LEFTOVER_AGE: Duration = Duration::from_mins(1);

/// The name of a temporary file of this process's saves (the random part is added to it).
pub(super) fn temporary_prefix() -> String {
    format!("{TEMPORARY_PREFIX}{}-", std::process::id())
}

/// The process that made the temporary file `name`, if `name` is one of SleepLab's.
pub fn owner_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMPORARY_PREFIX)?.strip_suffix(".tmp")?;
    let (pid, random) = rest.split_once('-')?;
    let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    let random_ok = !random.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric());
    (digits && random_ok).then(|| pid.parse().ok()).flatten()
}

/// As [`remove_leftovers`], once per folder in a process's life: a batch that saves
/// thousands of files into one folder looks through it once.
pub(super) fn remove_leftovers_once(dir: &Path) {
    static DONE: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
    let first = DONE
        .lock()
        .map_or(true, |mut done| done.get_or_insert_with(HashSet::new).insert(key));
    if first {
        remove_leftovers(dir);
    }
}

/// Removes from `dir` the temporary files of saves whose process no longer runs and that
/// have been untouched for [`LEFTOVER_AGE`]; returns how many it removed. Only regular
/// files are removed, never followed links. Where the system does not tell which processes
/// run (no `/proc`), nothing is removed.
pub fn remove_leftovers(dir: &Path) -> usize {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner_of) else {
            continue;
        };
        if proc.join(pid.to_string()).exists() {
            continue;
        }
        let Ok(metadata) = entry.path().symlink_metadata() else {
            continue;
        };
        let untouched = metadata
            .modified()
            .ok()
            .and_then(|at| now.duration_since(at).ok())
            .is_some_and(|age| age >= LEFTOVER_AGE);
        if metadata.is_file() && untouched && std::fs::remove_file(entry.path()).is_ok() {
            log::info!(
                "removed {}, left by a save that was killed",
                entry.path().display()
            );
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_the_saves_own_form_have_an_owner() {
        assert_eq!(owner_of(".sleeplab-4242-a1B2c3.tmp"), Some(4242));
        assert_eq!(
            owner_of(&format!("{}xYz123.tmp", temporary_prefix())),
            Some(std::process::id())
        );
        for other in [
            ".sleeplab-a1B2c3.tmp",
            ".sleeplab--a1B2c3.tmp",
            ".sleeplab-12-.tmp",
            ".sleeplab-12-abc.csv",
            "sleeplab-12-abc.tmp",
            ".sleeplab-1x-abc.tmp",
            ".sleeplab-12-a/b.tmp",
            ".sleeplab-99999999999999999999-abc.tmp",
        ] {
            assert_eq!(owner_of(other), None, "{other}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_old_leftover_of_a_gone_process_is_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        // A process that has ended: its pid is free (and not soon reused).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let old = SystemTime::now() - LEFTOVER_AGE * 2;
        let make = |name: &str, age: SystemTime| {
            let path = dir.path().join(name);
            let file = std::fs::File::create(&path).unwrap();
            file.set_modified(age).unwrap();
            path
        };
        let leftover = make(&format!(".sleeplab-{gone}-AbC123.tmp"), old);
        let fresh = make(&format!(".sleeplab-{gone}-DeF456.tmp"), SystemTime::now());
        let alive = make(&format!("{}GhI789.tmp", temporary_prefix()), old);
        let other = make("data.csv", old);
        std::os::unix::fs::symlink(
            "/etc/hostname",
            dir.path().join(format!(".sleeplab-{gone}-JkL012.tmp")),
        )
        .unwrap();
        assert_eq!(remove_leftovers(dir.path()), 1);
        assert!(!leftover.exists());
        assert!(fresh.exists() && alive.exists() && other.exists());
        assert!(
            dir.path()
                .join(format!(".sleeplab-{gone}-JkL012.tmp"))
                .symlink_metadata()
                .is_ok()
        );
    }
}
