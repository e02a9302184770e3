//! Showing an error once: its own words, then each cause's, on one line.

use std::error::Error;

/// `error` and its causes, joined by ": " (what `main` prints and the status line shows).
/// A cause whose words the line already holds is not repeated: some libraries' errors
/// print their cause themselves and also return it as their source.
pub fn chain(error: &dyn Error) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(next) = cause {
        let words = next.to_string();
        if !words.is_empty() && !line.contains(&words) {
            line.push_str(": ");
            line.push_str(&words);
        }
        cause = next.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot save the file")]
    struct Outer(#[source] io::Error);

    #[derive(Debug, thiserror::Error)]
    #[error("cannot save the file: {0}")]
    struct Repeats(#[source] io::Error);

    #[test]
    fn the_chain_gives_each_cause_once_after_the_error() {
        let denied = || io::Error::new(io::ErrorKind::PermissionDenied, "permission denied");
        assert_eq!(chain(&Outer(denied())), "cannot save the file: permission denied");
        assert_eq!(
            chain(&Repeats(denied())),
            "cannot save the file: permission denied"
        );
    }
}
