#!/usr/bin/env bash
# Installs everything Kiln needs on a fresh Debian 12 machine (idempotent, quiet when nothing is
# missing), then configures with Ninja + clang-22 + lld + ccache and builds into build/.
#
#   scripts/setup.sh            install + configure + build
#   KILN_SKIP_BUILD=1 scripts/setup.sh    install only
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain and MLIR/LLVM 22 (linked as libMLIR.so / libLLVM.so)
  cmake ninja-build ccache clang-22 lld-22 llvm-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  # (llvm-22: llvm-nm, which a test reads the symbols of a shared object with)
  python3 python3-numpy  # numpy: runtime tests (kiln-run, the kiln package)
  # ONNX import: the ONNX C++ library (checker, shape inference) on protobuf;
  # python3-onnx writes the test models
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx
  # PyTorch writes test models with torch.onnx.export (test/Import/Onnx)
  python3-torch python3-torchvision
  libonnx-testdata  # ONNX backend test data: test/Conformance
  # benchmarks only (bench/compare.py): oneDNN to compare single layers with
  libdnnl-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "${KILN_SKIP_BUILD:-0}" = 1 ] && exit 0

LLVM_PREFIX=/usr/lib/llvm-22
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$LLVM_PREFIX/bin/clang" \
    -DCMAKE_CXX_COMPILER="$LLVM_PREFIX/bin/clang++" \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DKILN_USE_LLD=ON \
    -DMLIR_DIR="$LLVM_PREFIX/lib/cmake/mlir" >/dev/null
fi
cmake --build build
