//! Why shard files cannot be merged: typed, each message naming the shard file (last) and
//! the difference.

use std::io;
use std::path::PathBuf;

use crate::save::describe_io_error;

/// Why `--shard I/N` is not a slice.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ShardSpecError {
    /// No `/`.
    #[error("`{0}` is not of the form I/N (slice I of N, as in 2/8)")]
    Form(String),
    /// Numbers out of range.
    #[error("`{0}`: I and N must be whole numbers with 1 ≤ I ≤ N ≤ {max}", max = super::MAX_SHARDS)]
    Range(String),
}

/// Why shard files do not make one batch; nothing is printed when merge refuses.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// No files given.
    #[error("no shard files to merge")]
    NoFiles,
    /// The file cannot be read.
    #[error("cannot read the shard: {} — {}", describe_io_error(.source), .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// A folder, a FIFO, a device: not a file to read to its end.
    #[error("cannot read the shard: not a regular file — {}", .path.display())]
    NotAFile {
        /// The file.
        path: PathBuf,
    },
    /// Larger than any shard SleepLab writes.
    #[error("cannot read the shard: {bytes} bytes, more than the limit of {max} — {}", .path.display(), max = super::MAX_SHARD_BYTES)]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// Not the JSON a `--shard` run prints.
    #[error("not the output of a `--shard` run of this SleepLab ({source}) — {}", .path.display())]
    NotAShard {
        /// The file.
        path: PathBuf,
        /// What the JSON reader said.
        #[source]
        source: serde_json::Error,
    },
    /// A header whose numbers no `--shard` run writes.
    #[error("the shard's header is not possible: {problem} — {}", .path.display())]
    BadHeader {
        /// What is impossible.
        problem: String,
        /// The file.
        path: PathBuf,
    },
    /// A shard of another batch than the first file's.
    #[error("this shard belongs to another batch than {}: {difference} — {}", .first.display(), .path.display())]
    OtherBatch {
        /// The first file given, whose batch the others must match.
        first: PathBuf,
        /// How this one differs.
        difference: String,
        /// The file.
        path: PathBuf,
    },
    /// A slice given twice.
    #[error("shard {index}/{count} is given twice — {}", .path.display())]
    Twice {
        /// The slice.
        index: usize,
        /// Slices in the batch.
        count: usize,
        /// The second file that holds it.
        path: PathBuf,
    },
    /// A slice not given.
    #[error("shard {index}/{count} is missing")]
    Missing {
        /// The slice.
        index: usize,
        /// Slices in the batch.
        count: usize,
    },
    /// A run that is not what the header says sits at its place.
    #[error("shard {shard}, run {run}: {problem} — {}", .path.display())]
    BadRun {
        /// The slice, `I/N`.
        shard: String,
        /// The run's place in the file, from 1.
        run: usize,
        /// What is wrong with it.
        problem: String,
        /// The file.
        path: PathBuf,
    },
}
