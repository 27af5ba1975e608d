#!/usr/bin/env bash
# TaskJuggler (tj3) and `readiness report` end to end on the same 200-task
# plan: each is run as a process, from reading its file to writing its
# report, several times; the script prints the mean wall time of each and
# the ratio (issue 3 targets readiness >= 500x faster).
#
# The plan: 200 tasks, 4 people, random dependencies on earlier tasks (0-3
# each), whole-day point estimates of 1-5 days, focus 1.0, one holiday. It is
# written as readiness.toml and as the equivalent plan.tjp (the same mapping
# as tests/taskjuggler.rs: 8-hour days, `dailyworkinghours 8`, efforts in
# days, `allocate r0 { alternative r1, r2, r3 select minloaded persistent }`,
# a project-wide `leaves holiday`, a CSV task report). A ranged copy
# (estimate e becomes "(e-1)-(e+1)d") times readiness with its 2000 Monte
# Carlo trials as well.
#
# Usage: scripts/tj3-vs-readiness.sh [TJ3_RUNS] [READINESS_RUNS]
# (defaults 5 and 200). Needs tj3 (apt-get install tj3), python3 and cargo.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C # decimal points in the timings

tj_runs=${1:-5}
rd_runs=${2:-200}

if ! command -v tj3 >/dev/null 2>&1; then
  echo "tj3 not found: install TaskJuggler: apt-get install tj3" >&2
  exit 1
fi

echo "--- cargo build --release"
cargo build --release --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/release/readiness"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import datetime, random, sys

out = sys.argv[1]
rng = random.Random(20261123)
n, people = 200, 4
start = datetime.date(2026, 11, 23)  # a Monday
est = [rng.randint(1, 5) for _ in range(n)]
deps = [sorted(rng.sample(range(i), min(i, rng.randint(0, 3)))) for i in range(n)]

def weekday(k):
    """The k-th weekday from the Monday `start`."""
    return start + datetime.timedelta(days=k // 5 * 7 + k % 5)

holiday = weekday(7)                      # Wed 2026-12-02, inside any schedule
end = weekday(sum(est) + 10)              # past even a one-person schedule

def manifest(ranged):
    s = ['[project]\nname = "tj3 vs readiness"\n',
         f'[calendar]\nholidays = [{holiday}]\n',
         f'[team]\npeople = {people}\nfocus = 1.0\n',
         '[[component]]\nid = "work"\n']
    for i, e in enumerate(est):
        estimate = f'"{max(e - 1, 0)}-{e + 1}d"' if ranged else str(e)
        s.append(f'[[task]]\nid = "t{i}"\ntitle = "Task {i}"\ncomponent = "work"\n'
                 f'estimate = {estimate}')
        if deps[i]:
            s.append('depends_on = [' + ', '.join(f'"t{d}"' for d in deps[i]) + ']')
        s.append('')
    return '\n'.join(s) + '\n'

alternatives = ', '.join(f'r{r}' for r in range(1, people))
tjp = [f'project bench "tj3 vs readiness" {start} - {end} {{',
       '  timingresolution 60min', '  timezone "UTC"', '  dailyworkinghours 8',
       '  workinghours mon - fri 9:00 - 17:00', '  workinghours sat, sun off', '}',
       f'leaves holiday "holiday" {holiday}']
tjp += [f'resource r{r} "r{r}"' for r in range(people)]
for i, e in enumerate(est):
    tjp.append(f'task t{i} "Task {i}" {{')
    tjp.append(f'  effort {e}d')
    tjp.append(f'  allocate r0 {{ alternative {alternatives} select minloaded persistent }}')
    if deps[i]:
        tjp.append('  depends ' + ', '.join(f't{d}' for d in deps[i]))
    tjp.append('}')
tjp += ['taskreport "schedule" {', '  formats csv', '  columns id, start, end',
        '  timeformat "%Y-%m-%d %H:%M"', '}']

open(f'{out}/readiness.toml', 'w').write(manifest(False))
open(f'{out}/ranged.toml', 'w').write(manifest(True))
open(f'{out}/plan.tjp', 'w').write('\n'.join(tjp) + '\n')
PY

today=2026-11-23
run_tj3() { (cd "$work" && tj3 --silent --no-color plan.tjp >/dev/null); }
run_point() { "$bin" report "$work/readiness.toml" --format json --today "$today" >/dev/null; }
run_ranged() { "$bin" report "$work/ranged.toml" --format json --today "$today" >/dev/null; }

# "wall cpu" of one run, in milliseconds, averaged over `runs` runs after
# one warm-up run; cpu is user + system time of the processes. On a busy
# machine the wall time includes waiting for a core; the CPU time does not.
measure() {
  local runs=$1 fn=$2 i TIMEFORMAT='%R %U %S'
  "$fn"
  { time for ((i = 0; i < runs; i++)); do "$fn"; done; } 2>&1 |
    awk -v n="$runs" '{ printf "%.4f %.4f\n", $1 * 1000 / n, ($2 + $3) * 1000 / n }'
}

echo "--- timing ($tj_runs tj3 runs, $rd_runs runs of each readiness report)"
read -r tj_wall tj_cpu < <(measure "$tj_runs" run_tj3)
read -r point_wall point_cpu < <(measure "$rd_runs" run_point)
read -r ranged_wall ranged_cpu < <(measure "$rd_runs" run_ranged)

# The finishes, as a check that both scheduled the same plan: readiness's
# deterministic finish is never later than TaskJuggler's last working day.
tj_finish=$(python3 - "$work/schedule.csv" <<'PY'
import csv, datetime, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=';'))[1:]
ends = [datetime.datetime.strptime(r[2], '%Y-%m-%d %H:%M') - datetime.timedelta(minutes=1)
        for r in rows if r]
print(max(ends).date())
PY
)
field() { python3 -c 'import json,sys; f=json.load(sys.stdin)["forecast"]; print(" ".join(str(f[k]) for k in sys.argv[1:]))' "$@"; }
point_finish=$("$bin" report "$work/readiness.toml" --format json --today "$today" | field finish)
ranged_dates=$("$bin" report "$work/ranged.toml" --format json --today "$today" | field p50 p85 p95)

echo "plan: 200 tasks, 4 people, today $today"
echo "finish: tj3 $tj_finish, readiness $point_finish (ranged copy P50/P85/P95: $ranged_dates)"
awk -v tw="$tj_wall" -v tc="$tj_cpu" -v pw="$point_wall" -v pc="$point_cpu" \
  -v rw="$ranged_wall" -v rc="$ranged_cpu" 'BEGIN {
  f = "%-40s %10.2f ms wall %10.2f ms cpu"
  printf f "\n", "tj3", tw, tc
  printf f "   %5.0fx faster (wall)  %5.0fx (cpu)\n", "readiness report (point estimates)", pw, pc, tw / pw, tc / pc
  printf f "   %5.0fx faster (wall)  %5.0fx (cpu)\n", "readiness report (ranged, 2000 trials)", rw, rc, tw / rw, tc / rc
}'
