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
    if let Some(window) = entries.get(WINDOW_KEY)
        && let Some(problem) = window_problem(window)
    {
        return Some(problem);
    }
    if let Some(app) = entries.get(eframe::APP_KEY)
        && let Err(e) = ron::from_str::<Session>(app)
    {
        return Some(format!("its experiment is unreadable: {e}"));
    }
    None
}

/// Where eframe keeps the window's place and size in the session (its `STORAGE_WINDOW_KEY`).
const WINDOW_KEY: &str = "window";

/// The largest window side, in points, and the farthest a window's corner may be from the
/// screen's origin, in pixels: X11 keeps both in 16 bits.
const MAX_WINDOW_SIDE: f32 = 32_767.0;
const MAX_WINDOW_OFFSET: f32 = 32_767.0;

/// The scale factors a screen may have.
const SCALE: std::ops::RangeInclusive<f32> = 0.1..=10.0;

/// eframe's saved window geometry (egui-winit's `WindowSettings`, whose fields are not
/// public), read only to be checked: eframe hands it to the windowing system unchecked, and
/// a NaN, negative or huge size or place breaks the start.
#[derive(serde::Deserialize)]
struct WindowSettings {
    normal_geometry: WindowGeometry,
}

#[derive(serde::Deserialize)]
struct WindowGeometry {
    outer_position_pixels: Option<egui::Pos2>,
    scale_factor: f32,
    inner_size_points: egui::Vec2,
}

/// Why the saved window geometry `text` cannot be used, if it cannot.
fn window_problem(text: &str) -> Option<String> {
    let settings: WindowSettings = match ron::from_str(text) {
        Ok(settings) => settings,
        Err(e) => return Some(format!("its window geometry is unreadable: {e}")),
    };
    let geometry = settings.normal_geometry;
    let size = geometry.inner_size_points;
    if ![size.x, size.y]
        .iter()
        .all(|v| (1.0..=MAX_WINDOW_SIDE).contains(v))
    {
        return Some(format!(
            "its window size {} × {} is not one a window can have (1 to {MAX_WINDOW_SIDE} points a side)",
            size.x, size.y
        ));
    }
    if let Some(place) = geometry.outer_position_pixels
        && ![place.x, place.y]
            .iter()
            .all(|v| (-MAX_WINDOW_OFFSET..=MAX_WINDOW_OFFSET).contains(v))
    {
        return Some(format!(
            "its window place ({}, {}) is not one a screen has (±{MAX_WINDOW_OFFSET} pixels)",
            place.x, place.y
        ));
    }
    if !SCALE.contains(&geometry.scale_factor) {
        return Some(format!(
            "its screen scale {} is not one a screen has ({} to {})",
            geometry.scale_factor,
            SCALE.start(),
            SCALE.end()
        ));
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

    /// A session file's text whose saved window geometry is `size`, `place` and `scale`,
    /// as eframe writes it.
    fn session_with_window(size: (f32, f32), place: Option<(f32, f32)>, scale: f32) -> String {
        let number = |v: f32| {
            if v.is_nan() {
                "NaN".to_owned()
            } else if v.is_infinite() {
                if v > 0.0 { "inf" } else { "-inf" }.to_owned()
            } else {
                format!("{v:?}")
            }
        };
        let place = place.map_or("None".to_owned(), |(x, y)| {
            format!("Some((x:{},y:{}))", number(x), number(y))
        });
        let window = format!(
            "(normal_geometry:(outer_position_pixels:{place},scale_factor:{},inner_size_points:(x:{},y:{})),fullscreen:false,maximized:false)",
            number(scale),
            number(size.0),
            number(size.1)
        );
        let entries = HashMap::from([
            (
                "egui".to_owned(),
                ron::to_string(&egui::Memory::default()).unwrap(),
            ),
            (WINDOW_KEY.to_owned(), window),
        ]);
        ron::to_string(&entries).unwrap()
    }

    #[test]
    fn a_saved_window_geometry_that_no_window_can_have_is_named() {
        let good = session_with_window((1280.0, 800.0), Some((40.0, -20.0)), 1.5);
        assert_eq!(content_problem(&good), None);
        assert_eq!(
            content_problem(&session_with_window((900.0, 700.0), None, 1.0)),
            None
        );
        for size in [
            (f32::NAN, 800.0),
            (-1280.0, 800.0),
            (1280.0, 1e9),
            (f32::INFINITY, 10.0),
            (0.0, 0.0),
        ] {
            let problem = content_problem(&session_with_window(size, None, 1.0)).unwrap();
            assert!(problem.contains("window size"), "{size:?}: {problem}");
        }
        for place in [
            (f32::NAN, 0.0),
            (0.0, -1e12),
            (1e7, 0.0),
            (f32::NEG_INFINITY, 5.0),
        ] {
            let problem = content_problem(&session_with_window((800.0, 600.0), Some(place), 1.0)).unwrap();
            assert!(problem.contains("window place"), "{place:?}: {problem}");
        }
        for scale in [0.0, -2.0, f32::NAN, 1e6] {
            let problem = content_problem(&session_with_window((800.0, 600.0), None, scale)).unwrap();
            assert!(problem.contains("screen scale"), "{scale}: {problem}");
        }
        let garbled = good.replace("scale_factor", "scale");
        assert!(
            content_problem(&garbled)
                .unwrap()
                .contains("window geometry is unreadable")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_saved_window_of_nan_size_is_set_aside_and_the_status_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        let bad = session_with_window((f32::NAN, 800.0), Some((1e30, 0.0)), 1.0);
        std::fs::write(&path, &bad).unwrap();
        let note = set_aside_if_unusable(&path).unwrap();
        assert!(
            note.contains("window size") && note.contains("app.ron.unusable-1"),
            "{note}"
        );
        assert!(!path.exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("app.ron.unusable-1")).unwrap(),
            bad
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
