#!/usr/bin/env bash
# The browser tests drive Debian's chromium with playwright-core (no browser download: Playwright's own
# builds cannot be fetched here). On a fresh Debian machine, install Debian's chromium if it is missing.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Debian's chromium: install it with 'sudo apt-get install chromium' and try again." >&2
  exit 1
fi
