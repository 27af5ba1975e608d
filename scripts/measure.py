#!/usr/bin/env python3
"""Measures the live dashboard in a real terminal (tmux), as issue 4 asks.

  save-to-screen latency   50 saves each way: write a temporary file and rename
                           it over the manifest, and truncate-and-write in
                           place; the clock runs from just before the save
                           until `tmux capture-pane` shows the new figure.
                           Target: median < 100 ms.
  idle CPU                 utime + stime from /proc/<pid>/stat over 10 s with
                           the dashboard open and nothing happening, plus the
                           process's context switches (wake-ups) in that time.
                           Target: < 0.5 %.
  startup and memory       launch to the first frame, and to the figures (the
                           screen's first line equals `readiness render`'s),
                           and VmRSS / VmHWM, for the top-level manifest and a
                           10k-task one (--big, else generated). The clock
                           starts once the tmux server and the pane's shell
                           are up (the shell waits on a FIFO for the go).

The screen is polled every 3 ms; a figure matches only whole ("1.5%" is not
found in "11.5%").

Usage: scripts/measure.py [--bin target/release/readiness] [--saves 50]
       [--idle 10] [--tasks 10000] [--big /tmp/gen/generated-10000.toml]
Builds the release binary first unless --bin is given. Needs tmux.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

TODAY = "2026-11-23"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def small_manifest(progress):
    """Two one-day tasks: completion is progress / 2 ("5.5%" for 11)."""
    return f"""[project]
name = "Latency"

[[component]]
id = "core"

[[task]]
id = "alpha"
title = "Task alpha"
component = "core"
estimate = 1
progress = {progress}

