//! The limits that keep a preset's work bounded, decided before anything runs: the size and
//! kind of the file, the length and characters of its texts, and what its schedule will
//! cost ([`ScheduleCost`]). Each refusal names the key or block and the limit.

use std::io::Read as _;
use std::path::Path;

use super::{PresetError, PresetProblem, describe_io_error};
use crate::series::{MEALS_PER_POINT, ScorePoint};
use crate::sim::probe::{ProbeResult, Probes};
use crate::sim::schedule::cost::{ScheduleCost, ScheduleShape};
use crate::sim::schedule::{Block, TestResult};

/// The largest preset file read, in bytes (1 MB; the shipped presets are about 2 kB).
pub const MAX_PRESET_BYTES: u64 = 1_000_000;
/// The longest `name`, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest `description`, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// The longest test label, in characters.
pub const MAX_LABEL_CHARS: usize = 100;
/// The most blocks a schedule may write down (repeat blocks and their contents included).
pub const MAX_SCHEDULE_ENTRIES: u64 = 10_000;
/// The deepest nesting of repeats: 1 is a list without repeats.
pub const MAX_SCHEDULE_DEPTH: u64 = 16;
/// The longest schedule SleepLab agrees to run, in movement cycles.
pub const MAX_SCHEDULE_CYCLES: u64 = 1_000_000_000;
/// The most wake, sleep and test blocks a schedule may run, repeats counted.
pub const MAX_SCHEDULE_BLOCKS: u64 = 1_000_000_000;
/// The most blocks the runner may look at, repeat blocks and each of their rounds counted.
pub const MAX_WALK_STEPS: u64 = 2_000_000_000;
/// The most test blocks a schedule may run (each keeps a result and builds two worlds).
pub const MAX_TESTS: u64 = 100_000;
/// The most memory one run's record may take (test results, labels, score history).
pub const MAX_RUN_MEMORY_BYTES: u64 = 1 << 30;
/// Copies of each test result a headless run keeps (the runner's, the report's and the
/// CSV series').
const RESULT_COPIES: u64 = 3;
/// Characters of the source quoted in an error message.
const MAX_QUOTED_CHARS: usize = 80;

