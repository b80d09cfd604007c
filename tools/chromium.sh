#!/usr/bin/env bash
# Print the path of a Chromium for the browser tests.
#   1. $CHROMIUM, if set;  2. chromium, chromium-browser or google-chrome on PATH;
#   3. as root on Debian or Ubuntu: install Debian's `chromium` with apt, then use it.
# Playwright's own browser download is not used: it needs hosts a clinic's CI may not reach.
set -euo pipefail

if [ -n "${CHROMIUM:-}" ]; then
  if [ -x "$CHROMIUM" ]; then echo "$CHROMIUM"; exit 0; fi
  echo "CHROMIUM=$CHROMIUM is not an executable file; point it at a Chromium or Chrome binary." >&2
  exit 1
fi
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if path=$(command -v "$name"); then echo "$path"; exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && grep -qiE 'debian|ubuntu' /etc/os-release 2>/dev/null; then
  echo "Installing Chromium with apt for the browser tests..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  command -v chromium
  exit 0
fi
echo "No Chromium found for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium." >&2
exit 1
