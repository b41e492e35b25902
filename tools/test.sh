#!/usr/bin/env bash
# Installs what is missing, builds in build/, runs every test (UI tests under Xvfb),
# and prints the summary "N passed, N failed" as its last line.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh || { echo "dependency installation failed"; echo "0 passed, 1 failed"; exit 1; }

builddir=${BUILDDIR:-build}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" ${MESON_ARGS:-} || { echo "0 passed, 1 failed"; exit 1; }
fi
meson compile -C "$builddir" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

# UI tests need a display: run the whole suite inside one Xvfb server.
xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
status=$?

python3 tools/test-summary.py "$builddir/meson-logs/testlog.json"
summary_status=$?
if [ $status -ne 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
exit 0
