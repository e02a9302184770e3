//! Saves are faithful: all or nothing, the file's permissions kept, symbolic links kept
//! (the file they point to is what changes), and a preset that could not be read back is
//! never written.

use std::io::Write as _;
use std::path::Path;

use sleeplab::preset::Preset;
use sleeplab::save::{write_atomically, write_atomically_with};

const GOOD: &str = include_str!("../../presets/sleep.toml");

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_that_fails_midway_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.csv");
    std::fs::write(&path, "old").unwrap();
    let error = write_atomically_with(&path, |file| {
        file.write_all(b"half of the new")?;
        Err(std::io::Error::other("the disk is full"))
    })
    .unwrap_err();
    assert!(error.to_string().contains("full"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(names(dir.path()), ["scores.csv"]);
    // A target that cannot be replaced (a folder in its place) fails the same clean way.
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside"), "x").unwrap();
    assert!(write_atomically(&folder, b"new").is_err());
    assert_eq!(names(dir.path()), ["folder.csv", "scores.csv"]);
}

#[cfg(unix)]
#[test]
fn a_save_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o600, 0o640, 0o755] {
        let path = dir.path().join(format!("private-{mode:o}.toml"));
        std::fs::write(&path, GOOD).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        Preset::parse(GOOD).unwrap().save(&path).unwrap();
        let kept = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(kept, mode, "0{mode:o} became 0{kept:o}");
    }
    // A new file gets the usual permissions, not the temporary file's 0600.
    let new = dir.path().join("new.csv");
    write_atomically(&new, b"x").unwrap();
    let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o044, 0o044 & !umask(), "0{mode:o}");
}

/// The process's umask, read from /proc (no libc needed).
#[cfg(unix)]
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

#[cfg(unix)]
#[test]
fn a_save_through_a_symbolic_link_replaces_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("presets").join("mine.toml");
    std::fs::create_dir(dir.path().join("presets")).unwrap();
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("presets/mine.toml", &link).unwrap();
    write_atomically(&link, b"new").unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    // A link to a file not there yet creates it; a loop of links is an error.
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(dir.path().join("later.csv"), &dangling).unwrap();
    write_atomically(&dangling, b"made").unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("later.csv")).unwrap(),
        "made"
    );
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    assert!(
        write_atomically(&a, b"x")
            .unwrap_err()
            .to_string()
            .contains("symbolic links")
    );
}

#[test]
fn a_preset_that_would_not_open_again_cannot_be_made_so_is_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("good.toml");
    std::fs::write(&path, GOOD).unwrap();
    let preset = Preset::parse(GOOD).unwrap();
    let error = preset.with_seed(u64::MAX).unwrap_err().to_string();
    assert!(error.contains("seed"), "{error}");
    let error = preset.with_name("bell \u{7}").unwrap_err().to_string();
    assert!(error.contains("control character"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), GOOD);
    assert_eq!(names(dir.path()), ["good.toml"]);
}
