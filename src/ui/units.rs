//! Hidden units as the panels group them: by the bar orientation a unit detects, and one
//! "other" group for units that detect no bar (a learned hidden layer, say). Every panel
//! that groups, colours or tags hidden units goes through here, so no unit vanishes.

use egui::Color32;

use super::palette;
use crate::sim::world::{BarKind, Task};

/// The group a hidden unit is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitGroup {
    /// Units that fire for one bar orientation.
    Detects(BarKind),
    /// Units without a bar kind.
    Other,
}

impl UnitGroup {
    /// Every group, in display order (bar kinds first, then the others).
    pub const ALL: [UnitGroup; 5] = [
        UnitGroup::Detects(BarKind::ALL[0]),
        UnitGroup::Detects(BarKind::ALL[1]),
        UnitGroup::Detects(BarKind::ALL[2]),
        UnitGroup::Detects(BarKind::ALL[3]),
        UnitGroup::Other,
    ];

    /// The group of a unit with this bar kind (or none).
    pub fn of(kind: Option<BarKind>) -> Self {
        kind.map_or(UnitGroup::Other, UnitGroup::Detects)
    }

    /// Its short name in labels and CSV ("H", "V", "D+", "D−", "other").
    pub fn name(self) -> &'static str {
        match self {
            UnitGroup::Detects(kind) => kind.short_name(),
            UnitGroup::Other => "other",
        }
    }

    /// Its colour.
    pub fn colour(self) -> Color32 {
        match self {
            UnitGroup::Detects(kind) => palette::kind(kind),
            UnitGroup::Other => palette::OTHER_UNITS,
        }
    }

    /// The task whose bars drive its units, if any.
    pub fn task(self) -> Option<Task> {
        match self {
            UnitGroup::Detects(kind) => Some(Task::of_kind(kind)),
            UnitGroup::Other => None,
        }
    }
}

/// The hidden units grouped for display: each non-empty group with its units in index
/// order, groups in [`UnitGroup::ALL`] order. Every unit is in exactly one group.
pub fn grouped(kinds: &[Option<BarKind>]) -> Vec<(UnitGroup, Vec<usize>)> {
    UnitGroup::ALL
        .iter()
        .map(|&group| {
            let members = (0..kinds.len())
                .filter(|&i| UnitGroup::of(kinds[i]) == group)
                .collect();
            (group, members)
        })
        .filter(|(_, members): &(UnitGroup, Vec<usize>)| !members.is_empty())
        .collect()
}

/// A neuron the user chose (in the raster, the heatmap or the receptive fields), shown in
/// the inspector and framed in every view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Hidden unit number i.
    Hidden(usize),
    /// Output j (moves the animal in direction j).
    Output(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_without_a_bar_kind_is_grouped_as_other_and_none_is_lost() {
        let kinds = [
            Some(BarKind::Vertical),
            None,
            Some(BarKind::Horizontal),
            None,
            Some(BarKind::Vertical),
        ];
        let groups = grouped(&kinds);
        let names: Vec<_> = groups.iter().map(|(g, _)| g.name()).collect();
        assert_eq!(names, ["H", "V", "other"], "empty groups are left out");
        let mut all: Vec<usize> = groups.iter().flat_map(|(_, m)| m.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2, 3, 4]);
        assert_eq!(groups[2].1, [1, 3]);
        assert_eq!(UnitGroup::Other.task(), None);
    }
}
