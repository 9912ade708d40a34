#!/usr/bin/env bash
# Installs what bench/ compares Kiln with, beside scripts/setup.sh's packages:
# matplotlib (Debian) for the charts and ONNX Runtime (PyPI) in a virtual
# environment, .venv-bench, that also sees Debian's numpy, torch and onnx.
#   scripts/setup-bench.sh && .venv-bench/bin/python bench/models.py
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if ! dpkg -s python3-matplotlib python3-venv python3-torchvision time >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq python3-matplotlib python3-venv python3-torchvision time >/dev/null
fi
[ -x .venv-bench/bin/python ] || /usr/bin/python3 -m venv --system-site-packages .venv-bench
.venv-bench/bin/python -c "import onnxruntime" 2>/dev/null ||
  .venv-bench/bin/pip install -q onnxruntime
.venv-bench/bin/python -c "import onnxruntime, torch; print('onnxruntime', onnxruntime.__version__, '| torch', torch.__version__)"
