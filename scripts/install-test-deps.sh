#!/usr/bin/env bash
# Installs the Python side of the test suite, each tool in its own venv because
# their pins conflict (checkov holds boto3 and networkx far below moto's):
#   .venv          moto's server (AWS wire protocols for the integration tests)
#   .venv-checkov  checkov (static scan of the synthesized Terraform)
# Idempotent and fast when nothing changed: a stamp in each venv records the hash
# of its requirements file and the interpreter, and pip only runs when it differs.
set -euo pipefail

cd "$(dirname "$0")/.."

install_venv() {
  local venv=$1 requirements=$2 tool=$3
  local stamp="$venv/.requirements.sha256"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  local wanted
  wanted="$( { sha256sum "$requirements"; "$venv/bin/python" --version; } | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x "$venv/bin/$tool" ]; then
    return 0
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" > "$stamp"
  echo "install-test-deps: installed $requirements into $venv"
}

install_venv .venv requirements-test.txt moto_server
install_venv .venv-checkov requirements-checkov.txt checkov
