#!/usr/bin/env bash
# Times the whole CLI run (100,000 dyads, birth to 18 months) on 1 and 2 threads; appends to bench/results/<host>.csv.
#
# Usage: bench/whole_run.sh            (from anywhere; build first: cmake --preset release && cmake --build build)
# Environment: DYADS (100000), MONTHS (18, at least 12: the CLI assesses at 12 months), RUNS (3),
#              THREADS ("1 2"), BENCH_HOST (results file name; default debian12-2core),
#              ATTACHSIM (the binary), HYPERFINE (1 = use it when installed, 0 = time with bash),
#              WAIT_IDLE (1 = before each run, wait up to 300 s for the CPUs to be idle: for shared machines).
set -euo pipefail

# Percentage of CPU time spent busy (all CPUs) over the next $1 seconds.
cpu_busy_percent() {
  local user nice_ system idle iowait irq softirq steal rest t1 i1 t2 i2
  read -r _ user nice_ system idle iowait irq softirq steal rest </proc/stat
  t1=$((user + nice_ + system + idle + iowait + irq + softirq + steal)) i1=$((idle + iowait))
  sleep "$1"
  read -r _ user nice_ system idle iowait irq softirq steal rest </proc/stat
  t2=$((user + nice_ + system + idle + iowait + irq + softirq + steal)) i2=$((idle + iowait))
  echo $((100 - 100 * (i2 - i1) / (t2 - t1 > 0 ? t2 - t1 : 1)))
}

# Waits until the CPUs were under 10% busy for 2 s (at most 300 s), then returns.
wait_idle() {
  local deadline=$((SECONDS + 300))
  while ((SECONDS < deadline)) && (($(cpu_busy_percent 2) >= 10)); do :; done
}

if [[ "${1:-}" == --wait-idle ]]; then  # used as hyperfine's --prepare command
  wait_idle
  exit 0
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

dyads="${DYADS:-100000}"
months="${MONTHS:-18}"
runs="${RUNS:-3}"
threads_list="${THREADS:-1 2}"
host="${BENCH_HOST:-debian12-2core}"
bin="${ATTACHSIM:-$root/build/bin/attachsim}"
bench_bin="$(dirname "$bin")/attachsim-bench"
results="$root/bench/results/$host.csv"

if [[ ! -x "$bin" ]]; then
  echo "whole_run.sh: $bin not found; build first: cmake --preset release && cmake --build build" >&2
  exit 2
fi

# Days exactly as the CLI computes them: lround(months * 365.25 / 12).
days="$(awk -v m="$months" 'BEGIN { x = m * 30.4375; printf "%d", (x >= 0 ? int(x + 0.5) : 0) }')"
dyad_days=$((dyads * days))

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain -- sim 2>/dev/null)" ]]; then commit="$commit-dirty"; fi
date_now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

have_time=0
if [[ -x /usr/bin/time && "${USR_BIN_TIME:-1}" != 0 ]]; then have_time=1; fi
use_hyperfine=0
if command -v hyperfine >/dev/null && [[ "${HYPERFINE:-1}" != 0 ]]; then use_hyperfine=1; fi

