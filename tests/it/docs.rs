//! The docs a newcomer reads stay true to the code: every section of the model a source
//! file cites ("§2b", "§2–4") is a heading of docs/model.md, and ARCHITECTURE.md stays a map.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The sections a text cites: "§3b" gives 3b, "§2–4" (or "§2-4") gives 2, 3 and 4.
fn cited_sections(text: &str) -> Vec<String> {
    let mut cited = Vec::new();
    for (at, _) in text.match_indices('§') {
        let rest = &text[at + '§'.len_utf8()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            continue;
        }
        let after = &rest[digits.len()..];
        let letter = after.chars().next().filter(char::is_ascii_lowercase);
        if let Some(letter) = letter {
            cited.push(format!("{digits}{letter}"));
            continue;
        }
        let last = after
            .strip_prefix('–')
            .or_else(|| after.strip_prefix('-'))
            .map(|r| r.chars().take_while(char::is_ascii_digit).collect::<String>())
            .filter(|d| !d.is_empty());
        let first: u32 = digits.parse().unwrap();
        let last: u32 = last.map_or(first, |d| d.parse().unwrap());
        cited.extend((first..=last).map(|n| n.to_string()));
    }
    cited
}

/// The section numbers of docs/model.md: headings such as `## 3. …` and `### 3b. …`.
fn model_sections() -> BTreeSet<String> {
    let model = std::fs::read_to_string(root().join("docs/model.md")).unwrap();
    model
        .lines()
        .filter(|line| line.starts_with('#'))
        .filter_map(|line| line.trim_start_matches('#').trim_start().split_once(". "))
        .map(|(number, _)| number.to_owned())
        .filter(|number| number.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect()
}

#[test]
fn citations_read_ranges_and_lettered_sections() {
    assert_eq!(
        cited_sections("(§2–4, §3b; §1-2) § and §x"),
        ["2", "3", "4", "3b", "1", "2"]
    );
}

#[test]
fn every_section_a_source_file_cites_is_a_heading_of_the_model_page() {
    let sections = model_sections();
    assert!(
        sections.contains("1") && sections.contains("2b"),
        "headings read: {sections:?}"
    );
    let mut cited_anywhere = 0;
    let mut missing = Vec::new();
    for file in rust_files(&root().join("src")) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("SCIENCE.md"),
            "{} cites SCIENCE.md, which is not in the repository: cite docs/model.md",
            file.display()
        );
        for section in cited_sections(&text) {
            cited_anywhere += 1;
            if !sections.contains(&section) {
                missing.push(format!("§{section} in {}", file.display()));
            }
        }
    }
    assert!(cited_anywhere > 0, "the sources cite the model");
    assert!(missing.is_empty(), "cited but not in docs/model.md: {missing:?}");
}

#[test]
fn architecture_md_stays_a_map_of_at_most_220_lines_with_where_a_change_goes() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let lines = text.lines().count();
    assert!(
        lines <= 220,
        "ARCHITECTURE.md has {lines} lines: move logs to docs/"
    );
    assert!(text.contains("## Where a change goes"));
}
