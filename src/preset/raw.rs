//! Mistakes in a preset's TOML that the reader would report in misleading words, found on
//! the raw table first: a parameter table written as a list (`[[development]]`), a top-level
//! key written below a table (TOML then reads it as that table's key), and keys an
//! `unfreeze` block does not take (the reader would ignore them silently).

/// The preset's tables of parameters (each written `[name]`, once).
const TABLES: [&str; 6] = ["world", "network", "plasticity", "sleep", "development", "probes"];

/// The preset's top-level keys, which must come before the first `[table]` line.
const TOP_LEVEL: [&str; 5] = ["format", "name", "description", "seed", "schedule"];

/// The first such mistake in `table` (a whole preset), in words naming the key or block.
pub fn mistake(table: &toml::Table) -> Option<String> {
    for name in TABLES {
        match table.get(name) {
            Some(toml::Value::Array(_)) => {
                return Some(format!(
                    "`[[{name}]]` makes a list of `{name}` tables; the preset has one: write `[{name}]`, with one pair of brackets"
                ));
            }
            Some(toml::Value::Table(inner)) => {
                if let Some(key) = TOP_LEVEL.iter().find(|k| inner.contains_key(**k)) {
                    return Some(format!(
                        "`{key}` is written below the `[{name}]` table, so TOML reads it as `{name}.{key}`; move it above the first `[table]` line{}",
                        if *key == "schedule" {
                            " (or write the blocks as `[[schedule]]` tables)"
                        } else {
                            ""
                        }
                    ));
                }
            }
            _ => {}
        }
    }
    match table.get("schedule") {
        Some(toml::Value::Array(blocks)) => unfreeze_with_keys(blocks, "schedule"),
        _ => None,
    }
}

/// The first `unfreeze` block in `blocks` (at `path`, repeats searched) that holds a key
/// besides `phase`.
fn unfreeze_with_keys(blocks: &[toml::Value], path: &str) -> Option<String> {
    for (index, block) in blocks.iter().enumerate() {
        let Some(block) = block.as_table() else { continue };
        let here = format!("{path}[{index}]");
        match block.get("phase").and_then(toml::Value::as_str) {
            Some("unfreeze") => {
                if let Some(key) = block.keys().find(|k| *k != "phase") {
                    return Some(format!(
                        "`{here}.{key}`: an `unfreeze` block takes no key but `phase` (it releases every frozen synapse and takes no cycles)"
                    ));
                }
            }
            Some("repeat") => {
                if let Some(toml::Value::Array(inner)) = block.get("blocks")
                    && let Some(found) = unfreeze_with_keys(inner, &format!("{here}.blocks"))
                {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn each_mistake_is_named_in_its_own_words() {
        let list = mistake(&table("[[development]]\nunits = 10\n")).unwrap();
        assert!(list.contains("write `[development]`"), "{list}");
        let below = mistake(&table("[sleep]\nnoise_scale = 1.0\nschedule = []\n")).unwrap();
        assert!(
            below.contains("`schedule` is written below the `[sleep]` table"),
            "{below}"
        );
        let unfreeze = mistake(&table(
            "[[schedule]]\nphase = \"repeat\"\ntimes = 2\nblocks = [{ phase = \"unfreeze\", cycles = 5 }]\n",
        ))
        .unwrap();
        assert!(
            unfreeze.starts_with("`schedule[0].blocks[0].cycles`"),
            "{unfreeze}"
        );
        assert_eq!(
            mistake(&table(
                "[sleep]\nnoise_scale = 1.0\n[[schedule]]\nphase = \"unfreeze\"\n"
            )),
            None
        );
    }
}
