#!/bin/bash
# End-to-end sweep checks of the attachsim binary: --jobs, --threads, --shard + merge, interrupt + --resume.
# usage: sweep_test.sh ATTACHSIM WORK CASE SCENARIO
set -u
attachsim=$1 work=$2 case=$3 scenario=$4
doc=${5:-}
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() { echo "FAIL ($case): $*" >&2; exit 1; }
# The CSV files of two folders must be byte-identical, runs.csv without its wall_s column.
same_outputs() {
  for f in timeseries.csv dyads.csv summary.csv; do
    cmp -s "$1/$f" "$2/$f" || fail "$f differs between $1 and $2"
  done
  cmp -s <(sed 's/,[^,]*$//' "$1/runs.csv") <(sed 's/,[^,]*$//' "$2/runs.csv") || fail "runs.csv differs (wall_s aside) between $1 and $2"
}
run() { "$attachsim" "$@" >out.txt 2>err.txt; echo $?; }

"$attachsim" sweep "$scenario" --out ref --jobs 1 --threads 1 >/dev/null 2>&1 || fail "reference sweep failed"
rows=$(($(wc -l <ref/runs.csv) - 1))
[ "$rows" -eq 16 ] || fail "runs.csv has $rows rows, expected 4 points x 2 replicates x 2 arms = 16"
grep -q ',interrupted,\|,failed,' ref/runs.csv && fail "status not complete"
[ -d ref/parts ] && fail "parts left after a complete sweep"
ls ref/*.tmp-* 2>/dev/null && fail "temporary files left"

case $case in
  jobs_threads)
    "$attachsim" sweep "$scenario" --out two --jobs 2 --threads 2 >/dev/null 2>&1 || fail "sweep --jobs 2 failed"
    same_outputs ref two
    "$attachsim" sweep "$scenario" --out other --seed 10 >/dev/null 2>&1 || fail "sweep --seed 10 failed"
    cmp -s ref/dyads.csv other/dyads.csv && fail "another master seed gave the same dyads.csv"
    # Seeds differ per point and replicate and are recorded.
    seeds=$(cut -d, -f5 ref/runs.csv | tail -n +2 | sort -u | wc -l)
    [ "$seeds" -eq 8 ] || fail "expected 8 distinct seeds (pairs share one), found $seeds"
    ;;
  shard_merge)
    for i in 0 1 2; do
      "$attachsim" sweep "$scenario" --out "s$i" --shard "$i/3" --jobs 2 >/dev/null 2>&1 || fail "shard $i/3 failed"
    done
    rc=$(run merge s0 s1 --out partial)
    [ "$rc" -eq 2 ] || fail "merging 2 of 3 shards gave exit $rc, expected 2"
    grep -q "missing" err.txt || fail "no message about missing units: $(cat err.txt)"
    rc=$(run merge s0 s1 s2 --out merged)
    [ "$rc" -eq 0 ] || fail "merge failed: $(cat err.txt)"
    same_outputs ref merged
    rc=$(run sweep "$scenario" --out bad --shard 3/3)
    [ "$rc" -eq 2 ] || fail "--shard 3/3 gave exit $rc, expected 2"
    ;;
  resume)
    # A bigger copy so that it can be interrupted part-way.
    "$attachsim" sweep "$scenario" --out big_ref --dyads 2000 --jobs 1 >/dev/null 2>&1 || fail "big reference failed"
    "$attachsim" sweep "$scenario" --out cut --dyads 2000 --jobs 1 >/dev/null 2>cut.err &
    pid=$!
    for _ in $(seq 1 600); do
      n=$(ls cut/parts/*.part 2>/dev/null | wc -l)
      [ "$n" -ge 2 ] && break
      sleep 0.05
    done
    kill -INT $pid
    wait $pid
    rc=$?
    [ "$rc" -eq 1 ] || fail "interrupted sweep exited $rc, expected 1"
    grep -q "resume" cut.err || fail "no hint to --resume: $(cat cut.err)"
    grep -q ',interrupted,' cut/runs.csv || fail "the interrupted run is not marked in runs.csv"
    grep -q '"status": "interrupted"' cut/manifest.json || fail "manifest does not say interrupted"
    kept=$(grep -c ',complete,' cut/runs.csv)
    [ "$kept" -ge 4 ] || fail "only $kept complete runs kept"
    rc=$(run sweep "$scenario" --out cut --dyads 2000 --resume)
    [ "$rc" -eq 0 ] || fail "--resume failed: $(cat err.txt)"
    grep -q "kept from before" out.txt || fail "resume did not keep earlier runs: $(cat out.txt)"
    same_outputs big_ref cut
    rc=$(run sweep "$scenario" --out cut --dyads 1000 --resume)
    [ "$rc" -eq 2 ] || fail "--resume with other options gave exit $rc, expected 2"
    # --resume of a complete folder: nothing runs and nothing is rewritten (runs.csv keeps its wall_s).
    sums=$(cd cut && sha256sum ./*.csv manifest.json)
    rc=$(run sweep "$scenario" --out cut --dyads 2000 --resume)
    [ "$rc" -eq 0 ] || fail "--resume of a complete sweep gave exit $rc: $(cat err.txt)"
    grep -q "already complete" out.txt || fail "--resume of a complete sweep did not say so: $(cat out.txt)"
    [ "$sums" = "$(cd cut && sha256sum ./*.csv manifest.json)" ] || fail "--resume of a complete sweep rewrote files"
    [ -d cut/parts ] && fail "--resume of a complete sweep left parts/"
    # SIGTERM (a job scheduler's stop) is the same as Ctrl-C, with --jobs 2: rows stay in run_id order.
    "$attachsim" sweep "$scenario" --out term --dyads 2000 --jobs 2 >/dev/null 2>term.err &
    pid=$!
    for _ in $(seq 1 600); do
      n=$(ls term/parts/*.part 2>/dev/null | wc -l)
      [ "$n" -ge 1 ] && break
      sleep 0.05
    done
    kill -TERM $pid
    wait $pid
    rc=$?
    [ "$rc" -eq 1 ] || fail "sweep stopped by SIGTERM exited $rc, expected 1"
    grep -q ',interrupted,' term/runs.csv || fail "SIGTERM: the interrupted runs are not marked in runs.csv"
    cut -d, -f1 term/runs.csv | tail -n +2 | sort -n -c 2>/dev/null || fail "SIGTERM: runs.csv is not in run_id order"
    ls term/*.tmp-* term/parts/*.tmp-* 2>/dev/null && fail "SIGTERM: temporary files left"
    rc=$(run sweep "$scenario" --out term --dyads 2000 --jobs 2 --resume)
    [ "$rc" -eq 0 ] || fail "--resume after SIGTERM failed: $(cat err.txt)"
    same_outputs big_ref term
    ;;
  schema)
    # Each file's header must list exactly the columns docs/csv.md documents, in order.
    params=$("$attachsim" describe | tail -n +2 | cut -d, -f1 | tr '\n' ' ')
    axes="primary.consistency event.help.age_months"
    documented() {  # the first table after "## $1" (every table with $2 = all): first cell with a `name` or a *placeholder*
      awk -v section="## $1" -v all="${2:-}" '
        $0 == section { inside = 1; next }
        inside && /^## / { exit }
        inside && /^\|/ { table = 1 }
        inside && table && !/^\|/ { if (all != "all") exit; table = 0 }
        inside && table && /^\|/ { print }' "$doc" |
      while IFS= read -r row; do
        IFS='|' read -ra cells <<<"$row"
        for cell in "${cells[@]:1}"; do
          if [[ $cell == *'`'* || $cell =~ ^\ *\* ]]; then
            case $cell in
              *'*event axes*'*) echo "event.help.age_months" ;;
              *'*axes*'*) for a in $axes; do echo "$a"; done ;;
              *'*parameters*'*) for p in $params; do echo "$p"; done ;;
              *) stem=""
                 for name in $(grep -o '`[^`]*`' <<<"$cell" | tr -d '`'); do
                   if [[ $name == _* ]]; then echo "${stem}${name}"; else echo "$name"; stem=${name%_mean}; fi
                 done ;;
            esac
            break
          fi
        done
      done | grep -v -- '---' | grep -v '^column$'
    }
    for file in runs timeseries dyads summary; do
      tables=""; [ "$file" = dyads ] && tables=all
      want=$(documented "$file.csv" $tables | tr '\n' ',' | sed 's/,$//')
      have=$(head -1 "ref/$file.csv")
      [ -n "$want" ] || fail "docs/csv.md has no column table for $file.csv"
      [ "$want" = "$have" ] || fail "$file.csv header differs from docs/csv.md:
  file: $have
  docs: $want"
    done
    ;;
  *) fail "unknown case" ;;
esac
echo "ok ($case)"