[[task]]
id = "beta"
title = "Task beta"
component = "core"
estimate = 1
"""


def figure(progress):
    value = progress / 2
    text = f"{value:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def shows(screen, progress):
    """Whether the screen shows `figure(progress)` as a whole figure."""
    pattern = r"(?<![\d.])" + re.escape(figure(progress))
    return re.search(pattern, screen) is not None


def big_manifest(tasks):
    """A plausible large plan: 50 components, chains of dependencies, ranges,
    done tasks with dates, some blocked tasks, and gates of every kind."""
    components = 50
    out = [
        '[project]\nname = "Generated"\nversion = "1.0.0"\n'
        "target = 2027-06-30\nclaimed = 60\n",
        "[team]\npeople = 20\nfocus = 0.8\n",
        "[metrics]\ncoverage = 64\n",
    ]
    for c in range(components):
        out.append(f'[[component]]\nid = "c{c}"\nname = "Component {c}"\n')
    for t in range(tasks):
        c = t % components
        lines = [
            "[[task]]",
            f'id = "t{t}"',
            f'title = "Task number {t} of component {c}"',
            f'component = "c{c}"',
            f'priority = "P{t % 4}"',
            f'estimate = "{1 + t % 3}-{3 + t % 5}d"',
        ]
        if t >= components and t % 3:
            lines.append(f'depends_on = ["t{t - components}"]')
        if t % 4 == 0:
            day = 1 + t % 28
            lines += ['status = "done"', f"done = 2026-10-{day:02d}"]
        elif t % 97 == 0:
            lines += ['status = "blocked"', 'blocker = "waiting on a vendor"']
        elif t % 5 == 0:
            lines += ['status = "doing"', "progress = 40"]
        out.append("\n".join(lines) + "\n")
    out.append(
        '[[gate]]\nid = "coverage"\nmetric = "coverage"\nmin = 70\n\n'
        '[[gate]]\nid = "p0"\npriority = "P0"\n\n'
        '[[gate]]\nid = "signoff"\nstatus = "pending"\n'
    )
    return "\n".join(out)


class Term:
    """A private tmux server running the dashboard on one manifest."""

    def __init__(self, binary, manifest, width=120, height=40):
        self.socket = f"readiness-measure-{os.getpid()}-{time.monotonic_ns()}"
        self.manifest = manifest
        folder = os.path.dirname(manifest)
        self.pidfile = os.path.join(folder, "pid")
        if os.path.exists(self.pidfile):
            os.remove(self.pidfile)
        go = os.path.join(folder, "go")
        if os.path.exists(go):
            os.remove(go)
        os.mkfifo(go)
        command = (
            f"sh -c 'read _ < {go}; echo $$ > {self.pidfile}; exec {binary} {manifest} "
            f"--today {TODAY}'; sleep 600"
        )
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)
        # The server and the pane's shell are up once the shell has the FIFO
        # open: the clock starts there, not with tmux's own start-up.
        with open(go, "w") as f:
            self.started = time.monotonic()
            f.write("go\n")

    def tmux(self, *args):
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def screen(self):
        return self.tmux("capture-pane", "-p")

    def wait(self, done, bound=30.0, interval=0.003):
        start = time.monotonic()
        while True:
            screen = self.screen()
            if done(screen):
                return time.monotonic()
            if time.monotonic() - start > bound:
                sys.exit(f"timed out; the screen:\n{screen}")
            time.sleep(interval)

    def pid(self):
        for _ in range(3000):
            try:
                with open(self.pidfile) as f:
                    text = f.read().strip()
                if text:
                    return int(text)
            except FileNotFoundError:
                pass
            time.sleep(0.003)
        sys.exit("the dashboard wrote no pid")

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def switches(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/status") as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
    return total


def memory(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values


def measure_latency(binary, saves, method):
    with tempfile.TemporaryDirectory() as folder:
        manifest = os.path.join(folder, "readiness.toml")
        with open(manifest, "w") as f:
            f.write(small_manifest(1))
        term = Term(binary, manifest)
        try:
            term.wait(lambda s: shows(s, 1))
            samples = []
            for i in range(saves):
                progress = 3 + 2 * (i % 45)  # odd, 3..91, never the current one
                if shows(term.screen(), progress):
                    progress += 2
                if method == "rename":
                    temporary = os.path.join(folder, "next.toml")
                    with open(temporary, "w") as f:
                        f.write(small_manifest(progress))
                    start = time.monotonic()
                    os.rename(temporary, manifest)
                else:  # truncate and write in place
                    start = time.monotonic()
                    with open(manifest, "w") as f:
                        f.write(small_manifest(progress))
                end = term.wait(lambda s: shows(s, progress), bound=10)
                samples.append((end - start) * 1000)
            return samples
        finally:
            term.close()


def measure_idle(binary, seconds):
    with tempfile.TemporaryDirectory() as folder:
        manifest = os.path.join(folder, "readiness.toml")
        with open(os.path.join(ROOT, "readiness.toml")) as src, open(manifest, "w") as f:
            f.write(src.read())
        term = Term(binary, manifest)
        try:
            pid = term.pid()
            term.wait(lambda s: "%" in s)
            time.sleep(1.0)  # let the first frame settle
            hz = os.sysconf("SC_CLK_TCK")
            ticks0, switches0, t0 = cpu_ticks(pid), switches(pid), time.monotonic()
            time.sleep(seconds)
            ticks1, switches1, t1 = cpu_ticks(pid), switches(pid), time.monotonic()
            percent = (ticks1 - ticks0) / hz / (t1 - t0) * 100
            return percent, ticks1 - ticks0, switches1 - switches0, t1 - t0
        finally:
            term.close()


def measure_startup(binary, manifest_text, label):
    with tempfile.TemporaryDirectory() as folder:
        manifest = os.path.join(folder, "readiness.toml")
        with open(manifest, "w") as f:
            f.write(manifest_text)
        render = subprocess.run(
            [binary, "render", manifest, "--width", "120", "--height", "40", "--today", TODAY],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        first = render.splitlines()[0].rstrip()
        term = Term(binary, manifest)
        try:
            drawn = term.wait(lambda s: s.strip() != "")
            shown = term.wait(lambda s: s.splitlines()[0].rstrip() == first if s else False)
            pid = term.pid()
            time.sleep(0.3)
            mem = memory(pid)
            return (
                label,
                (drawn - term.started) * 1000,
                (shown - term.started) * 1000,
                mem.get("VmRSS", 0.0),
                mem.get("VmHWM", 0.0),
            )
        finally:
            term.close()


def percentile(samples, p):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin")
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--tasks", type=int, default=10000)
    parser.add_argument("--big", default="/tmp/gen/generated-10000.toml")
    args = parser.parse_args()
    binary = args.bin
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "release", "readiness")
    binary = os.path.abspath(binary)

    for method in ("rename", "write"):
        samples = measure_latency(binary, args.saves, method)
        print(
            f"save-to-screen latency over {len(samples)} saves ({method}): "
            f"median {statistics.median(samples):.1f} ms, p95 {percentile(samples, 95):.1f} ms, "
            f"min {min(samples):.1f} ms, max {max(samples):.1f} ms"
        )
    percent, ticks, wakeups, span = measure_idle(binary, args.idle)
    print(
        f"idle CPU over {span:.1f} s: {percent:.2f} % ({ticks} clock ticks), "
        f"{wakeups} context switches"
    )
    if args.big and os.path.exists(args.big):
        big = (os.path.basename(args.big), open(args.big).read())
    else:
        big = (f"{args.tasks} tasks", big_manifest(args.tasks))
    for label, text in (
        ("readiness.toml", open(os.path.join(ROOT, "readiness.toml")).read()),
        big,
    ):
        label, drawn, full, rss, hwm = measure_startup(binary, text, label)
        print(
            f"startup ({label}): first frame {drawn:.0f} ms, figures on screen {full:.0f} ms; "
            f"RSS {rss:.1f} MiB (peak {hwm:.1f} MiB)"
        )


if __name__ == "__main__":
    main()