median() {  # median of the numbers given as arguments
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Runs "$@" in the background and polls VmHWM (peak RSS, kB) from /proc; prints it.
# (Without /usr/bin/time only; the last 50 ms of growth may be missed.)
peak_rss_by_polling() {
  "$@" >/dev/null &
  local pid=$! hwm=0 key value rest
  while kill -0 "$pid" 2>/dev/null; do
    while read -r key value rest; do
      if [[ "$key" == VmHWM: && "$value" -gt "$hwm" ]]; then hwm="$value"; fi
    done <"/proc/$pid/status" 2>/dev/null || true
    sleep 0.05
  done
  wait "$pid"
  echo "$hwm"
}

load="$(cut -d' ' -f1 /proc/loadavg)"
echo "attachsim whole run: $dyads dyads, $months months ($days days = $dyad_days dyad-days), $runs runs each"
echo "commit $commit, $(nproc) cores, load average $load${WAIT_IDLE:+, WAIT_IDLE=$WAIT_IDLE}"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "warning: the machine is not idle (load $load); timings will be pessimistic (WAIT_IDLE=1 helps)" >&2
fi

if [[ ! -f "$results" ]]; then
  mkdir -p "$(dirname "$results")"
  echo "date,commit,threads,dyads,months,wall_s_median,dyad_days_per_s,peak_rss_mb,episodes_per_s" >"$results"
fi
# Episodes per simulated day with the default parameters (the step simulates each one).
episodes_per_day="$("$bin" describe 2>/dev/null | awk -F, '$1 == "infant.episodes_per_day" { print $5 }')"
episodes_per_day="${episodes_per_day:-8}"

declare -A wall
for t in $threads_list; do
  out="$tmp/out-$t"
  rss_log="$tmp/rss-$t.txt"
  : >"$rss_log"
  run=("$bin" run --dyads "$dyads" --months "$months" --threads "$t" --out "$out")
  times=()
  if ((use_hyperfine)); then
    # Each timed run goes through /usr/bin/time -v too, so peak RSS comes from the same runs.
    cmd="$(printf '%q ' "${run[@]}")"
    if ((have_time)); then cmd="/usr/bin/time -v -a -o $(printf '%q' "$rss_log") $cmd"; fi
    prepare=()
    if [[ "${WAIT_IDLE:-0}" == 1 ]]; then prepare=(--prepare "$(printf '%q' "$root/bench/whole_run.sh") --wait-idle"); fi
    hyperfine --runs "$runs" --style basic --export-csv "$tmp/hyperfine-$t.csv" "${prepare[@]}" \
      --command-name "threads=$t" "$cmd" >&2
    # Columns: command,mean,stddev,median,user,system,min,max
    wall[$t]="$(awk -F, 'NR == 2 { print $4 }' "$tmp/hyperfine-$t.csv")"
  else
    for ((i = 0; i < runs; ++i)); do
      if [[ "${WAIT_IDLE:-0}" == 1 ]]; then wait_idle; fi
      start="$(date +%s.%N)"
      if ((have_time)); then
        /usr/bin/time -v -a -o "$rss_log" "${run[@]}" >/dev/null
      else
        "${run[@]}" >/dev/null
      fi
      end="$(date +%s.%N)"
      times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')")
    done
    wall[$t]="$(median "${times[@]}")"
  fi
  if ((have_time)); then
    rss_kb="$(awk -F: '/Maximum resident set size/ { v = $2 + 0; if (v > m) m = v } END { print m + 0 }' "$rss_log")"
  else  # one more, untimed run, watched from /proc
    if [[ "${WAIT_IDLE:-0}" == 1 ]]; then wait_idle; fi
    rss_kb="$(peak_rss_by_polling "${run[@]}")"
  fi
  rss_mb="$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
  rate="$(awk -v n="$dyad_days" -v s="${wall[$t]}" 'BEGIN { printf "%.0f", n / s }')"
  wall_s="$(awk -v s="${wall[$t]}" 'BEGIN { printf "%.3f", s }')"
  episode_rate="$(awk -v r="$rate" -v e="$episodes_per_day" 'BEGIN { printf "%.0f", r * e }')"
  echo "$date_now,$commit,$t,$dyads,$months,$wall_s,$rate,$rss_mb,$episode_rate" >>"$results"
  printf 'threads=%s  wall median %s s  %s dyad-days/s (%.2f M/s)  %.1f M episodes/s  peak RSS %s MB\n' \
    "$t" "$wall_s" "$rate" "$(awk -v r="$rate" 'BEGIN { print r / 1e6 }')" \
    "$(awk -v r="$episode_rate" 'BEGIN { print r / 1e6 }')" "$rss_mb"
done

if [[ -n "${wall[1]:-}" && -n "${wall[2]:-}" ]]; then
  awk -v a="${wall[1]}" -v b="${wall[2]}" \
    'BEGIN { printf "speed-up 2 vs 1 threads: %.2fx (goal >= 1.8x)\n", a / b }'
  awk -v b="${wall[2]}" \
    'BEGIN { printf "2-thread wall: %.2f s (goal <= 5 s for 100,000 dyads to 18 months): %s\n", b, (b <= 5 ? "met" : "NOT met") }'
fi

# Per-step state per dyad, as the engine's own sizes give it.
if [[ -x "$bench_bin" ]]; then
  "$bench_bin" --benchmark_filter='^BM_DyadStateCopy$' --benchmark_min_time=0.01 2>&1 |
    grep -E '^(sizeof|step_state)' || true
fi
echo "results appended to ${results#"$root"/}"
