//! Faithful saves of presets, sessions and CSV files: a file is either entirely the new
//! content or untouched, keeps its permissions, stays where a symbolic link points, and is
//! on the disk (file and folder synced) when the save says it is done.

use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Symbolic links followed at most, as the system does, before a save gives up.
const MAX_SYMLINK_HOPS: usize = 40;

/// Writes `bytes` to `path` atomically (see [`write_atomically_with`]); the error is in
/// plain words.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomically_with(path, |file| file.write_all(bytes)).map_err(|e| describe_io_error(&e))
}

/// Writes a file so that it is either entirely the new content or untouched: `write` fills
/// a temporary file beside the target, which is synced to disk and renamed over the target,
/// and then the folder is synced so that the rename survives a crash too. A full disk, a
/// failing `write` or a crash never leaves a half-written file in place of a good one, and
/// the temporary file is removed on failure.
///
/// The new file keeps the permissions of the file it replaces (a new file gets the usual
/// ones, 0666 less the umask). When `path` is a symbolic link, the file it points to is
/// replaced and the link stays.
pub fn write_atomically_with(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let target = resolve_symlinks(path)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old_permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(dir)?;
    if let Some(permissions) = old_permissions {
        temporary.as_file().set_permissions(permissions)?;
    }
    write(temporary.as_file_mut())?;
    temporary.as_file_mut().flush()?;
    temporary.as_file().sync_all()?;
    temporary.persist(&target).map_err(|e| e.error)?;
    sync_folder(dir);
    Ok(())
}

/// The file `path` names once every symbolic link on its last part is followed (a link
/// may point to a file that does not exist yet: that is where the save goes).
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..MAX_SYMLINK_HOPS {
        match std::fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&target)?;
                // A relative link is relative to the folder holding it; an absolute one
                // replaces the whole path in `join`.
                target = match target.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_SYMLINK_HOPS} symbolic links in a row (a loop?)"
    )))
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
pub fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory, not a file".into(),
        std::io::ErrorKind::StorageFull => "the disk is full".into(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => error.to_string(),
    }
}