/// Reads a preset file's text: refuses before reading anything that is not a regular file
/// (a FIFO would wait forever, `/dev/zero` never ends) or is over [`MAX_PRESET_BYTES`], and
/// reads at most one byte more than the limit in case the file grows meanwhile.
pub(super) fn read_preset_text(path: &Path) -> Result<String, PresetError> {
    let refuse = |reason: String| PresetError::Read {
        reason,
        path: path.to_owned(),
    };
    let metadata = std::fs::metadata(path).map_err(|e| refuse(describe_io_error(&e)))?;
    if metadata.is_dir() {
        return Err(refuse("it is a directory, not a file".into()));
    }
    if !metadata.is_file() {
        return Err(refuse(format!(
            "it is {}, not a regular file",
            special_file_kind(&metadata)
        )));
    }
    let too_big = |bytes: u64| {
        refuse(format!(
            "the file is {bytes} bytes, more than the {MAX_PRESET_BYTES} a preset may have"
        ))
    };
    if metadata.len() > MAX_PRESET_BYTES {
        return Err(too_big(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| refuse(describe_io_error(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_PRESET_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refuse(describe_io_error(&e)))?;
    if bytes.len() as u64 > MAX_PRESET_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|_| PresetError::Invalid {
        problem: PresetProblem::NotText,
        path: path.to_owned(),
    })
}

/// What kind of special file the metadata describes, in words.
fn special_file_kind(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = metadata;
    "a special file"
}

/// Checks that preset text is not over [`MAX_PRESET_BYTES`] (text pasted, dropped or kept
/// in the window's session never went through [`read_preset_text`]).
pub(super) fn check_text_size(text: &str) -> Result<(), String> {
    if text.len() as u64 > MAX_PRESET_BYTES {
        return Err(format!(
            "the preset is {} bytes, more than the {MAX_PRESET_BYTES} a preset may have",
            text.len()
        ));
    }
    Ok(())
}

/// Checks a text field: at most `max_chars` characters and no control characters (terminal
/// escape codes among them), except line breaks and tabs where `multi_line`.
pub(super) fn check_text(key: &str, value: &str, max_chars: usize, multi_line: bool) -> Result<(), String> {
    let chars = value.chars().count();
    if chars > max_chars {
        return Err(format!(
            "`{key}` is {chars} characters long, more than the {max_chars} allowed"
        ));
    }
    let allowed = |c: char| multi_line && (c == '\n' || c == '\t' || c == '\r');
    if let Some(c) = value.chars().find(|&c| c.is_control() && !allowed(c)) {
        return Err(format!(
            "`{key}` holds a control character ({}); only printable text is allowed",
            c.escape_default()
        ));
    }
    Ok(())
}

/// Why a schedule or the acts go over a limit, in words that name the key or block
/// (`schedule[2].blocks[0]`). It reads as its message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LimitProblem(pub String);

impl std::ops::Deref for LimitProblem {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for LimitProblem {
    fn from(message: String) -> Self {
        Self(message)
    }
}

impl From<LimitProblem> for super::PresetProblem {
    fn from(problem: LimitProblem) -> Self {
        super::PresetProblem::Limit(problem.0)
    }
}

/// Checks a schedule before it runs: not empty, not too big to write down or nest, each
/// block well formed, and its [`ScheduleCost`] within every limit. Refusals name the block
/// (`schedule[2].blocks[0]`) that goes over a limit on its own, or `schedule` when only the
/// whole does.
pub fn check_schedule(schedule: &[Block]) -> Result<ScheduleCost, LimitProblem> {
    let shape = ScheduleShape::of(schedule);
    if shape.entries > MAX_SCHEDULE_ENTRIES {
        return Err(LimitProblem(format!(
            "`schedule` has {} blocks written down, more than the limit of {MAX_SCHEDULE_ENTRIES}; use `repeat`",
            shape.entries
        )));
    }
    if shape.depth > MAX_SCHEDULE_DEPTH {
        // The depth counts the schedule's own list: repeats nest one level less.
        return Err(LimitProblem(format!(
            "`schedule` nests repeats {} deep, more than the limit of {}",
            shape.depth - 1,
            MAX_SCHEDULE_DEPTH - 1
        )));
    }
    check_blocks(schedule, "schedule").map_err(LimitProblem)?;
    if let Some((path, problem)) = first_over_limit(schedule, "schedule") {
        return Err(LimitProblem(format!("`{path}` is too long to run: {problem}")));
    }
    let cost = ScheduleCost::of(schedule);
    if let Some(problem) = over_limit(&cost) {
        return Err(LimitProblem(format!("`schedule` is too long to run: {problem}")));
    }
    if cost.cycles() == 0 {
        return Err(LimitProblem(
            "`schedule` runs no cycle: add a `[[schedule]]` block (wake, sleep or test) with `cycles` above 0"
                .into(),
        ));
    }
    Ok(cost)
}

/// Checks a schedule as [`check_schedule`] does, and then its cost with the probes
/// `probes` takes along it (their frozen cycles and kept results count against the same
/// limits).
pub fn check_run(schedule: &[Block], probes: &Probes) -> Result<ScheduleCost, LimitProblem> {
    let cost = check_schedule(schedule)?.with_probes(probes);
    if let Some(problem) = over_limit(&cost) {
        return Err(LimitProblem(format!(
            "`schedule` with its `probes` is too long to run: {problem} (take fewer or shorter probes)"
        )));
    }
    Ok(cost)
}

/// Checks each block (recursively; the depth is checked first): test labels, test lengths.
fn check_blocks(blocks: &[Block], path: &str) -> Result<(), String> {
    for (index, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{index}]");
        match block {
            Block::Test { label, cycles } => {
                if label.trim().is_empty() {
                    return Err(format!("`{here}.label` is empty; a test block needs a label"));
                }
                check_text(&format!("{here}.label"), label, MAX_LABEL_CHARS, false)?;
                if *cycles == 0 {
                    return Err(format!(
                        "`{here}.cycles` is 0; a test block needs at least 1 cycle"
                    ));
                }
            }
            Block::Repeat { blocks, .. } => check_blocks(blocks, &format!("{here}.blocks"))?,
            Block::Freeze { top_percent } => {
                if !top_percent.is_finite() || !(0.0..=100.0).contains(top_percent) {
                    return Err(format!(
                        "`{here}.top_percent` = {top_percent} is out of range (allowed: 0 to 100)"
                    ));
                }
            }
            Block::Wake { .. } | Block::Sleep { .. } | Block::Develop { .. } | Block::Unfreeze => {}
        }
    }
    Ok(())
}

/// The innermost block that is over a limit on its own, and how.
fn first_over_limit(blocks: &[Block], path: &str) -> Option<(String, String)> {
    for (index, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{index}]");
        if let Some(problem) = over_limit(&ScheduleCost::of_block(block)) {
            if let Block::Repeat { blocks, .. } = block
                && let Some(inner) = first_over_limit(blocks, &format!("{here}.blocks"))
            {
                return Some(inner);
            }
            return Some((here, problem));
        }
    }
    None
}

/// The first limit `cost` goes over, in words.
fn over_limit(cost: &ScheduleCost) -> Option<String> {
    let memory = memory_bytes(cost);
    let checks = [
        (cost.cycles(), MAX_SCHEDULE_CYCLES, "cycles"),
        (cost.blocks, MAX_SCHEDULE_BLOCKS, "blocks (repeats counted)"),
        (
            cost.walk_steps,
            MAX_WALK_STEPS,
            "blocks to walk through (repeats and their rounds counted)",
        ),
        (cost.tests, MAX_TESTS, "test blocks (repeats counted)"),
        (
            memory,
            MAX_RUN_MEMORY_BYTES,
            "bytes of test results and score history to keep",
        ),
    ];
    checks
        .into_iter()
        .find(|(value, limit, _)| value > limit)
        .map(|(value, limit, what)| {
            let value = if value == u64::MAX {
                "more than 18446744073709551615".to_owned()
            } else {
                value.to_string()
            };
            format!("{value} {what} in all, more than the limit of {limit}")
        })
}

/// The most memory one run's record can take: each test result with its label and each
/// probe result (kept `RESULT_COPIES` times) and the score history, at most one point
/// per [`MEALS_PER_POINT`] wake cycles (a meal a cycle at most).
pub fn memory_bytes(cost: &ScheduleCost) -> u64 {
    let results = cost
        .tests
        .saturating_mul(std::mem::size_of::<TestResult>() as u64)
        .saturating_add(cost.label_bytes)
        .saturating_add(
            cost.probes
                .saturating_mul(std::mem::size_of::<ProbeResult>() as u64),
        )
        .saturating_mul(RESULT_COPIES);
    let points = cost.wake_cycles / MEALS_PER_POINT as u64;
    results.saturating_add(points.saturating_mul(std::mem::size_of::<ScorePoint>() as u64))
}

/// At most `max_chars` characters of `text`, control characters escaped, "…" where cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The line number (from 1) of byte `offset` in `text`, and a short excerpt of that line
/// around it: the whole line when short, else up to `MAX_QUOTED_CHARS` characters
/// starting a little before the offset, control characters escaped.
pub fn quote_source(text: &str, offset: usize) -> (usize, String) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line_number = text[..offset].matches('\n').count() + 1;
    let line = &text[line_start..line_end];
    let column = text[line_start..offset].chars().count();
    let skip = column.saturating_sub(MAX_QUOTED_CHARS / 4);
    let tail: String = line.chars().skip(skip).take(MAX_QUOTED_CHARS + 1).collect();
    let quoted = excerpt(tail.trim(), MAX_QUOTED_CHARS);
    (line_number, if skip > 0 { format!("…{quoted}") } else { quoted })
}
