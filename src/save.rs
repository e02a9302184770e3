//! Faithful saves of presets, sessions and CSV files: a file is either entirely the new
//! content or untouched, keeps its permissions, stays where a symbolic link points, and is
//! on the disk (file and folder synced) when the save says it is done. A save never
//! replaces what is not a regular file (a folder, a FIFO, a device, a socket), nor writes
//! through a symbolic link to one: it refuses before writing anything.

mod error;
mod leftovers;
mod target;

use std::fs::File;
use std::io::{self, Write as _};
use std::path::Path;

pub use error::SaveError;
pub use leftovers::{LEFTOVER_AGE, owner_of, remove_leftovers};
pub use target::{check_output, check_target, kind_in_words};

/// Symbolic links followed at most, as the system does, before a save gives up.
pub const MAX_SYMLINK_HOPS: usize = 40;

/// The start of every temporary file a save makes beside its target, which is named
/// `.sleeplab-<pid>-XXXXXX.tmp` after the process saving. It is short, so that a target
/// whose name is near the system's limit of 255 bytes can still be saved, and says whose it
/// is, should a kill ever leave one behind (the next save into the folder removes it: see
/// [`remove_leftovers`]).
pub const TEMPORARY_PREFIX: &str = ".sleeplab-";

/// Writes `bytes` to `path` atomically (see [`write_atomically_with`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// Writes a file so that it is either entirely the new content or untouched: `write` fills
/// a temporary file beside the target, which is synced to disk and renamed over the target,
/// and then the folder is synced so that the rename survives a crash too. A full disk, a
/// failing `write` or a crash never leaves a half-written file in place of a good one, and
/// the temporary file is removed on failure.
///
/// The target is checked first ([`check_target`]): a folder, a FIFO, a device or a socket,
/// or a symbolic link to one, is refused before anything is written. The new file keeps
/// the permissions of the file it replaces (a new file gets the usual ones, 0666 less the
/// umask). When `path` is a symbolic link to a regular file, that file is replaced and the
/// link stays.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), SaveError> {
    let target = check_target(path)?;
    let dir = target::folder_of(&target);
    let io = SaveError::io;
    let old_permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    leftovers::remove_leftovers_once(dir);
    let mut temporary = temporary_file_in(dir).map_err(io(path))?;
    if let Some(permissions) = old_permissions {
        temporary
            .as_file()
            .set_permissions(permissions)
            .map_err(io(path))?;
    }
    write(temporary.as_file_mut()).map_err(io(path))?;
    temporary.as_file_mut().flush().map_err(io(path))?;
    temporary.as_file().sync_all().map_err(io(path))?;
    // Checked again just before the rename: what the path names may have changed while
    // the file was written.
    check_target(path)?;
    temporary.persist(&target).map_err(|e| io(path)(e.error))?;
    sync_folder(dir);
    Ok(())
}

/// A new temporary file in `dir`, named `.sleeplab-<pid>-XXXXXX.tmp`, removed when dropped
/// unless it is persisted.
fn temporary_file_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    let prefix = leftovers::temporary_prefix();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Syncs a folder so that a rename in it is on the disk. The new content is already in
/// place when this runs, so a failure (some file systems cannot sync a folder) is only
/// logged, not reported as a failed save.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Err(e) = File::open(dir).and_then(|d| d.sync_all()) {
        log::warn!("saved, but could not sync the folder {}: {e}", dir.display());
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// An I/O error in plain words.
pub fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a directory, not a file".into(),
        io::ErrorKind::NotADirectory => "a part of the path is not a folder".into(),
        io::ErrorKind::InvalidFilename => "the name is too long or not allowed here".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::BrokenPipe => "its reader closed it before the end (a broken pipe)".into(),
        _ => error.to_string(),
    }
}
