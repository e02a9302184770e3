//! Why a save was refused or failed: typed, each with the message users see (the path
//! last).

use std::io;
use std::path::PathBuf;

use super::MAX_SYMLINK_HOPS;

/// Why a file could not be saved. The old file, if any, is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The path names something that is not a regular file (a folder, a FIFO, a device, a
    /// socket), directly or through symbolic links: SleepLab never replaces one.
    #[error("{what}, not a regular file, and SleepLab never replaces one — {}", .path.display())]
    NotAFile {
        /// What is there, in words (`a FIFO (named pipe)`, `a symbolic link to a
        /// character device (/dev/null)`).
        what: String,
        /// The path as given.
        path: PathBuf,
    },
    /// The path ends in a separator or `..`, so it names a folder.
    #[error("the path names a folder (it ends in `/`, `.` or `..`), not a file — {}", .path.display())]
    FolderName {
        /// The path as given.
        path: PathBuf,
    },
    /// The folder that would hold the file is missing.
    #[error("the folder that would hold the file does not exist — {}", .path.display())]
    NoFolder {
        /// The path as given.
        path: PathBuf,
    },
    /// Symbolic links that go on and on.
    #[error("more than {MAX_SYMLINK_HOPS} symbolic links in a row (a loop?) — {}", .path.display())]
    SymlinkLoop {
        /// The path as given.
        path: PathBuf,
    },
    /// The system refused a step of the save (the folder, the temporary file, the write,
    /// the rename).
    #[error("{} — {}", super::describe_io_error(.source), .path.display())]
    Io {
        /// The path as given.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
}

impl SaveError {
    /// The error of an I/O step of saving `path`.
    pub(super) fn io(path: &std::path::Path) -> impl FnOnce(io::Error) -> Self + '_ {
        move |source| Self::Io {
            path: path.to_owned(),
            source,
        }
    }
}
