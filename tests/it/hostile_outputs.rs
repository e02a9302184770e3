//! Outputs as a hostile user points them: at a FIFO, a socket, a folder, a symbolic link to
//! one, a name of 255 bytes. A save never replaces what is not a regular file.

use std::path::Path;

use sleeplab::preset::Preset;
use sleeplab::save::{SaveError, write_atomically};

use crate::common::cli::{fifo, names};

/// Whether `path` is still a FIFO.
#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[cfg(unix)]
#[test]
fn a_save_never_replaces_a_fifo_a_socket_or_a_folder_even_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.csv");
    fifo(&pipe);
    let socket = dir.path().join("socket.csv");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let folder = dir.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&pipe, &link).unwrap();
    let chain = dir.path().join("chain.csv");
    std::os::unix::fs::symlink("link.csv", &chain).unwrap();
    for (path, what) in [
        (&pipe, "it is a FIFO (named pipe), not a regular file"),
        (&socket, "it is a socket, not a regular file"),
        (&folder, "it is a folder, not a regular file"),
        (&link, "it is a symbolic link to a FIFO (named pipe)"),
        (&chain, "it is a symbolic link to a FIFO (named pipe)"),
    ] {
        let error = write_atomically(path, b"new").unwrap_err();
        assert!(matches!(error, SaveError::NotAFile { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains(what), "{message}");
        assert!(message.ends_with(&path.display().to_string()), "{message}");
        let saved = Preset::default().save(path).unwrap_err().to_string();
        assert!(saved.contains(what), "{saved}");
    }
    assert!(is_fifo(&pipe));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none());
    // Nothing else was made: no temporary file is left behind.
    assert_eq!(
        names(dir.path()),
        ["chain.csv", "folder.csv", "link.csv", "pipe.csv", "socket.csv"]
    );
    // A path that ends in a separator names a folder, even where none exists.
    let slash = format!("{}/", dir.path().join("new.csv").display());
    let message = write_atomically(Path::new(&slash), b"x").unwrap_err().to_string();
    assert!(message.contains("names a folder"), "{message}");
}

#[test]
fn a_name_of_255_bytes_saves_and_a_failed_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.csv", "n".repeat(251));
    let path = dir.path().join(&name);
    write_atomically(&path, b"long name").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"long name");
    write_atomically(&path, b"again").unwrap();
    assert_eq!(names(dir.path()), std::slice::from_ref(&name));
    // One byte more is refused by the system, cleanly and naming the path.
    let longer = dir.path().join(format!("{}.csv", "n".repeat(252)));
    let message = write_atomically(&longer, b"x").unwrap_err().to_string();
    assert!(message.contains("too long"), "{message}");
    assert_eq!(names(dir.path()), [name]);
}
