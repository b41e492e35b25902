#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang in build-fuzz (ASan + UBSan), makes
# seed corpora from the seed documents and tests/bad-input, and runs each target for
# SECONDS (default 60). Prints per target the executions and whether it crashed; crash
# inputs are left in build-fuzz/crashes/TARGET/. Exit status 1 when any target crashed.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]   (targets: value markup importer tsv json store)
# FUZZ_SEED=N fixes libFuzzer's random seed (CI does, so that its short pass is repeatable).
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(value markup importer tsv json store)
builddir=${FUZZ_BUILDDIR:-build-fuzz}
seeds=${KETLUAN_SEEDS:-$(pwd)/../shared/seeds}

# clang is needed only here, not for the normal build.
if ! command -v clang >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -q --no-install-recommends clang || { echo "cannot install clang"; exit 1; }
fi

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dgui=disabled -Dui_tests=false \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link >/dev/null || { echo "fuzz configure failed"; exit 1; }
fi
ninja -C "$builddir" src/cli/ketluan-cli $(printf "tests/fuzz/fuzz-%s " "${targets[@]}") >/dev/null \
  || { echo "fuzz build failed"; exit 1; }

export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp
export LC_ALL=C.UTF-8 G_SLICE=always-malloc

# Seed corpora, rebuilt each run from the seeds (never committed: they are not ours to copy).
corpus=$builddir/corpus
rm -rf "$corpus" && mkdir -p "$corpus"/{value,markup,importer,tsv,json,store}
cli=$builddir/src/cli/ketluan-cli
i=0
for f in "$seeds"/*.txt tests/bad-input/*.txt; do
  [ -f "$f" ] || continue
  i=$((i + 1))
  cp "$f" "$corpus/importer/$i.txt"
  ASAN_OPTIONS=detect_leaks=0 "$cli" import "$f" --json -o "$corpus/json/$i.json" >/dev/null 2>&1
  ASAN_OPTIONS=detect_leaks=0 "$cli" --db "$corpus/store/$i.db" import "$f" >/dev/null 2>&1
  rm -rf "$corpus/store/backups" "$corpus/store/"*-wal "$corpus/store/"*-shm "$corpus/store/"*-journal
done
cp tests/bad-input/*.json "$corpus/json/" 2>/dev/null
python3 - "$corpus" "$seeds" <<'PY'
import json, os, sys, glob
corpus, seeds = sys.argv[1], sys.argv[2]
n = 0
def put(kind, text):
    global n
    n += 1
    with open(os.path.join(corpus, kind, "%d" % n), "w", encoding="utf-8") as f:
        f.write(text)
cells = set()
for path in glob.glob(os.path.join(corpus, "json", "*.json")):
    try:
        doc = json.load(open(path, encoding="utf-8"))
    except Exception:
        continue
    body = doc.get("body") or ""
    blocks = body.split("\n\n")
    for k in range(0, len(blocks), 8):          # small pieces run faster than whole bodies
        put("markup", "\n\n".join(blocks[k:k + 8]))
    for r in doc.get("reports") or []:
        for t in r.get("targets") or []:
            for key in ("plan", "actual", "next_plan"):
                v = t.get(key)
                if isinstance(v, dict) and v.get("text"):
                    cells.add((v["text"], t.get("unit") or ""))
for text, unit in sorted(cells):
    put("value", text)
for path in glob.glob(os.path.join(seeds, "*.txt")):
    run = []
    for line in open(path, encoding="utf-8").read().split("\n") + [""]:
        if "\t" in line or line.startswith("|"):
            run.append(line)
        elif run:
            for k in range(0, len(run), 12):
                put("tsv", "\n".join(run[:1] + run[max(k, 1):k + 12]))
            run = []
for s in ("17.501", "61.000", "1.105", "> 17.600", "≥ 98,5%", "15-20", "Duy trì", "Đạt",
          "Không đạt", "03 (lũy kế 03)", "1.2.3", "--5", "1e308", "-", "99,4%"):
    put("value", s)
put("tsv", "TT\tChỉ tiêu\tĐVT\tKế hoạch 2025\tTH 2025\tTH/KH (%)\n1\tLúa\tTấn\t17.501\t17.600\t100,6\n")
PY

status=0
summary=()
# One line per target in meson's testlog.json form, for tools/test-summary.py (CI).
testlog=$builddir/fuzz-testlog.json
: >"$testlog"
for t in "${targets[@]}"; do
  mkdir -p "$builddir/crashes/$t"
  log=$builddir/fuzz-$t.log
  "$builddir/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
    ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$builddir/crashes/$t/" \
    "$corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [ -z "$execs" ] && execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  if [ $rc -ne 0 ]; then
    status=1
    summary+=("$t: ${execs:-0} executions, CRASH (rc $rc), see $log and $builddir/crashes/$t/")
    grep -m3 -E 'ERROR: |runtime error|SUMMARY|abort|deadly' "$log" | sed 's/^/    /'
  else
    summary+=("$t: ${execs:-0} executions in ${seconds} s, ${cov:-cov: ?}, no crash")
  fi
  python3 -c 'import json,sys; print(json.dumps({"name": "fuzz-" + sys.argv[1], "result": sys.argv[2], "stdout": ""}))' \
    "$t" "$([ $rc -eq 0 ] && echo OK || echo FAIL)" >>"$testlog"
done
printf '%s\n' "${summary[@]}"
exit $status
