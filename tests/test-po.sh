#!/usr/bin/env bash
# Checks the translations: POTFILES.in lists every file with translatable strings, each catalog
# in LINGUAS compiles, is complete and up to date with the sources, and the compiled catalog is
# what the program finds under LANGUAGE=vi. Prints TAP.
# Usage: test-po.sh SOURCE_ROOT BUILD_ROOT
set -uo pipefail
src=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; sed 's/^/# /' "$tmp/why" 2>/dev/null; : >"$tmp/why"; }
check () { local desc=$1; shift; if "$@" >"$tmp/why" 2>&1; then ok "$desc"; else not_ok "$desc"; fi; }

cd "$src" || exit 1
listed=$(grep -v '^[[:space:]]*\(#\|$\)' po/POTFILES.in | sort)

# --- POTFILES.in -----------------------------------------------------------------------------
missing_files () {
  local bad=0 f
  for f in $listed; do
    [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; bad=1; }
  done
  return $bad
}
check "every file in po/POTFILES.in exists" missing_files

# Files that mark strings: _( N_( C_( NC_( g_dngettext( g_dpgettext2( in C, translatable="yes"
# in .ui, and the .in data files that i18n.merge_file translates.
marked=$( { grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_d[nc]?gettext|g_dpgettext2|ngettext)[[:space:]]*\(' \
              --include='*.c' src 2>/dev/null
            grep -rl 'translatable="yes"' --include='*.ui' ui 2>/dev/null
            ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
          } | sort -u)
unlisted () {
  comm -13 <(echo "$listed") <(echo "$marked") | sed 's/$/ has translatable strings but is not in po\/POTFILES.in/' | grep . && return 1
  return 0
}
check "po/POTFILES.in lists every file with translatable strings" unlisted

# --- a fresh template, extracted the way the ketluan-pot target does (glib preset + po/meson.build)
extract () {
  xgettext --package-name=ketluan --directory="$src" --files-from=po/POTFILES.in \
    --output="$tmp/ketluan.pot" --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
    --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --flag=g_markup_printf_escaped:1:c-format --flag=g_printerr:1:c-format \
    --flag=_:1:pass-c-format --flag=add_column:2:no-c-format
}
check "xgettext extracts the template from po/POTFILES.in" extract
[ -s "$tmp/ketluan.pot" ] || { echo "1..$n"; exit 1; }
count=$(grep -c '^msgid ' "$tmp/ketluan.pot")
count=$((count - 1))
enough () { [ "$count" -ge 100 ] || { echo "only $count messages extracted"; return 1; }; }
check "the template has the user interface's strings ($count messages)" enough

# --- each catalog ----------------------------------------------------------------------------
langs=$(grep -v '^[[:space:]]*\(#\|$\)' po/LINGUAS)
has_vi () { echo "$langs" | grep -qx vi || { echo "po/LINGUAS does not list vi"; return 1; }; }
check "po/LINGUAS lists vi" has_vi

for lang in $langs; do
  po=po/$lang.po

  # msgfmt --check: header, format strings; accelerators: one "_" where the English has one.
  compiles () {
    msgfmt --check --check-accelerators=_ --statistics -o "$tmp/$lang.mo" "$po" 2>"$tmp/stats" || { cat "$tmp/stats"; return 1; }
    cat "$tmp/stats"
    if grep -qE 'untranslated|fuzzy' "$tmp/stats"; then
      msgattrib --untranslated "$po" | grep '^msgid' | tail -n +2 | head -20
      msgattrib --only-fuzzy "$po" | grep '^msgid' | tail -n +2 | head -20
      return 1
    fi
  }
  check "$po compiles with msgfmt --check and has no untranslated or fuzzy message" compiles

  # Every message of the current sources is translated (msgcmp counts untranslated and fuzzy as
  # missing), and the format flags of the sources agree with the translations.
  up_to_date () {
    msgcmp "$po" "$tmp/ketluan.pot" || return 1
    msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/ketluan.pot" || return 1
    msgfmt --check --check-accelerators=_ -o /dev/null "$tmp/merged.po"
  }
  check "$po is up to date with the sources (every extracted msgid is translated)" up_to_date

  no_obsolete () {
    if grep -q '^#~ msgid' "$po"; then echo "obsolete messages remain in $po"; return 1; fi
  }
  check "$po keeps no obsolete messages" no_obsolete
