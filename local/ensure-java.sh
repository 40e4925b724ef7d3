#!/usr/bin/env bash
# DynamoDB Local runs on Java 17. On a fresh Debian machine, install Debian's headless JRE if no java.
set -euo pipefail
command -v java >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Java 17 (openjdk-17-jre-headless) for DynamoDB Local…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
else
  echo "DynamoDB Local needs Java 17: install it with 'sudo apt-get install openjdk-17-jre-headless' and try again." >&2
  exit 1
fi
