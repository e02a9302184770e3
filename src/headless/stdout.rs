//! Whether the results have anywhere to go. A program started with its standard output
//! closed (`sleeplab run ... >&-`) gets `/dev/null` in its place from the Rust runtime,
//! opened for reading and writing, and every result printed there is lost without an error:
//! the command would exit 0 having shown nothing. Such a start is refused before the work.
//! `>/dev/null` opens it for writing only, and stays allowed: whoever wrote it means to
//! throw the results away.

/// Why standard output cannot take the results, if it cannot (Linux only: elsewhere, and
/// where `/proc` is missing, nothing is checked).
pub fn stdout_problem() -> Option<String> {
    let target = std::fs::read_link("/proc/self/fd/1").ok()?;
    if target != std::path::Path::new("/dev/null") {
        return None;
    }
    let info = std::fs::read_to_string("/proc/self/fdinfo/1").ok()?;
    let flags = info
        .lines()
        .find_map(|line| line.strip_prefix("flags:"))
        .and_then(|octal| u32::from_str_radix(octal.trim(), 8).ok())?;
    // O_ACCMODE and O_RDWR: a closed output is replaced by /dev/null opened read-write.
    (flags & 0o3 == 0o2).then(|| {
        "standard output is closed (or is /dev/null opened for reading and writing, as the system hands over a closed one), so the results would be printed nowhere; send them to a file or a pipe, or to `>/dev/null` if they are not wanted"
            .to_owned()
    })
}
