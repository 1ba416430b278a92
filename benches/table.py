"""The table benches/compare.sh prints. Each row's command and its anchor run alternately,
RUNS times each; every run is timed (wall) and its peak resident set size read from the kernel
(`os.wait4`); with hyperfine on PATH, each round's wall times are hyperfine's; and the medians are set beside each other with the ratio and the goal.

Arguments: RUNS, then rows `name|command|anchor|input`, where input is the files the peak RSS
is set against (or, for `apply`, how many commands the script sends)."""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# name: (what is measured, goal on the wall ratio, goal on RSS: ("input" or "anchor", ratio))
GOALS = {
    "show-big": ("show, 4.1M entries (anchor: LC_ALL=C sort -u)", 0.5, ("input", 1.5)),
    "show-list": ("show, one list of 1M entries (anchor: LC_ALL=C sort -u)", None, ("input", 2.0)),
    "diff": ("diff, two logs, 1% changed (anchor: GNU diff)", 0.3, None),
    "restore-list": ("restore --all, 1M entries (anchor: show of the same file)", 1.3, ("anchor", 1.3)),
    "fetch": ("fetch from the simulator (anchor: show of the transcript)", None, ("input", 2.0)),
    "apply": ("apply to the simulator", None, None),
}


def run(command):
    """Wall seconds and peak RSS (MiB) of one run of `command`; it must succeed."""
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, shell=True, stdout=null, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    # `diff` exits 1 when the files differ, as they do here.
    if code not in (0, 1):
        sys.exit(f"table.py: `{command}` exited {code}: {err.strip()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def hyperfine_walls(ours, anchor):
    """One hyperfine run of each, ours first: their wall seconds."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            ["hyperfine", "--runs", "1", "--style", "none", "-i", "--export-json", out.name, ours, anchor],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        results = json.load(open(out.name))["results"]
    return results[0]["mean"], results[1]["mean"]


def medians(ours, anchor, runs):
    """Each round runs ours, then the anchor, for peak RSS; with hyperfine on PATH (and not
    HYPERFINE=0), the round's wall times are hyperfine's, ours then the anchor again."""
    walls, rss, anchor_walls, anchor_rss = [], [], [], []
    use_hyperfine = shutil.which("hyperfine") and os.environ.get("HYPERFINE") != "0"
    for _ in range(runs):
        wall, peak = run(ours)
        walls.append(wall)
        rss.append(peak)
        wall, peak = run(anchor)
        anchor_walls.append(wall)
        anchor_rss.append(peak)
        if use_hyperfine:
            walls[-1], anchor_walls[-1] = hyperfine_walls(ours, anchor)
    m = statistics.median
    return m(walls), m(rss), m(anchor_walls), m(anchor_rss)


def mib(paths):
    return sum(os.path.getsize(p) for p in paths.split()) / (1024 * 1024)


def verdict(ratio, goal):
    if goal is None:
        return ""
    return "met" if ratio <= goal else f"missed (goal <= {goal}x)"


def main():
    runs, rows = int(sys.argv[1]), sys.argv[2:]
    print("| measure | carryover | anchor | ratio | goal |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        name, ours, anchor, inputs = row.split("|")
        what, wall_goal, rss_goal = GOALS[name]
        wall, rss, anchor_wall, anchor_rss = medians(ours, anchor, runs)
        if name == "apply":
            rate = int(inputs) / wall
            print(f"| {what}: {inputs} commands | {wall:.2f} s, {rate:,.0f} commands/s | | | |")
            print(f"| {what}: peak RSS | {rss:.0f} MiB | | | |")
            continue
        ratio = wall / anchor_wall
        print(f"| {what}: wall | {wall:.2f} s | {anchor_wall:.2f} s | {ratio:.2f}x | {verdict(ratio, wall_goal)} |")
        if rss_goal and rss_goal[0] == "input":
            size = mib(inputs)
            print(f"| {what}: peak RSS | {rss:.0f} MiB | input {size:.0f} MiB | {rss / size:.2f}x | {verdict(rss / size, rss_goal[1])} |")
        else:
            goal = rss_goal[1] if rss_goal else None
            print(f"| {what}: peak RSS | {rss:.0f} MiB | {anchor_rss:.0f} MiB | {rss / anchor_rss:.2f}x | {verdict(rss / anchor_rss, goal)} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
