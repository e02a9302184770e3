//! The handwritten digits (UCI, Alpaydin & Kaynak 1998, CC BY 4.0; see
//! `assets/digits/SOURCE.md`), shipped inside the program and checked before use: a file
//! that is not what docs/model.md §7 measured on gives a message, never a panic.

use std::io::Read as _;
use std::sync::OnceLock;

use flate2::read::GzDecoder;
use ndarray::{Array2, ArrayView1};

/// Pixels of one image (8 × 8, row by row).
pub const PIXELS: usize = 64;
/// Side of an image, in pixels.
pub const SIDE: usize = 8;
/// Digits 0..=9.
pub const CLASSES: usize = 10;
/// Images in the shipped set.
pub const IMAGES: usize = 1_797;
/// The largest pixel count (each pixel counts the on pixels of a 4 × 4 block).
pub const MAX_PIXEL: u8 = 16;

/// The shipped file, compressed as scikit-learn ships it.
const SHIPPED_GZ: &[u8] = include_bytes!("../../assets/digits/digits.csv.gz");
/// Far more than the 265 kB the shipped file holds, so that a damaged (or hostile) file
/// cannot fill the memory.
const MAX_TEXT_BYTES: u64 = 4 << 20;

/// Why a digits file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// Not gzip, or cut short.
    #[error("the digits file is not a readable gzip file: {0}")]
    NotGzip(String),
    /// Larger than any digits file.
    #[error("the digits file unpacks to more than {} bytes", MAX_TEXT_BYTES)]
    TooLarge,
    /// A line that is not 64 pixel counts and a digit.
    #[error("line {line} of the digits file: {problem}")]
    Line {
        /// Line number, from 1.
        line: usize,
        /// What is wrong with it.
        problem: String,
    },
    /// Not the 1,797 images the set has.
    #[error("the digits file holds {found} images, not {IMAGES}")]
    Count {
        /// Images found.
        found: usize,
    },
    /// A digit without any image.
    #[error("the digits file has no image of the digit {0}")]
    MissingClass(usize),
}

/// The images and their digits.
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    /// One image a row, pixels scaled to 0..=1 (count / 16), row by row.
    images: Array2<f64>,
    /// The digit of each image.
    labels: Vec<u8>,
}

impl Digits {
    /// The shipped set, read and checked once.
    pub fn shipped() -> Result<&'static Self, DataError> {
        static SHIPPED: OnceLock<Result<Digits, DataError>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| Self::from_gzip(SHIPPED_GZ))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Reads and checks a gzip-compressed CSV file of the set.
    pub fn from_gzip(bytes: &[u8]) -> Result<Self, DataError> {
        let mut text = String::new();
        GzDecoder::new(bytes)
            .take(MAX_TEXT_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| DataError::NotGzip(e.to_string()))?;
        if text.len() as u64 > MAX_TEXT_BYTES {
            return Err(DataError::TooLarge);
        }
        Self::from_csv(&text)
    }

    /// Reads and checks the CSV text: one image a line, 64 pixel counts in 0..=16, then
    /// the digit.
    pub fn from_csv(text: &str) -> Result<Self, DataError> {
        let mut pixels = Vec::with_capacity(IMAGES * PIXELS);
        let mut labels = Vec::with_capacity(IMAGES);
        for (index, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let bad = |problem: String| DataError::Line {
                line: index + 1,
                problem,
            };
            let fields: Vec<&str> = line.trim().split(',').collect();
            if fields.len() != PIXELS + 1 {
                return Err(bad(format!("{} values, not {}", fields.len(), PIXELS + 1)));
            }
            for field in &fields[..PIXELS] {
                match field.trim().parse::<u8>() {
                    Ok(v) if v <= MAX_PIXEL => pixels.push(f64::from(v) / f64::from(MAX_PIXEL)),
                    _ => return Err(bad(format!("pixel `{field}` is not a count in 0..={MAX_PIXEL}"))),
                }
            }
            match fields[PIXELS].trim().parse::<u8>() {
                Ok(d) if usize::from(d) < CLASSES => labels.push(d),
                _ => return Err(bad(format!("`{}` is not a digit 0..=9", fields[PIXELS]))),
            }
        }
        if labels.len() != IMAGES {
            return Err(DataError::Count { found: labels.len() });
        }
        if let Some(missing) = (0..CLASSES).find(|&c| !labels.iter().any(|&l| usize::from(l) == c)) {
            return Err(DataError::MissingClass(missing));
        }
        // Every accepted line added exactly PIXELS pixels, so the shape always fits.
        let found = labels.len();
        let images =
            Array2::from_shape_vec((found, PIXELS), pixels).map_err(|_| DataError::Count { found })?;
        Ok(Self { images, labels })
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no images (never, for a checked set).
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Image `i`, pixels in 0..=1.
    pub fn image(&self, i: usize) -> ArrayView1<'_, f64> {
        self.images.row(i)
    }

    /// The digit of image `i`.
    pub fn label(&self, i: usize) -> usize {
        usize::from(self.labels[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_set_has_its_images_and_pixel_range() {
        let digits = Digits::shipped().unwrap();
        assert_eq!(digits.len(), IMAGES);
        let per_class: Vec<usize> = (0..CLASSES)
            .map(|c| (0..digits.len()).filter(|&i| digits.label(i) == c).count())
            .collect();
        assert!(
            per_class.iter().all(|&n| (170..=190).contains(&n)),
            "{per_class:?}"
        );
        assert!(digits.images.iter().all(|&p| (0.0..=1.0).contains(&p)));
        assert_eq!(digits.images.iter().copied().fold(0.0, f64::max), 1.0);
    }

    #[test]
    fn broken_files_are_refused_with_a_message() {
        assert!(matches!(
            Digits::from_gzip(b"not gzip"),
            Err(DataError::NotGzip(_))
        ));
        let line = |pixel: &str, digit: &str| format!("{}{pixel},{digit}\n", "0,".repeat(PIXELS - 1));
        let error = Digits::from_csv(&line("17", "3")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 1 of the digits file: pixel `17` is not a count in 0..=16"
        );
        let error = Digits::from_csv(&line("1", "x")).unwrap_err();
        assert!(error.to_string().contains("not a digit"), "{error}");
        let error = Digits::from_csv("1,2,3\n").unwrap_err();
        assert!(error.to_string().contains("3 values, not 65"), "{error}");
        let error = Digits::from_csv(&line("4", "3").repeat(5)).unwrap_err();
        assert_eq!(error, DataError::Count { found: 5 });
        let error = Digits::from_csv(&line("4", "3").repeat(IMAGES)).unwrap_err();
        assert_eq!(error, DataError::MissingClass(0));
    }
}
