#!/bin/sh
# The tests the Flatpak build runs (its "test-rule"): the sandbox has no display and no seeds
# (../shared/seeds lies outside the source folder flatpak-builder copies), so without the seeds
# this runs every test except those whose program reads KETLUAN_SEEDS, and the UI tests.
# Usage: flatpak-tests.sh BUILD_ROOT SOURCE_ROOT SEEDS_DIR
set -eu
build=$1
src=$2
seeds=$3

if [ -d "$seeds" ]; then
  exec meson test -C "$build" --no-rebuild --print-errorlogs --no-suite ui
fi

need_seeds=$(grep -l KETLUAN_SEEDS "$src"/tests/test-*.c 2>/dev/null | sed 's|.*/test-||; s|\.c$||' | sort -u)
run=""
skipped=""
for name in $(meson test -C "$build" --no-rebuild --list 2>/dev/null | grep -v '^ketluan:ui / ' | sed -n 's|^[^ ]* / ||p'); do
  if echo "$need_seeds" | grep -qx "$name"; then
    skipped="$skipped $name"
  else
    run="$run $name"
  fi
done
echo "No seeds at $seeds: skipping the tests that read them:$skipped"
[ -n "$run" ] || { echo "no test to run"; exit 1; }
# shellcheck disable=SC2086 # one word per test name
exec meson test -C "$build" --no-rebuild --print-errorlogs $run
