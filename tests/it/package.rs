//! The release archive: `scripts/package.sh` packs the program, the README, the licences and
//! the presets into one folder, and the program runs its presets from that folder, unpacked
//! anywhere, and opens its window where there is a display. The archive packs the binary
//! these tests were built with (no release build).

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// Packs this build's binary into a fresh folder and unpacks the archive into an empty one;
/// returns both folders (kept alive) and the unpacked release folder.
fn unpacked_release() -> (TempDir, TempDir, PathBuf) {
    let dist = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let packed = Command::new("bash")
        .arg(root.join("scripts/package.sh"))
        .env("SLEEPLAB_BIN", env!("CARGO_BIN_EXE_sleeplab"))
        .env("SLEEPLAB_DIST_DIR", dist.path())
        // Fast packing: the test build's binary is large, and only its contents matter here.
        .env("SLEEPLAB_GZIP", "1")
        .output()
        .expect("bash runs scripts/package.sh");
    assert!(
        packed.status.success(),
        "package.sh failed: {}",
        String::from_utf8_lossy(&packed.stderr)
    );
    let stdout = String::from_utf8(packed.stdout).unwrap();
    let archive = PathBuf::from(stdout.lines().last().expect("package.sh names its archive"));
    let file_name = archive.file_name().unwrap().to_str().unwrap().to_owned();
    let name = file_name
        .strip_suffix(".tar.gz")
        .unwrap_or_else(|| panic!("{file_name} is not a .tar.gz archive"));
    assert!(
        archive.starts_with(dist.path()),
        "the archive goes where it was asked to"
    );

    let empty = tempfile::tempdir().unwrap();
    let unpacked = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(empty.path())
        .status()
        .expect("tar runs");
    assert!(unpacked.success(), "tar could not unpack {}", archive.display());
    let folder = empty.path().join(name);
    (dist, empty, folder)
}

#[test]
fn the_release_archive_unpacked_into_an_empty_folder_holds_everything_and_runs_its_presets() {
    let (_dist, _empty, folder) = unpacked_release();
    for file in ["sleeplab", "README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(folder.join(file).is_file(), "the archive has no {file}");
    }
    let presets = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    for entry in std::fs::read_dir(presets).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(
            folder.join("presets").join(&name).is_file(),
            "the archive has no presets/{}",
            name.to_string_lossy()
        );
    }

    let run = Command::new(folder.join("sleeplab"))
        .args(["run", "presets/sleep.toml", "--seeds", "1"])
        .current_dir(&folder)
        .output()
        .expect("the unpacked program starts");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "sleeplab run failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with("sleep") && line.contains("final")),
        "no final scores for the sleep preset in:\n{stdout}"
    );

    // The window needs a display (Xvfb will do, with a software renderer).
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!(
            "note: DISPLAY is not set, so the unpacked window was not opened (run under Xvfb to check it)"
        );
        return;
    }
    let window = Command::new(folder.join("sleeplab"))
        .args(["window", "--bench", "2"])
        .current_dir(&folder)
        .output()
        .expect("the unpacked program starts");
    let stdout = String::from_utf8_lossy(&window.stdout);
    assert!(
        window.status.success(),
        "sleeplab window --bench 2 failed: {}",
        String::from_utf8_lossy(&window.stderr)
    );
    assert!(stdout.contains("frames/s"), "no window speed in:\n{stdout}");
}
