#!/usr/bin/env bash
# Installs the build into a temporary prefix (DESTDIR) and checks that every file is where
# desktops look for it, and that the installed programs run from there.
set -euo pipefail
builddir=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$builddir" --no-rebuild --destdir "$dest" --quiet >/dev/null
prefix=$(meson introspect "$builddir" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
root="$dest$prefix"
fail=0
check() {
  if [ -e "$root/$1" ]; then echo "ok: $1"; else echo "MISSING: $1"; fail=1; fi
}
check bin/ketluan-cli
check share/applications/io.github.ketluan.Ketluan.desktop
check share/metainfo/io.github.ketluan.Ketluan.metainfo.xml
check share/icons/hicolor/scalable/apps/io.github.ketluan.Ketluan.svg
check share/icons/hicolor/symbolic/apps/io.github.ketluan.Ketluan-symbolic.svg
check share/mime/packages/io.github.ketluan.Ketluan.mime.xml
check share/ketluan/examples/vi-thong-bao-ket-luan.txt
if [ -e "$builddir/src/gui/ketluan" ]; then
  check bin/ketluan
fi
for po in "$(dirname "$0")"/../../po/*.po; do
  [ -e "$po" ] || continue
  lang=$(basename "$po" .po)
  check "share/locale/$lang/LC_MESSAGES/ketluan.mo"
done

# The installed programs run from the prefix.
"$root/bin/ketluan-cli" --version | grep -q '^ketluan-cli ' || { echo "installed ketluan-cli does not run"; fail=1; }
"$root/bin/ketluan-cli" targets "$root/share/ketluan/examples/vi-thong-bao-ket-luan.txt" >/dev/null \
  || { echo "installed ketluan-cli cannot read the installed example"; fail=1; }
if [ -e "$root/bin/ketluan" ]; then
  "$root/bin/ketluan" --help | grep -q -i 'usage' || { echo "installed ketluan --help failed"; fail=1; }
fi
exit $fail
