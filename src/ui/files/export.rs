//! What the window writes besides presets: the weights as CSV and a screenshot as PNG.

use std::fmt::Write as _;
use std::path::Path;

use crate::preset::write_atomically;
use crate::sim::network::{DIRECTION_NAMES, N_OUTPUTS};
use crate::ui::units::UnitGroup;
use crate::worker::Frame;

/// The hidden→output weights of `frame` as CSV: a row per hidden unit, with its group
/// ("H", "V", "D+", "D−", or "other" for a unit that detects no bar). Only the header
/// before the first frame.
pub fn weights_csv(frame: Option<&Frame>) -> String {
    let mut out = String::from("hidden_unit,kind");
    for name in DIRECTION_NAMES {
        out.push(',');
        out.push_str(name);
    }
    out.push('\n');
    if let Some(frame) = frame {
        for (i, row) in frame.weights.chunks_exact(N_OUTPUTS).enumerate() {
            let kind = frame.hidden_kinds.get(i).map_or("", |k| UnitGroup::of(*k).name());
            let _ = write!(out, "{i},{kind}");
            for w in row {
                let _ = write!(out, ",{w}");
            }
            out.push('\n');
        }
    }
    out
}

/// Writes a picture of the window to `path` as PNG (atomically).
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let pixels: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_srgba_unmultiplied)
        .collect();
    let picture = u32::try_from(w)
        .ok()
        .zip(u32::try_from(h).ok())
        .and_then(|(w, h)| image::RgbaImage::from_raw(w, h, pixels))
        .ok_or_else(|| "the picture was empty".to_owned())?;
    let mut bytes = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    write_atomically(path, &bytes)
}
