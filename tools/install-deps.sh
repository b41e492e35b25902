#!/usr/bin/env bash
# Installs what Ketluan needs to build, run and test on Debian 12 (bookworm), with apt-get.
# Does nothing when everything is already there. Run as root, or with sudo available.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext python3
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev libfontconfig-dev
  # fonts: Liberation Serif 2.x has Vietnamese letters (the older fonts-liberation has not)
  fonts-liberation2
  # tests
  libpoppler-glib-dev poppler-utils xvfb xauth dbus-x11 xdotool strace
  desktop-file-utils appstream libxml2-utils flatpak-builder
  # LANG=vi_VN.UTF-8 (the Vietnamese user interface)
  locales
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Generates the vi_VN.UTF-8 locale, so that LANG=vi_VN.UTF-8 starts Ketluan in Vietnamese
# (LANGUAGE=vi with LANG=C.UTF-8 works without it).
vi_locale() {
  if locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\?8' || [ ! -f /etc/locale.gen ]; then
    return 0
  fi
  local s=""
  [ "$(id -u)" -ne 0 ] && s="sudo"
  $s sed -i 's/^# *\(vi_VN\(\.UTF-8\)\? UTF-8\)$/\1/' /etc/locale.gen
  $s locale-gen >/dev/null
}

if [ ${#missing[@]} -eq 0 ]; then
  vi_locale
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
vi_locale
