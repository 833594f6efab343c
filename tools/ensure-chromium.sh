#!/usr/bin/env bash
# The browser test drives Debian's chromium. Install it when it is missing (as root, as on CI and
# on this project's machines); otherwise say how.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "chromium ontbreekt: installeren met apt-get (eenmalig)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium ontbreekt. Installeer het (Debian: sudo apt-get install chromium) of zet CHROMIUM_PATH." >&2
  exit 1
fi
