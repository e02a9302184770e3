//! The input pictures: a unit's picture and the texture's places.

use ndarray::Array2;

use super::*;

/// Two units: unit 0 sees a horizontal pair (strong) and a third cell (weak); unit 1 sees
/// three cells evenly (the receptive fields' tests use them too).
pub(in crate::ui) fn two_units() -> InputWeights {
    let mut weights = Array2::zeros((2, CELLS));
    let mut seen = Array2::from_elem((2, CELLS), false);
    for (unit, cell, w) in [
        (0, 8, 0.45),
        (0, 9, 0.45),
        (0, 30, 0.1),
        (1, 40, 1.0 / 3.0),
        (1, 41, 1.0 / 3.0),
        (1, 47, 1.0 / 3.0),
    ] {
        weights[[unit, cell]] = w;
        seen[[unit, cell]] = true;
    }
    InputWeights {
        cycle: 0,
        weights,
        seen,
        preferred: vec![Some(BarKind::Horizontal), None],
    }
}

/// How bright a colour is (the sum of its channels).
pub(in crate::ui) fn brightness(c: Color32) -> u32 {
    u32::from(c.r()) + u32::from(c.g()) + u32::from(c.b())
}

#[test]
fn a_units_picture_is_bright_where_its_strong_inputs_are_and_blank_where_it_sees_nothing() {
    let inputs = two_units();
    let pic = picture(&inputs, 0, brightest(&inputs));
    let ranked = {
        let mut cells: Vec<usize> = (0..CELLS).collect();
        cells.sort_by_key(|&c| std::cmp::Reverse(brightness(pic[c])));
        cells
    };
    assert_eq!(
        &ranked[..2],
        &[8, 9],
        "the two strong inputs are the brightest cells"
    );
    assert!(
        brightness(pic[30]) > brightness(BLANK),
        "a weak input is still drawn"
    );
    assert!(brightness(pic[8]) > brightness(pic[30]));
    for cell in (0..CELLS).filter(|c| ![8, 9, 30].contains(c)) {
        assert_eq!(pic[cell], BLANK, "cell {cell} is not an input");
    }
}

#[test]
fn the_texture_holds_each_picture_in_its_groups_place() {
    let inputs = two_units();
    let layout = Layout::fit(&inputs.preferred, Vec2::new(200.0, 100.0));
    // H first, then "other", each group from a new row.
    assert_eq!(
        layout.groups.iter().map(|g| g.0.name()).collect::<Vec<_>>(),
        ["H", "other"]
    );
    let image = layout.image(&inputs);
    let [width, _] = layout.size();
    let pixel = |place: usize, cell: usize| {
        let top = place / layout.columns * layout.pitch() + cell / VIEW_CELLS * layout.cell_px;
        let left = place % layout.columns * layout.pitch() + cell % VIEW_CELLS * layout.cell_px;
        image.pixels[top * width + left]
    };
    let unit1 = layout.places.iter().position(|&u| u == Some(1)).unwrap();
    let unit0 = layout.places.iter().position(|&u| u == Some(0)).unwrap();
    assert!(unit1 >= layout.columns, "the second group starts a new row");
    let bright = brightest(&inputs);
    assert_eq!(pixel(unit0, 8), picture(&inputs, 0, bright)[8]);
    assert_eq!(pixel(unit1, 41), picture(&inputs, 1, bright)[41]);
    assert_eq!(pixel(unit1, 8), BLANK);
}
