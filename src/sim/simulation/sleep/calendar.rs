//! When each unit of sleep's drive fires next, filed by cycle, so that a cycle looks only
//! at the units due in it (in unit order) rather than at every unit.

/// Cycles ahead that have a bucket of their own; units due later wait in a list.
const HORIZON_CYCLES: u64 = BUCKETS as u64;
const BUCKETS: usize = 64;
/// How often, in cycles, the list of later units is looked through. A unit left in it is
/// due at least `HORIZON_CYCLES` cycles on, so it cannot fall due before the next look.
const RESCAN_CYCLES: u64 = HORIZON_CYCLES / 2;

/// Each unit's next spike, by its place in the drive's list of units.
#[derive(Clone, Debug, Default)]
pub(super) struct SpikeCalendar {
    /// Each unit's next spike, in steps on the drive's clock.
    next_spike: Vec<u64>,
    /// One bit set of places per bucket, `words` words each: the bucket of cycle `c` (counted
    /// from `origin`) is number `c % HORIZON_CYCLES`.
    buckets: Vec<u64>,
    words: usize,
    /// The units due beyond the horizon.
    later: Vec<u32>,
    /// The clock at the start of cycle 0.
    origin: u64,
    /// The cycle now, counted from `origin`.
    cycle: u64,
    steps_per_cycle: u64,
}

impl SpikeCalendar {
    /// An empty calendar for `units` units, whose cycle 0 starts at step `origin` and has
    /// `steps_per_cycle` steps, as every later cycle.
    pub(super) fn start(&mut self, units: usize, origin: u64, steps_per_cycle: u64) {
        self.words = units.div_ceil(64);
        self.next_spike.clear();
        self.next_spike.resize(units, u64::MAX);
        self.buckets.clear();
        self.buckets.resize(self.words * BUCKETS, 0);
        self.later.clear();
        self.origin = origin;
        self.cycle = 0;
        self.steps_per_cycle = steps_per_cycle.max(1);
    }

    /// Files the unit at `place` as next firing at step `at` (in this cycle or later).
    pub(super) fn file(&mut self, place: u32, at: u64) {
        self.next_spike[place as usize] = at;
        let cycle = (at - self.origin) / self.steps_per_cycle;
        if cycle - self.cycle < HORIZON_CYCLES {
            self.set_bit(cycle, place);
        } else {
            self.later.push(place);
        }
    }

    /// The step of the unit's next spike.
    pub(super) fn next_spike(&self, place: u32) -> u64 {
        self.next_spike[place as usize]
    }

    /// The places of the units due in this cycle, in increasing order, taken out of the
    /// calendar.
    pub(super) fn take_due(&mut self, due: &mut Vec<u32>) {
        if self.cycle.is_multiple_of(RESCAN_CYCLES) {
            let mut later = std::mem::take(&mut self.later);
            later.retain(|&place| {
                let cycle = (self.next_spike[place as usize] - self.origin) / self.steps_per_cycle;
                let near = cycle - self.cycle < HORIZON_CYCLES;
                if near {
                    self.set_bit(cycle, place);
                }
                !near
            });
            self.later = later;
        }
        due.clear();
        let first = self.bucket_start(self.cycle);
        let words = self.buckets[first..first + self.words].iter_mut();
        for (base, word) in (0_u32..).step_by(64).zip(words) {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                due.push(base + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
    }

    /// Moves on to the next cycle.
    pub(super) fn next_cycle(&mut self) {
        self.cycle += 1;
    }

    fn bucket_start(&self, cycle: u64) -> usize {
        // Below BUCKETS, so it fits.
        usize::try_from(cycle % HORIZON_CYCLES).unwrap_or(0) * self.words
    }

    fn set_bit(&mut self, cycle: u64, place: u32) {
        let word = self.bucket_start(cycle) + place as usize / 64;
        self.buckets[word] |= 1 << (place % 64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_unit_is_due_in_the_cycle_of_its_spike_and_in_place_order() {
        // 150 units (three words), cycles of 7 steps starting at step 30. Unit k first fires
        // k cycles on, then, each time it is due, 1 to 130 cycles later: on both sides of
        // the horizon, so that some wait in the list of later units.
        let (units, origin, steps) = (150_u32, 30_u64, 7_u64);
        let mut calendar = SpikeCalendar::default();
        calendar.start(units as usize, origin, steps);
        let mut due_cycle: Vec<u64> = (0..u64::from(units)).collect();
        for place in (0..units).rev() {
            calendar.file(place, origin + u64::from(place) * steps + u64::from(place % 7));
        }
        let mut due = Vec::new();
        for cycle in 0..1_000 {
            calendar.take_due(&mut due);
            let expected: Vec<u32> = (0..units).filter(|&k| due_cycle[k as usize] == cycle).collect();
            assert_eq!(due, expected, "cycle {cycle}");
            for &place in &due {
                let later = 1 + (u64::from(place) * 37 + cycle) % 130;
                due_cycle[place as usize] = cycle + later;
                calendar.file(place, origin + (cycle + later) * steps + cycle % 7);
            }
            calendar.next_cycle();
        }
    }

    #[test]
    fn a_unit_filed_again_comes_due_again() {
        let mut calendar = SpikeCalendar::default();
        calendar.start(3, 0, 10);
        calendar.file(1, 5);
        let mut due = Vec::new();
        calendar.take_due(&mut due);
        assert_eq!(due, [1]);
        assert_eq!(calendar.next_spike(1), 5);
        calendar.file(1, 1_000);
        for cycle in 1..=100 {
            calendar.next_cycle();
            calendar.take_due(&mut due);
            assert_eq!(due.is_empty(), cycle != 100, "cycle {cycle}");
        }
    }
}
