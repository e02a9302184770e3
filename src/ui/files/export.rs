//! What the window writes besides presets: the weights as CSV and a screenshot as PNG
//! (of the whole window, or of a part cut from it).

use std::fmt::Write as _;
use std::path::Path;

use crate::preset::{SaveError, write_atomically};
use crate::sim::network::DIRECTION_NAMES;
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
        for (i, row) in frame.weights.rows().into_iter().enumerate() {
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

/// The part of `image` inside `rect` (in pixels), cut to the image's edges: a rectangle
/// wholly outside gives an empty picture, never a panic.
pub fn crop(image: &egui::ColorImage, rect: egui::Rect) -> egui::ColorImage {
    let [w, h] = image.size;
    let clamp = |v: f32, max: usize| v.round().clamp(0.0, max as f32) as usize;
    let (x0, x1) = (clamp(rect.min.x, w), clamp(rect.max.x, w));
    let (y0, y1) = (clamp(rect.min.y, h), clamp(rect.max.y, h));
    let (x1, y1) = (x1.max(x0), y1.max(y0));
    image.region_by_pixels([x0, y0], [x1 - x0, y1 - y0])
}

/// Why a picture could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The picture has no pixels, or not as many as its size says.
    #[error("the picture was empty")]
    Empty,
    /// The PNG encoder refused the picture.
    #[error(transparent)]
    Encode(#[from] image::ImageError),
    /// The file could not be written (the message ends with the path).
    #[error("{0}")]
    Write(SaveError),
}

/// Writes a picture of the window to `path` as PNG (atomically).
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), PngError> {
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
        .ok_or(PngError::Empty)?;
    let mut bytes = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)?;
    write_atomically(path, &bytes).map_err(PngError::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crop_keeps_the_part_asked_for_and_stays_inside_the_picture() {
        let pixels = (0..12_u8).map(egui::Color32::from_gray).collect();
        let image = egui::ColorImage::new([4, 3], pixels);
        let part = crop(
            &image,
            egui::Rect::from_min_max(egui::pos2(1.0, 1.0), egui::pos2(3.0, 3.0)),
        );
        assert_eq!(part.size, [2, 2]);
        assert_eq!(part.pixels[0], egui::Color32::from_gray(5));
        assert_eq!(part.pixels[3], egui::Color32::from_gray(10));
        let beyond = crop(
            &image,
            egui::Rect::from_min_max(egui::pos2(2.0, -5.0), egui::pos2(90.0, 90.0)),
        );
        assert_eq!(beyond.size, [2, 3]);
        let outside = crop(
            &image,
            egui::Rect::from_min_max(egui::pos2(50.0, 50.0), egui::pos2(60.0, 60.0)),
        );
        assert_eq!(outside.size, [0, 0]);
    }
}
