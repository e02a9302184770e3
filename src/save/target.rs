//! What a path names before anything is written to it: a regular file (or nothing yet) is
//! a target a save may replace; a folder, a FIFO, a device or a socket, directly or through
//! symbolic links, is refused, so that `--csv /dev/null` run as root never replaces
//! `/dev/null` and a FIFO never becomes a file.

use std::fs::FileType;
use std::path::{Path, PathBuf};

use super::{MAX_SYMLINK_HOPS, SaveError};

/// The file `path` names once every symbolic link on its last part is followed, if a save
/// may replace it: a regular file, or nothing yet (a link may point to a file that does not
/// exist yet: that is where the save goes). Anything else is refused, naming what is there.
pub fn check_target(path: &Path) -> Result<PathBuf, SaveError> {
    if names_a_folder(path) {
        return Err(SaveError::FolderName {
            path: path.to_owned(),
        });
    }
    let mut target = path.to_path_buf();
    let mut through_link = false;
    for _ in 0..MAX_SYMLINK_HOPS {
        let metadata = match std::fs::symlink_metadata(&target) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(target),
            Err(source) => {
                return Err(SaveError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let kind = metadata.file_type();
        if kind.is_file() {
            return Ok(target);
        }
        if !kind.is_symlink() {
            let what = if through_link {
                format!(
                    "it is a symbolic link to {} ({})",
                    kind_in_words(kind),
                    target.display()
                )
            } else {
                format!("it is {}", kind_in_words(kind))
            };
            return Err(SaveError::NotAFile {
                what,
                path: path.to_owned(),
            });
        }
        let link = std::fs::read_link(&target).map_err(SaveError::io(path))?;
        // A relative link is relative to the folder holding it; an absolute one replaces
        // the whole path in `join`.
        target = match target.parent() {
            Some(dir) => dir.join(link),
            None => link,
        };
        through_link = true;
        if names_a_folder(&target) {
            let what = format!("it is a symbolic link to a folder name ({})", target.display());
            return Err(SaveError::NotAFile {
                what,
                path: path.to_owned(),
            });
        }
    }
    Err(SaveError::SymlinkLoop {
        path: path.to_owned(),
    })
}

/// Checks, before any work, that a save to `path` can happen: the target is one a save may
/// replace ([`check_target`]), its folder exists, and a file can be made in it (a temporary
/// one, removed at once).
pub fn check_output(path: &Path) -> Result<(), SaveError> {
    let target = check_target(path)?;
    let dir = folder_of(&target);
    match std::fs::metadata(dir) {
        Ok(metadata) if metadata.is_dir() => {}
        Ok(_) => {
            let what = format!("its folder {} is not a folder", dir.display());
            return Err(SaveError::NotAFile {
                what,
                path: path.to_owned(),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(SaveError::NoFolder {
                path: path.to_owned(),
            });
        }
        Err(source) => {
            return Err(SaveError::Io {
                path: path.to_owned(),
                source,
            });
        }
    }
    super::temporary_file_in(dir)
        .map(drop)
        .map_err(SaveError::io(path))
}

/// The folder holding `target` (`.` for a bare file name).
pub(super) fn folder_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Whether `path` can only name a folder: empty, ending in a separator, or ending in `.` or
/// `..`.
fn names_a_folder(path: &Path) -> bool {
    let text = path.as_os_str().as_encoded_bytes();
    text.is_empty()
        || std::path::is_separator(char::from(text[text.len() - 1]))
        || path.file_name().is_none()
        || text.ends_with(b"/.")
        || text == b"."
}

/// A kind of file that is not a regular file, in words.
pub fn kind_in_words(kind: FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_told_from_file_names() {
        for folder in ["", "out/", "a/b/", ".", "..", "a/.", "a/.."] {
            assert!(names_a_folder(Path::new(folder)), "{folder}");
        }
        for file in ["out.csv", "a/b.csv", ".hidden", "a/..b"] {
            assert!(!names_a_folder(Path::new(file)), "{file}");
        }
    }
}
