#!/usr/bin/env bash
# One-command setup of a fresh machine: system packages, a virtual environment with the
# CPU build of torch, kg itself (with its shipped Stanza models) and the test tools.
set -euo pipefail
cd "$(dirname "$0")"
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    # headless Chromium and its driver, for the browser tests of the network view
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
fi
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
# torch first and pinned: any other torch requirement pulls several GB of CUDA packages
.venv/bin/pip install -q torch==2.13.0
.venv/bin/pip install -q -e '.[test]'
# the notebooks' "python3" kernel is this venv's python (the spec ipykernel ships says "python", whatever is on PATH)
.venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
.venv/bin/kg --help >/dev/null
echo "kg is set up: activate with 'source .venv/bin/activate'"
