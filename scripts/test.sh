#!/usr/bin/env bash
# `npm test`: everything CI checks, in the order that fails fastest. Installs Debian's Chromium
# for the browser tests when it is missing (never a downloaded browser build).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${BENCHTOP_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "== installing Debian's chromium for the browser tests"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

echo "== typecheck"
npx tsc --noEmit -p tsconfig.json
echo "== lint"
npx eslint .
echo "== unit tests (node)"
npx vitest run --project unit
echo "== browser tests (chromium, IWER)"
npx vitest run --project e2e
echo "== bundle budget"
npx tsx scripts/budget.ts
