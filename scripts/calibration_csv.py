#!/usr/bin/env python3
"""Turn a public estimate/actual data set into the CSV that
`cargo run --release --example calibration_eval -- FILE.csv` reads:
`developer,order,estimate,actual`, one done task a row (docs/forecast.md,
"Checking the calibration").

The data sets are downloaded by the reader (docs/forecast.md names where
from); nothing of them is kept in this repository. Python 3 standard
library only.

    scripts/calibration_csv.py cesaw CESAW_task_fact.csv[.xz]  > cesaw.csv
    scripts/calibration_csv.py renzo renzo-all-tasks.csv[.xz]  > renzo.csv

- cesaw: one row per task with `person_key`, the task's actual start
  (`task_actual_start_date`, month/day/year hour:minute), and planned and
  actual minutes (`task_plan_time_minutes`, `task_actual_time_minutes`);
  each person's tasks in the order they started.
- renzo: one developer's tasks (`estimate`, `actual` in pomodoros, the
  `date` they were done); file order within a date.

Rows without a positive estimate and a positive actual are left out.
"""

import csv
import io
import lzma
import sys
from datetime import datetime


def open_text(path):
    if path.endswith(".xz"):
        return io.TextIOWrapper(lzma.open(path), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def cesaw(path):
    rows = []
    with open_text(path) as f:
        for n, r in enumerate(csv.DictReader(f)):
            est = number(r["task_plan_time_minutes"])
            act = number(r["task_actual_time_minutes"])
            if est is None or act is None:
                continue
            try:
                start = datetime.strptime(r["task_actual_start_date"], "%m/%d/%Y %H:%M")
            except ValueError:
                continue
            rows.append((r["person_key"], start, n, est, act))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [(r[0], r[3], r[4]) for r in rows]


def renzo(path):
    rows = []
    with open_text(path) as f:
        for n, r in enumerate(csv.DictReader(f)):
            est, act = number(r["estimate"]), number(r["actual"])
            if est is None or act is None:
                continue
            rows.append((r["date"], n, est, act))
    rows.sort()
    return [("renzo", r[2], r[3]) for r in rows]


def main(argv):
    kinds = {"cesaw": (cesaw, 1), "renzo": (renzo, 1)}
    if len(argv) < 2 or argv[0] not in kinds or len(argv) - 1 != kinds[argv[0]][1]:
        sys.stderr.write(__doc__)
        return 2
    convert, _ = kinds[argv[0]]
    rows = convert(*argv[1:])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["developer", "order", "estimate", "actual"])
    order = {}
    for developer, est, act in rows:
        order[developer] = order.get(developer, 0) + 1
        out.writerow([developer, order[developer], repr(est), repr(act)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
