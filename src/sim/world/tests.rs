//! Tests of the world.

use super::*;

fn touching(world: &World) -> bool {
    let bars = world.bars();
    for (i, a) in bars.iter().enumerate() {
        for b in &bars[i + 1..] {
            for &ca in &a.cells {
                for &cb in &b.cells {
                    let n = world.size();
                    let dr = (ca.0 + n - cb.0) % n;
                    let dc = (ca.1 + n - cb.1) % n;
                    if (dr <= 1 || dr == n - 1) && (dc <= 1 || dc == n - 1) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

#[test]
fn new_world_has_the_density_and_no_touching_bars() {
    let mut rng = SimRng::new(1);
    let world = World::new(50, 0.10, Task::T1, &mut rng);
    assert_eq!(world.bars().len(), 125);
    assert!(!touching(&world));
    assert!(
        world
            .bars()
            .iter()
            .all(|b| b.kind == BarKind::Horizontal || b.kind == BarKind::Falling)
    );
    let cells = world.cells.iter().filter(|&&c| c != EMPTY).count();
    assert_eq!(cells, 250);
}

#[test]
fn eating_respawns_the_same_kind_and_keeps_density_without_touching() {
    let mut rng = SimRng::new(7);
    let mut world = World::new(50, 0.10, Task::T2, &mut rng);
    let mut eaten = 0;
    let mut walk = SimRng::new(8);
    for _ in 0..20_000 {
        let dir = [(0, 1), (1, 0), (1, 1), (-1, 1), (0, -1), (-1, 0)][walk.below(6)];
        if let Eaten::Bar(kind) = world.move_agent(dir, &mut rng) {
            eaten += 1;
            assert!(kind == BarKind::Vertical || kind == BarKind::Rising);
        }
    }
    assert!(eaten > 100, "the walk ate only {eaten} bars");
    assert_eq!(world.bars().len(), 125);
    assert_eq!(world.cells.iter().filter(|&&c| c != EMPTY).count(), 250);
    let vertical = world
        .bars()
        .iter()
        .filter(|b| b.kind == BarKind::Vertical)
        .count();
    assert_eq!(vertical, 63);
    assert!(!touching(&world));
    // The grid and the bar list agree.
    for (id, bar) in world.bars().iter().enumerate() {
        for (r, c) in bar.cells {
            assert_eq!(usize::from(world.cells[r * 50 + c]), id);
        }
    }
}

#[test]
fn moves_wrap_around_the_edges() {
    let mut rng = SimRng::new(3);
    let mut world = World::new(50, 0.0, Task::T1, &mut rng);
    world.agent = (0, 49);
    world.move_agent((-1, 1), &mut rng);
    assert_eq!(world.agent, (49, 0));
    world.move_agent((1, -1), &mut rng);
    assert_eq!(world.agent, (0, 49));
    assert_eq!(world.wrap((49, 49), (1, 1)), (0, 0));
}

#[test]
fn bars_can_wrap_across_the_edge() {
    let mut rng = SimRng::new(11);
    let mut world = World::new(10, 0.0, Task::T1, &mut rng);
    world.agent = (5, 5);
    world.put(Bar {
        kind: BarKind::Horizontal,
        cells: [(2, 9), (2, 0)],
    });
    assert!(world.bar_at(2, 0).is_some());
    world.agent = (2, 8);
    assert_eq!(
        world.move_agent((0, 2), &mut rng),
        Eaten::Bar(BarKind::Horizontal)
    );
}

#[test]
fn the_view_is_the_cells_around_the_agent_wrapping_at_every_edge() {
    let mut rng = SimRng::new(7);
    let mut world = World::new(10, 0.3, Task::T1, &mut rng);
    let mut view = Vec::new();
    // Sides narrower and wider than the world, the agent in the middle and at each edge.
    for side in [1, 3, 7, 10, 13, 25] {
        for agent in [(5, 5), (0, 0), (0, 9), (9, 0), (9, 9), (2, 8)] {
            world.agent = agent;
            world.view(side, &mut view);
            let radius = (side / 2).cast_signed();
            let expected: Vec<u16> = (0..side * side)
                .map(|k| {
                    let (dr, dc) = (
                        (k / side).cast_signed() - radius,
                        (k % side).cast_signed() - radius,
                    );
                    let (r, c) = world.wrap(agent, (dr, dc));
                    world.cells[r * 10 + c]
                })
                .collect();
            assert_eq!(view, expected, "side {side}, agent {agent:?}");
        }
    }
}