done

# Vietnamese has one plural form.
plural () {
  grep -q '^"Plural-Forms: nplurals=1; plural=0;\\n"$' po/vi.po || { echo "po/vi.po: Plural-Forms must be nplurals=1; plural=0;"; return 1; }
}
check "po/vi.po has the Vietnamese plural forms" plural

# The translation reaches the program: the catalog built in the build tree answers under
# LANGUAGE=vi with the C.UTF-8 locale (how the README runs the app in Vietnamese without
# generating vi_VN), and the C.UTF-8 locale alone stays English.
reaches () {
  local mo="$build/po/vi/LC_MESSAGES/ketluan.mo"
  [ -f "$mo" ] || { echo "$mo was not built"; return 1; }
  local vi en
  vi=$(LC_ALL= LANG=C.UTF-8 LANGUAGE=vi TEXTDOMAINDIR="$build/po" gettext -d ketluan "Preferences")
  en=$(LC_ALL= LANG=C.UTF-8 LANGUAGE= TEXTDOMAINDIR="$build/po" gettext -d ketluan "Preferences")
  [ "$vi" = "Tùy chỉnh" ] || { echo "LANGUAGE=vi: 'Preferences' -> '$vi'"; return 1; }
  [ "$en" = "Preferences" ] || { echo "C.UTF-8: 'Preferences' -> '$en'"; return 1; }
}
check "the built catalog translates under LANGUAGE=vi and stays English under C.UTF-8" reaches

# The desktop file takes its Vietnamese name from the catalog and stays valid.
desktop () {
  msgfmt --desktop -d po --template data/io.github.ketluan.Ketluan.desktop.in -o "$tmp/k.desktop" || return 1
  grep -q '^GenericName\[vi\]=.' "$tmp/k.desktop" || { echo "no GenericName[vi]"; return 1; }
  grep -q '^Comment\[vi\]=.' "$tmp/k.desktop" || { echo "no Comment[vi]"; return 1; }
  grep -q '^Keywords\[vi\]=.*;$' "$tmp/k.desktop" || { echo "Keywords[vi] missing or not ended by ';'"; return 1; }
  if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$tmp/k.desktop"; fi
}
check "the translated desktop file has Vietnamese name, comment and keywords and validates" desktop

metainfo () {
  msgfmt --xml -d po --template data/io.github.ketluan.Ketluan.metainfo.xml.in -o "$tmp/k.metainfo.xml" || return 1
  grep -q 'xml:lang="vi"' "$tmp/k.metainfo.xml" || { echo "no xml:lang=\"vi\" in the metainfo"; return 1; }
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$tmp/k.metainfo.xml" >"$tmp/as" 2>&1 || { cat "$tmp/as"; return 1; }
  fi
}
check "the translated metainfo has Vietnamese text and validates" metainfo

# The window run straight from the build tree (tools/run.sh) follows the locale too.
build_tree_app () {
  local app="$build/src/gui/ketluan"
  [ -x "$app" ] || { echo "$app was not built"; return 1; }
  local vi en
  vi=$(LC_ALL= LANG=C.UTF-8 LANGUAGE=vi "$app" --help 2>&1 | head -1)
  en=$(LC_ALL= LANG=C.UTF-8 LANGUAGE= "$app" --help 2>&1 | head -1)
  [ "$vi" = "Cách dùng:" ] || { echo "LANGUAGE=vi: first line of --help is '$vi'"; return 1; }
  [ "$en" = "Usage:" ] || { echo "C.UTF-8: first line of --help is '$en'"; return 1; }
}
if [ -e "$build/src/gui" ]; then
  check "the window run from the build tree speaks Vietnamese under LANGUAGE=vi, English under C.UTF-8" build_tree_app
fi

echo "1..$n"
exit $failed
