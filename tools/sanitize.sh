#!/usr/bin/env bash
# Builds in build-asan with AddressSanitizer + UndefinedBehaviorSanitizer and runs the whole
# test suite there (UI tests under Xvfb); prints the summary "N passed, N failed" last.
# Any sanitizer report stops the program (halt_on_error) and so fails its test.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh || { echo "dependency installation failed"; echo "0 passed, 1 failed"; exit 1; }

builddir=${ASAN_BUILDDIR:-build-asan}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Db_sanitize=address,undefined -Db_lundef=false ${MESON_ARGS:-} \
    || { echo "0 passed, 1 failed"; exit 1; }
fi
meson compile -C "$builddir" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

# detect_leaks: LeakSanitizer runs at each test's exit, with tests/lsan.supp (set by
# tests/meson.build) for the libraries that keep process-wide caches on purpose.
# G_SLICE=always-malloc lets ASan see every GLib allocation.
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# tests/meson.build sets this for the core suites; the UI suite and the programs the tests
# run inherit it from here.
export LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp
export G_SLICE=always-malloc
# GTK renders with cairo here: Mesa's GL driver (llvmpipe under Xvfb) keeps per-process state
# it never frees, from a dlopened module LeakSanitizer cannot name or suppress. The GL path
# is exercised by the plain run (tools/test.sh).
export GDK_DEBUG=gl-disable

# Sanitized programs run 2-5 times slower: double meson's timeouts.
xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 --timeout-multiplier 2 \
  --no-suite ui "$@"
status=$?
# The UI suite apart, with stacks unwound 8 frames deep at each allocation (GLib has no frame
# pointers): deep enough for LeakSanitizer to see a leak comes from GLib's constructor
# (tests/lsan.supp), shallow enough to keep GTK fast. Its log is testlog-ui.json.
ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0:malloc_context_size=8 \
xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C "$builddir" --print-errorlogs --num-processes 1 --timeout-multiplier 2 \
  --suite ui --logbase testlog-ui "$@"
ui_status=$?
[ $ui_status -ne 0 ] && status=$ui_status

python3 tools/test-summary.py "$builddir/meson-logs/testlog.json" "$builddir/meson-logs/testlog-ui.json"
summary_status=$?
if [ $status -ne 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
exit 0
