#!/usr/bin/env bash
# Installs the Python side of the test suite (moto's server) into .venv.
# Idempotent and fast when nothing changed: a stamp in .venv records the hash of
# requirements-test.txt and the interpreter it was installed for, and pip only
# runs when that hash differs.
set -euo pipefail

cd "$(dirname "$0")/.."
venv=.venv
requirements=requirements-test.txt
stamp="$venv/.requirements-test.sha256"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi

wanted="$( { sha256sum "$requirements"; "$venv/bin/python" --version; } | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x "$venv/bin/moto_server" ]; then
  exit 0
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
echo "$wanted" > "$stamp"
echo "install-test-deps: installed $requirements into $venv"
