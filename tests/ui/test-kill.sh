#!/usr/bin/env bash
# test-kill.sh: the app killed with SIGKILL while typing keeps, on restart, all that was typed
# up to the last autosave. Drives the real app under the suite's Xvfb with xdotool, reads the
# library back with ketluan-cli. Usage: test-kill.sh APP CLI [ROUNDS]. TAP output.
set -uo pipefail
app=$1
cli=$2
rounds=${3:-3}

echo "1..$((rounds + 1))"
if ! command -v xdotool >/dev/null || [ -z "${DISPLAY:-}" ] || [ ! -x "$app" ]; then
  for i in $(seq 1 $((rounds + 1))); do echo "ok $i # SKIP needs xdotool, a display and the app"; done
  exit 0
fi

tmp=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null; rm -rf "$tmp"' EXIT
pid=0
export KETLUAN_DB=$tmp/lib/ketluan.db
# LeakSanitizer has nothing to say about a killed process; the CLI's own leaks are not what
# this test is about (the other suites check them).
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0:fast_unwind_on_malloc=1

start_app() {
  "$app" >>"$tmp/app.log" 2>&1 &
  pid=$!
  wid=$(timeout 90 xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -1)
  [ -n "$wid" ] || { echo "Bail out! the window did not appear"; cat "$tmp/app.log" >&2; exit 1; }
  sleep 2   # the first document is loaded after the window maps
  xdotool windowfocus --sync "$wid"
}

# The body of the most recently modified document (the list is newest first).
body_of_newest() {
  local id
  id=$("$cli" --db "$KETLUAN_DB" list | awk -F'\t' 'NR == 1 {print $1}')
  "$cli" --db "$KETLUAN_DB" export "$id" -o "$tmp/doc.json" >/dev/null && \
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["body"])' "$tmp/doc.json"
}

# Each round starts the app on the same library (it opens the last document), makes a new
# document (Ctrl+N focuses its body), types, waits past the autosave delay, types again and
# is killed at once.
saved_texts=()
n=0
for round in $(seq 1 "$rounds"); do
  start_app
  xdotool key --window "$wid" ctrl+n
  sleep 1
  saved="vong ${round} da luu alpha bravo"
  xdotool type --delay 20 "$saved"
  sleep 3        # past the autosave delay (1 s by default)
  xdotool type --delay 20 " chua luu ${round}"   # typed in the last moment: may be lost
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  saved_texts+=("$saved")
  body=$(body_of_newest)
  n=$((n + 1))
  if [[ "$body" == "$saved"* ]]; then
    echo "ok $n - round $round: killed while typing, the text up to the last autosave is there"
  else
    echo "not ok $n - round $round: expected the body to start with '$saved', it holds '$body'"
  fi
done

# After the kills and restarts every document is whole: one per round plus the example.
start_app
sleep 1
kill -9 "$pid"; wait "$pid" 2>/dev/null
n=$((n + 1))
"$cli" --db "$KETLUAN_DB" list >"$tmp/list.txt" || echo "# the library does not open"
bodies=""
while IFS=$'\t' read -r id rest; do
  "$cli" --db "$KETLUAN_DB" export "$id" -o "$tmp/all.json" >/dev/null &&
    bodies+=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["body"])' "$tmp/all.json")$'\n'
done <"$tmp/list.txt"
missing=0
for t in "${saved_texts[@]}"; do
  [[ "$bodies" == *"$t"* ]] || { missing=$((missing + 1)); echo "# lost: $t"; }
done
count=$(wc -l <"$tmp/list.txt")
if [ "$missing" -eq 0 ] && [ "$count" -eq $((rounds + 1)) ]; then
  echo "ok $n - the library survived $rounds kills and restarts ($count documents, none lost)"
else
  echo "not ok $n - after $rounds kills: $count documents, $missing typed texts lost"
  sed 's/^/# /' "$tmp/list.txt"
fi
