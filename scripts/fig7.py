"""Redraws the paper's Fig 7 from SleepLab's CSV files: the task-1 and task-2 solution sets
as clouds on the first two principal components of the pooled sets, and each run's path.

    sleeplab space presets/sleep.toml --sets-csv sets
    sleeplab weights presets/sleep.toml presets/sequential.toml --every 10000 --csv weights
    python3 scripts/fig7.py sets/sleep-solution-sets.csv weights/*-weights.csv

Needs numpy and matplotlib; writes fig7.png.
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def load(path):
    """The `what` column and the weights (one row per point) of a SleepLab CSV."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    first = header.index("what") + 1
    return [r[first - 1] for r in rows], np.array([[float(x) for x in r[first:]] for r in rows])


what, points = load(sys.argv[1])
what = np.array(what)
mean = points.mean(axis=0)
_, _, axes = np.linalg.svd(points - mean, full_matrices=False)
project = lambda w: (w - mean) @ axes[:2].T  # noqa: E731

for label, colour in [("set1", "tab:blue"), ("set2", "tab:orange")]:
    xy = project(points[what == label])
    plt.scatter(xy[:, 0], xy[:, 1], s=8, c=colour, alpha=0.5, label=f"task-{label[-1]} solutions")
# The paths in colours the clouds do not use.
for path, colour in zip(sys.argv[2:], ["black", "tab:purple", "tab:green", "tab:red"] * 8):
    _, path_weights = load(path)
    xy = project(path_weights)
    name = path.split("/")[-1].replace("-weights.csv", "")
    plt.plot(xy[:, 0], xy[:, 1], "-o", ms=2, color=colour, label=name)
    plt.annotate("end", xy[-1])
plt.xlabel("principal component 1")
plt.ylabel("principal component 2")
plt.legend()
plt.savefig("fig7.png", dpi=120)
print("wrote fig7.png")
