//! The window's saved session (eframe's `app.ron`) checked before eframe reads it. eframe
//! reads whatever is there: a FIFO kept the window from opening, a link to `/dev/zero` took
//! gigabytes, a zoom of 0 or NaN panicked before SleepLab could look, and a file it could
//! not parse was dropped without a word and overwritten on close (the recent files gone).
//! A session that is not a small regular file of valid RON with sane values is set aside
//! under another name (never deleted, never followed), and the window starts afresh,
//! saying so in its status line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::app::Session;

/// The largest session file read: a real one is a few kilobytes.
pub const MAX_SESSION_BYTES: u64 = 16 << 20;

/// The zoom factors egui can draw at.
const ZOOM: std::ops::RangeInclusive<f32> = 0.1..=10.0;

/// Where eframe keeps the window's session, if this system has such a place.
pub fn session_path() -> Option<PathBuf> {
    eframe::storage_dir("SleepLab").map(|dir| dir.join("app.ron"))
}

/// Checks the session at `path`; when it cannot be used, moves it aside (to the first free
/// `app.ron.unusable-N`) and returns what the status line should say.
pub fn set_aside_if_unusable(path: &Path) -> Option<String> {
    let problem = problem(path)?;
    let aside = (1..1000)
        .map(|n| path.with_extension(format!("ron.unusable-{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err());
    let moved = aside
        .as_ref()
        .and_then(|to| std::fs::rename(path, to).ok().map(|()| to));
    Some(match moved {
        Some(to) => format!(
            "The last session could not be used ({problem}); it was kept as {} and the window started afresh",
            to.display()
        ),
        None => format!(
            "The last session could not be used ({problem}) nor moved aside; the window started afresh — {}",
            path.display()
        ),
    })
}

/// Why the session at `path` cannot be used, if it cannot (a missing one is fine).
fn problem(path: &Path) -> Option<String> {
    let metadata = std::fs::symlink_metadata(path).ok()?;
    if metadata.file_type().is_symlink() {
        return Some("it is a symbolic link, which SleepLab does not follow".into());
    }
    if !metadata.is_file() {
        return Some("it is not a regular file".into());
    }
    if metadata.len() > MAX_SESSION_BYTES {
        return Some(format!(
            "it is {} bytes, more than a session's {MAX_SESSION_BYTES}",
            metadata.len()
        ));
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return Some(crate::save::describe_io_error(&e)),
    };
    content_problem(&text)
}

/// Why the session text `text` cannot be used, if it cannot.
pub fn content_problem(text: &str) -> Option<String> {
    let entries: HashMap<String, String> = match ron::from_str(text) {
        Ok(entries) => entries,
        Err(e) => return Some(format!("it is not a session file: {e}")),
    };
    if let Some(memory) = entries.get("egui") {
        match ron::from_str::<egui::Memory>(memory) {
            Ok(memory) if !ZOOM.contains(&memory.options.zoom_factor) => {
                return Some(format!(
                    "its zoom {} is not one the window can draw at ({} to {})",
                    memory.options.zoom_factor,
                    ZOOM.start(),
                    ZOOM.end()
                ));
            }
            Ok(_) => {}
            Err(e) => return Some(format!("its window state is unreadable: {e}")),
        }
    }
    if let Some(app) = entries.get(eframe::APP_KEY)
        && let Err(e) = ron::from_str::<Session>(app)
    {
        return Some(format!("its experiment is unreadable: {e}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session file's text with `memory` as its window state.
    fn session_text(memory: &egui::Memory) -> String {
        let app = Session {
            recent: vec![PathBuf::from("/presets/mine.toml")],
            ..Session::default()
        };
        let entries = HashMap::from([
            ("egui".to_owned(), ron::to_string(memory).unwrap()),
            (eframe::APP_KEY.to_owned(), ron::to_string(&app).unwrap()),
        ]);
        ron::to_string(&entries).unwrap()
    }

    #[test]
    fn a_good_session_is_kept_and_a_bad_zoom_or_text_is_named() {
        let mut memory = egui::Memory::default();
        assert_eq!(content_problem(&session_text(&memory)), None);
        for zoom in [0.0, -1.0, f32::NAN, 1e9] {
            memory.options.zoom_factor = zoom;
            let problem = content_problem(&session_text(&memory)).unwrap();
            assert!(problem.contains("zoom"), "{zoom}: {problem}");
        }
        assert!(
            content_problem("not ron at all {")
                .unwrap()
                .contains("not a session file")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_a_link_or_garbage_is_set_aside_and_a_good_session_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
        let note = set_aside_if_unusable(&path).unwrap();
        assert!(note.contains("app.ron.unusable-1"), "{note}");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let note = set_aside_if_unusable(&path).unwrap();
        assert!(note.contains("symbolic link"), "{note}");
        std::fs::write(&path, "garbage").unwrap();
        assert!(set_aside_if_unusable(&path).unwrap().contains("unusable-3"));
        assert!(!path.exists());
        std::fs::write(&path, session_text(&egui::Memory::default())).unwrap();
        assert_eq!(set_aside_if_unusable(&path), None);
        assert!(path.exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("app.ron.unusable-3")).unwrap(),
            "garbage"
        );
    }
}
