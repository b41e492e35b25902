#!/usr/bin/env bash
# Installs what is missing, builds in build/, and starts Ketluan with its example data.
# With --help or a command (import, render, …) it runs the command-line tool instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build
fi
meson compile -C build >/dev/null

if [ $# -gt 0 ]; then
  exec build/src/cli/ketluan-cli "$@"
fi

if [ -x build/src/gui/ketluan ]; then
  exec build/src/gui/ketluan --example
fi
# The window is not built (no GTK): show the example document with the CLI.
exec build/src/cli/ketluan-cli targets data/examples/vi-thong-bao-ket-luan.txt
