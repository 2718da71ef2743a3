#!/usr/bin/env bash
# Frame times of attachsim-viewer under Xvfb + Mesa llvmpipe while simulating.
# Usage: [SIZE=WxH] [SCALE=S] bench/viewer_frames.sh [BUILD_DIR]   (default: build; needs xvfb-run)
# Default 1280x800 at the automatic scale, written to bench/results/debian12-2core-viewer.csv;
# another size or scale (the issue's standard: SIZE=1920x1080 SCALE=1.5) goes to
# bench/results/debian12-2core-viewer-WxH-sS.csv. One row per configuration; printed too.
set -euo pipefail
build=${1:-build}
viewer="$build/bin/attachsim-viewer"
size=${SIZE:-1280x800}
scale=${SCALE:-auto}
width=${size%x*}
height=${size#*x}
out=bench/results/debian12-2core-viewer.csv
[ "$size" = 1280x800 ] && [ "$scale" = auto ] || out=bench/results/debian12-2core-viewer-${size}-s${scale}.csv
frames=${FRAMES:-600}
[ -x "$viewer" ] || { echo "no $viewer: build with -DATTACHSIM_BUILD_VIEWER=ON first" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run not found (apt-get install xvfb xauth)" >&2; exit 2; }
rm -f "$out"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {  # dyads speed limit(1|0) threads label [arrangement]
  local limit_flag=()
  [ "$3" = 0 ] && limit_flag=(--no-frame-limit)
  echo "== $5: $1 dyads, speed ${2} days/s (0 = as fast as possible), frame cap ${3}, engine threads ${4}, arranged ${6:-grid}" >&2
  local args=(--dyads "$1" --days 120 --end-months 60 --play --speed "$2"
    --threads "$4" "${limit_flag[@]}" --panel charts --frames "$frames"
    --width "$width" --height "$height" --scale "$scale" --arrange "${6:-grid}"
    --bench-csv "$tmp/raw.csv" --export-dir "$tmp")
  # xvfb-run -a can race another xvfb-run on a shared machine for a display number: start the
  # search at a random number, and retry once.
  xvfb-run -a -n $((100 + RANDOM % 800)) -s "-screen 0 ${width}x${height}x24" "$viewer" "${args[@]}" >"$tmp/log" 2>&1 ||
    { echo "   failed ($(tail -1 "$tmp/log")); once more" >&2; sleep 2;
      xvfb-run -a -n $((100 + RANDOM % 800)) -s "-screen 0 ${width}x${height}x24" "$viewer" "${args[@]}" >/dev/null 2>&1; }
  echo "threads=$4" >> "$tmp/threads.txt"
}

# The issue's targets: 10,000 dyads >= 60 fps while simulating >= 1 day per frame; 100,000 >= 20 fps.
run 10000 0 1 0 "10k, default cap, simulating as fast as possible"
run 10000 60 1 0 "10k, default cap, 60 days/s"
run 10000 0 0 0 "10k, uncapped, as fast as possible"
run 100000 0 1 0 "100k, default cap, as fast as possible"
run 100000 0 0 0 "100k, uncapped, as fast as possible"
run 100000 0 1 2 "100k, default cap, both cores in the engine"
# The sorted population view (re-sorted once a second while the strategies change).
run 10000 0 1 0 "10k, default cap, as fast as possible, by sensitivity" sensitivity
run 100000 0 1 0 "100k, default cap, as fast as possible, by subgroup" subgroup

{
  echo "# attachsim-viewer frame times: Xvfb + $(glxinfo -B 2>/dev/null | sed -n 's/.*OpenGL renderer string: //p' || true)llvmpipe, ${width}x${height}, UI scale ${scale}, $(nproc) cores, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# frame_limit 1 = the viewer's default cap (64, which SFML's limiter delivers as >= 60 fps); 0 = uncapped"
  echo "# engine threads: row 6 uses 2 (--threads 2), the others the default (cores - 1 = 1)"
  echo "# rows 7 and 8: the population arranged by sensitivity (10k) and by subgroup (100k)"
  echo "# ui_ms, draw_ms, display_ms: the UI thread's frame (build the UI, submit it, display incl. the cap's sleep)"
  echo "# step_ms, publish_ms: the worker thread's simulated day and snapshot (moving averages)"
  echo "# days_per_frame = simulated days per drawn frame; steps run on the session's worker thread"
  echo "# load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the numbers)"
  cat "$tmp/raw.csv"
} > "$out"
cat "$out"
