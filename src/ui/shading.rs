//! The phase shading of the scores plot, bounded however long the run: when there are more
//! activity spans than the plot should draw, the run is cut into equal buckets and each
//! bucket is shaded by its activities in proportion to their cycles in it. A protocol of
//! 100-cycle task-2 bouts and 100-cycle sleeps, seen from afar, stays half task 2 and half
//! sleep from its first bout to its last, instead of losing its oldest shading.

use crate::worker::{Activity, Span};

/// The spans to shade, at most `max` of them (`max` ≥ 4), covering the whole run.
pub fn shaded_spans(spans: &[Span], max: usize) -> Vec<Span> {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return Vec::new();
    };
    if spans.len() <= max {
        return spans.to_vec();
    }
    // A bucket can hold one sub-span per activity (four of them).
    let buckets = (max / 4).max(1) as u64;
    let (start, end) = (first.start, last.end + 1);
    let width = (end - start).div_ceil(buckets).max(1);
    let mut shaded = Vec::with_capacity(max);
    let mut shares: Vec<(Activity, u64)> = Vec::with_capacity(4);
    let mut spans = spans.iter().peekable();
    let mut bucket_start = start;
    while bucket_start < end {
        let bucket_end = (bucket_start + width).min(end);
        shares.clear();
        // Every span overlapping this bucket adds its cycles in it to its activity's share.
        while let Some(span) = spans.peek() {
            let overlap_start = span.start.max(bucket_start);
            let overlap_end = (span.end + 1).min(bucket_end);
            if overlap_end > overlap_start {
                let cycles = overlap_end - overlap_start;
                match shares.iter_mut().find(|(activity, _)| *activity == span.activity) {
                    Some((_, total)) => *total += cycles,
                    None => shares.push((span.activity, cycles)),
                }
            }
            if span.end + 1 > bucket_end {
                break; // It goes on into the next bucket.
            }
            spans.next();
        }
        let mut cursor = bucket_start;
        for &(activity, cycles) in &shares {
            shaded.push(Span {
                activity,
                start: cursor,
                end: cursor + cycles - 1,
            });
            cursor += cycles;
        }
        bucket_start = bucket_end;
    }
    shaded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::Task;

    fn bouts(n: u64) -> Vec<Span> {
        (0..n)
            .flat_map(|b| {
                let start = b * 200;
                [
                    Span {
                        activity: Activity::Wake(Task::T2),
                        start,
                        end: start + 99,
                    },
                    Span {
                        activity: Activity::Sleep,
                        start: start + 100,
                        end: start + 199,
                    },
                ]
            })
            .collect()
    }

    fn cycles_of(spans: &[Span], activity: Activity) -> u64 {
        spans
            .iter()
            .filter(|s| s.activity == activity)
            .map(|s| s.end + 1 - s.start)
            .sum()
    }

    #[test]
    fn few_spans_are_drawn_as_they_are() {
        let spans = bouts(10);
        assert_eq!(shaded_spans(&spans, 600), spans);
    }

    #[test]
    fn many_spans_keep_the_whole_run_and_each_activitys_share() {
        let spans = bouts(1_000); // 2,000 spans over 200,000 cycles
        let shaded = shaded_spans(&spans, 600);
        assert!(shaded.len() <= 600, "{} spans", shaded.len());
        assert_eq!(
            shaded.first().map(|s| s.start),
            Some(0),
            "the oldest bouts stay shaded"
        );
        assert_eq!(shaded.last().map(|s| s.end), Some(199_999));
        assert_eq!(cycles_of(&shaded, Activity::Sleep), 100_000);
        assert_eq!(cycles_of(&shaded, Activity::Wake(Task::T2)), 100_000);
        // Spans never overlap and stay in order.
        assert!(shaded.windows(2).all(|w| w[0].end < w[1].start));
    }
}
