#!/usr/bin/env bash
# Installs SimPy 4 in a venv under .build/ (never committed) and runs Vigil's simulator benchmarks beside the SimPy
# model of the same weekday, so both times come from one run on one machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/simpy-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "simpy==4.1.1"
fi
swift build -c release --product vigil
VIGIL_SIMPY_PYTHON="$venv/bin/python" .build/release/vigil bench --only sim "$@"
