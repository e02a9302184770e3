//! Which synapses a reward strengthened: what the window outlines in sleep.

/// The synapses the last reward strengthened, before normalisation rescaled their outputs'
/// columns: the rows it changed, and for every hidden unit a bit set of the outputs whose
/// synapse from it grew (bit j: output j).
#[derive(Clone, Copy, Debug)]
pub struct Strengthened<'a> {
    pub(super) rows: &'a [u16],
    pub(super) outputs: &'a [u8],
}

impl Strengthened<'_> {
    /// Each hidden unit with a strengthened synapse, and the bit set of its outputs whose
    /// synapse grew.
    pub fn iter(&self) -> impl Iterator<Item = (usize, u8)> + '_ {
        self.rows
            .iter()
            .map(|&i| (usize::from(i), self.outputs[usize::from(i)]))
            .filter(|&(_, grew)| grew != 0)
    }
}
