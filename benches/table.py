"""The table benches/compare.sh prints: median wall time (from hyperfine's JSON) and median
peak RSS (measured here: each command run alternately with its anchor, its maximum resident
set size read with getrusage), each beside its anchor's, with the ratio and the goal."""

import json
import os
import statistics
import subprocess
import sys

# name: (what is measured, goal on wall ratio, goal on RSS: "anchor" ratio or "input" ratio)
GOALS = {
    "show-big": ("show, 4.1M entries (anchor: LC_ALL=C sort -u)", 0.5, ("input", 1.5)),
    "show-list": ("show, one list of 1M entries (anchor: LC_ALL=C sort -u)", None, ("input", 2.0)),
    "diff": ("diff, two logs, 1% changed (anchor: GNU diff)", 0.3, None),
    "restore-list": ("restore --all, 1M entries (anchor: show of the same file)", 1.3, ("anchor", 1.3)),
}


def peak_rss_mib(command):
    """The peak RSS of one run of `command`, in MiB, its output thrown away."""
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(command, shell=True, stdout=null, stderr=null)
        _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024


def wall_medians(work, name, runs):
    ours, anchor = [], []
    for round_ in range(1, runs + 1):
        with open(os.path.join(work, f"{name}.{round_}.json")) as f:
            results = json.load(f)["results"]
        ours.append(results[0]["mean"])
        anchor.append(results[1]["mean"])
    return statistics.median(ours), statistics.median(anchor)


def input_mib(command):
    paths = [w for w in command.split() if w.endswith(".log") and os.path.exists(w)]
    return sum(os.path.getsize(p) for p in paths) / (1024 * 1024)


def verdict(ratio, goal):
    if goal is None:
        return ""
    return "met" if ratio <= goal else f"missed (goal <= {goal}x)"


def main():
    work, runs, pairs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    print("| measure | carryover | anchor | ratio | goal |")
    print("| --- | --- | --- | --- | --- |")
    for pair in pairs:
        name, ours, anchor = pair.split("|")
        what, wall_goal, rss_goal = GOALS[name]
        wall, anchor_wall = wall_medians(work, name, runs)
        ratio = wall / anchor_wall
        print(f"| {what}: wall | {wall:.2f} s | {anchor_wall:.2f} s | {ratio:.2f}x | {verdict(ratio, wall_goal)} |")
        rss, anchor_rss = [], []
        for _ in range(runs):
            rss.append(peak_rss_mib(ours))
            anchor_rss.append(peak_rss_mib(anchor))
        rss, anchor_rss = statistics.median(rss), statistics.median(anchor_rss)
        size = input_mib(ours)
        if rss_goal and rss_goal[0] == "input":
            print(f"| {what}: peak RSS | {rss:.0f} MiB | input {size:.0f} MiB | {rss / size:.2f}x | {verdict(rss / size, rss_goal[1])} |")
        else:
            goal = rss_goal[1] if rss_goal else None
            print(f"| {what}: peak RSS | {rss:.0f} MiB | {anchor_rss:.0f} MiB | {rss / anchor_rss:.2f}x | {verdict(rss / anchor_rss, goal)} |")


if __name__ == "__main__":
    main()
