#!/usr/bin/env bash
# The GPU check of Kiln: one script for a machine with an NVIDIA GPU (an H100 or H200 lent for a
# session), sized to finish inside one 10-minute call. From the repository root:
#
#   bench/gpu_check.sh --prepare   # where Kiln builds (LLVM 22 installed), GPU or not: compiles the
#                                  # models for cuda (and cpu) into bench/gpu_check_models/ and
#                                  # exports the CNNs with PyTorch first (minutes; about 52 MB)
#   bench/gpu_check.sh             # on the GPU machine; carry bench/gpu_check_models when that
#                                  # machine cannot build kiln-compile itself
#
# On the GPU machine it
#   1. uses the build/ tree if its tools run there; else, when /usr/lib/llvm-22 is missing and no
#      prepared models came along, tries scripts/setup.sh (60 s at most; the lent machines have no
#      network); without a kiln-compile it takes the models from bench/gpu_check_models/, and
#      without a usable build/ it builds the runtime, kiln-run and the "cuda" test model with the
#      system C compiler (they need nothing but libc);
#   2. checks the runtime on the real driver with the hand-written PTX test model (exact results,
#      device arrays, torch tensors on the caller's stream, four threads at once);
#   3. runs the model suite (test/Integration/CPU models with float64 numpy references through
#      utils/check-model.py; examples/ against the CPU build's outputs for the same inputs);
#   4. runs the ONNX node-test subset of bench/onnx_conformance.py on the GPU;
#   5. times attention + RoPE (S=4096, H=16, D=128, bf16), a ResNet block, bf16 and f32 matmuls
#      and single convolutions (stride 2 with odd sizes, grouped, batch-1 256->256 at 14x14)
#      against PyTorch on the same card (bench/gpu_torch_ref.py, also the numerics);
#   6. runs CNNs of the model suite (ShuffleNetV2 x1.0, MobileNetV2, EfficientNet-B0; ResNet-50
#      when it fits the carry budget) at batch 1 on the inputs --prepare exported, checks them
#      against PyTorch's outputs and times them against PyTorch eager fp32 (TF32 off) on the same
#      card (bench/gpu_cnn_check.py);
# and prints a short table last. A step that cannot run prints "skipped: <why>" in its row (for
# instance while kiln-compile --target=cuda is not supported). Logs and the table also go to $OUT
# (default bench/gpu_check_out). Environment: KILN_GPU_CHECK_BUDGET (seconds before no new step
# starts, default 450), KILN_CUDA_DRIVER (as for the runtime; the tests' fake driver makes a dry
# run on a machine without a GPU possible), KILN_GPU_CHECK_TARGET=cpu (the whole flow with cpu models:
# a dry run of this script's logic anywhere), KILN_GPU_CHECK_NO_BUILD=1 (ignore build/, as on a bare
# GPU machine), KILN_GPU_CHECK_ONLY=REGEX (run only the suite, ONNX, benchmark and CNN rows whose
# names match, for a quick rerun of one piece of work), KILN_GPU_CHECK_CARRY_MB (--prepare: most MB
# of CNN models, with everything else, in bench/gpu_check_models, default 55), PYTHON (default
# python3, or /usr/bin/python3 when python3 has no numpy; --prepare needs numpy, onnx and
# torch/torchvision in it, the check numpy and torch).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PREP=$ROOT/bench/gpu_check_models
OUT=${OUT:-$ROOT/bench/gpu_check_out}
WORK=${KILN_GPU_CHECK_WORK:-/tmp/kiln_gpu_check}
BUDGET=${KILN_GPU_CHECK_BUDGET:-450}
PY=${PYTHON:-python3}
# A python3 without numpy (a pyenv shim ahead of the system's on the PATH) falls back to the
# system's, which scripts/setup.sh gives numpy, onnx and torch.
if [ -z "${PYTHON:-}" ] && ! "$PY" -c 'import numpy' >/dev/null 2>&1 &&
   /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then
  PY=/usr/bin/python3
fi
TARGET=${KILN_GPU_CHECK_TARGET:-cuda}
NO_BUILD=${KILN_GPU_CHECK_NO_BUILD:-0}
ONLY=${KILN_GPU_CHECK_ONLY:-.}
selected() { grep -Eq -- "$ONLY" <<<"$1"; }
mkdir -p "$OUT" "$WORK"
LOG=$OUT/gpu_check.log
: >"$LOG"
START=$SECONDS

say() { echo "gpu_check: $*" | tee -a "$LOG"; }
left() { echo $((BUDGET - (SECONDS - START))); }
# tmo N: a step's time limit, N seconds but never far past the budget.
tmo() { local l; l=$(( $(left) + 30 )); [ "$l" -lt 10 ] && l=10; [ "$1" -lt "$l" ] && l=$1; echo "$l"; }

# Model suite: name|source|reference[|tolerance] (a check-model.py reference, or "cpu" to compare
# with the CPU build's outputs, rel_l2 under the tolerance, default 1e-3).
SUITE=(
  "elementwise|test/Integration/CPU/elementwise.mlir|test/Integration/CPU/Inputs/elementwise.py"
  "attention|test/Integration/CPU/attention.mlir|test/Integration/CPU/Inputs/attention.py"
  "rope|test/Integration/CPU/rope.mlir|test/Integration/CPU/Inputs/rope.py"
  "norm-layer|test/Integration/CPU/norm-layer.mlir|test/Integration/CPU/Inputs/norm-layer.py"
  "norm-softmax|test/Integration/CPU/norm-softmax.mlir|test/Integration/CPU/Inputs/norm-softmax.py"
  "pool-max|test/Integration/CPU/pool-max.mlir|test/Integration/CPU/Inputs/pool-max.py"
  "shufflenet-unit|test/Integration/CPU/shufflenet-unit.mlir|test/Integration/CPU/Inputs/shufflenet-unit.py"
  "rope-attention-block|test/Integration/CPU/rope-attention-block.mlir|test/Integration/CPU/Inputs/rope-attention-block.py"
  "llama-decomposed|test/Integration/CPU/llama-decomposed.mlir|test/Integration/CPU/Inputs/llama-decomposed.py"
  "ex-shufflenet_unit|examples/shufflenet_unit.mlir|cpu"
  "ex-rope_attention_block|examples/rope_attention_block.mlir|cpu"
  # The flash attention kernel (kiln-gpu-flash-attention) against the CPU build, which lowers
  # attention unfused (P stays f32 there, the flash kernel rounds it to bf16/f16 for the mma).
  "flash-gqa-causal-rope|test/Target/CUDA/Inputs/flash/gqa-causal-rope.mlir|cpu|2e-2"
  "flash-bshd-interleaved|test/Target/CUDA/Inputs/flash/bshd-interleaved.mlir|cpu|5e-3"
  "flash-cross-causal|test/Target/CUDA/Inputs/flash/cross-causal.mlir|cpu|2e-2"
  "flash-short-keys-tables|test/Target/CUDA/Inputs/flash/short-keys-tables.mlir|cpu|2e-2"
  "flash-rope-offset|test/Target/CUDA/Inputs/flash/rope-offset.mlir|cpu|5e-3"
  "flash-gqa-causal-rope@erope|test/Target/CUDA/Inputs/flash/gqa-causal-rope.mlir|cpu|2e-2"
  "flash-bshd-interleaved@erope|test/Target/CUDA/Inputs/flash/bshd-interleaved.mlir|cpu|5e-3"
)
# Benchmarks against PyTorch (bench/models, bench/gpu_torch_ref.py).
# An entry NAME@VARIANT (here or in SUITE) compiles NAME's source with the variant's extra flags
# (below) and is checked and timed against the same reference as NAME.
# A model's "// kiln-compile-flags:" line adds flags (matmul_2048_bf16_tc: --gpu-tensor-cores).
BENCH=(attention_rope_s4096_bf16 attention_s4096_bf16 attention_rope_s4096_bf16@w8
       attention_s4096_bf16@w8 resnet_block_n32 matmul_2048_bf16 matmul_2048_bf16_tc
       matmul_2048_f32 conv_s2_odd_n8 grouped_conv_n32 conv_256_14_n1)
variant_flags() {  # ENTRY -> extra kiln-compile flags
  case "$1" in
    *@w4) echo "--gpu-flash-warps=4" ;;
    *@w8) echo "--gpu-flash-warps=8" ;;
    *@erope) echo "--gpu-rope-in-element-type" ;;
  esac
}

# CNNs of the model suite (test/Models/lib/models.py) against PyTorch eager, in priority order:
# --prepare exports each (utils/check-torch-model.py export, into $WORK/cnn/NAME), compiles it for
# cuda into bench/gpu_check_models/cnn/NAME.cuda.so and keeps the export's inputs.npz and
# reference.npz in bench/gpu_check_models/cnn/NAME/ (the .onnx stays behind); a model whose files
# would take bench/gpu_check_models past CARRY_MB is left out with a note (ResNet-50: 100 MB of
# weights).
CNN=(shufflenet_v2_x1_0 mobilenet_v2 efficientnet_b0 resnet50)
CARRY_MB=${KILN_GPU_CHECK_CARRY_MB:-55}

#===------------------------------------------------------------------------------------------===#
# Tools
#===------------------------------------------------------------------------------------------===#

KC=""  # a kiln-compile that runs here
tool_runs() { [ -x "$1" ] && "$1" --help >/dev/null 2>&1; }

find_compiler() {
  if [ "$NO_BUILD" = 1 ]; then
    say "skipped: build/ (KILN_GPU_CHECK_NO_BUILD=1)"
    return
  fi
  if tool_runs build/bin/kiln-compile; then
    KC=$ROOT/build/bin/kiln-compile
    say "using build/bin/kiln-compile"
    return
  fi
  if [ ! -d /usr/lib/llvm-22 ] && [ "${1:-}" != --prepare ] && ls "$PREP"/*.so >/dev/null 2>&1; then
    say "skipped: full build (no LLVM 22 here; using the models prepared in bench/gpu_check_models)"
    return
  fi
  if [ ! -d /usr/lib/llvm-22 ]; then
    say "/usr/lib/llvm-22 is missing: trying scripts/setup.sh (at most 60 s; needs a network)"
    if ! KILN_SKIP_BUILD=1 timeout 60 scripts/setup.sh >>"$LOG" 2>&1 || [ ! -d /usr/lib/llvm-22 ]; then
      say "skipped: full build (LLVM 22 could not be installed here); kiln-compile comes from bench/gpu_check_models"
      return
    fi
  fi
  local budget=$(( $(left) - 240 ))
  if [ "$budget" -lt 60 ]; then
    say "skipped: full build (not enough time left)"
    return
  fi
  say "building Kiln (at most ${budget} s)"
  if { [ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_C_COMPILER=/usr/lib/llvm-22/bin/clang -DCMAKE_CXX_COMPILER=/usr/lib/llvm-22/bin/clang++ \
        -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir >>"$LOG" 2>&1; } &&
     timeout "$budget" cmake --build build >>"$LOG" 2>&1 && tool_runs build/bin/kiln-compile; then
    KC=$ROOT/build/bin/kiln-compile
  else
    say "skipped: full build (failed or timed out; see $LOG)"
  fi
}

RT_LIB="" RUN="" CUDA_AFFINE=""
find_runtime() {
  if [ "$NO_BUILD" != 1 ] && [ -f build/lib/libkiln_runtime.so ] && tool_runs build/bin/kiln-run &&
     [ -f build/test/Runtime/models/cuda_affine.so ]; then
    RT_LIB=$ROOT/build/lib/libkiln_runtime.so RUN=$ROOT/build/bin/kiln-run
    CUDA_AFFINE=$ROOT/build/test/Runtime/models/cuda_affine.so
    say "using the runtime and kiln-run of build/"
    return 0
  fi
  local cc=${CC:-cc} b=$WORK/rt
  mkdir -p "$b"
  say "building the runtime, kiln-run and the cuda test model with $cc"
  if "$cc" -std=gnu11 -O2 -fPIC -shared -fvisibility=hidden -D_GNU_SOURCE -Iruntime/include \
       runtime/lib/*.c -o "$b/libkiln_runtime.so" -lpthread -ldl >>"$LOG" 2>&1 &&
     "$cc" -std=gnu11 -O2 -D_GNU_SOURCE -Iruntime/include tools/kiln-run/*.c -o "$b/kiln-run" \
       -L"$b" -lkiln_runtime -Wl,-rpath,"$b" >>"$LOG" 2>&1 &&
     "$cc" -std=c99 -O2 -fPIC -shared -fvisibility=hidden -Iruntime/include \
       test/Runtime/Inputs/cuda_affine.c -o "$b/cuda_affine.so" >>"$LOG" 2>&1; then
    RT_LIB=$b/libkiln_runtime.so RUN=$b/kiln-run CUDA_AFFINE=$b/cuda_affine.so
    return 0
  fi
  say "error: the runtime does not build here (see $LOG)"
  return 1
}

# Extra kiln-compile flags of a model: its line "// kiln-compile-flags: ..." (for cuda).
model_flags() { sed -n 's|^// kiln-compile-flags: ||p' "$1" | head -n 1; }

# compile NAME SOURCE TARGET -> prints the path of the .so, or "skipped: why" and returns 1.
compile() {
  local name=$1 source=$2 target=$3 so=$WORK/$1.$3.so
  if [ -n "$KC" ]; then
    local flags=() err
    [ "$target" = cpu ] && flags=(--mcpu=x86-64-v3)
    # shellcheck disable=SC2207
    flags+=($(variant_flags "$name"))
    # shellcheck disable=SC2207
    [ "$target" = cuda ] && flags+=($(model_flags "$source"))
    if err=$(timeout "$(tmo 180)" "$KC" "$source" --target="$target" "${flags[@]}" -o "$so" 2>&1); then
      echo "$so"
      return 0
    fi
    echo "skipped: kiln-compile --target=$target: $(echo "$err" | head -n 1 | sed 's/^kiln-compile: error: //')"
    return 1
  fi
  if [ -f "$PREP/$name.$target.so" ]; then
    echo "$PREP/$name.$target.so"
    return 0
  fi
  if [ -f "$PREP/$name.$target.err" ]; then
    echo "skipped: kiln-compile --target=$target: $(head -n 1 "$PREP/$name.$target.err" | sed 's/^kiln-compile: error: //')"
    return 1
  fi
  echo "skipped: no kiln-compile here and no prepared $name.$target.so (run --prepare, carry bench/gpu_check_models)"
  return 1
}

median_ms() { sed -n 's/^latency ms: .*median \([0-9.]*\).*/\1/p' "$1" | tail -n 1; }

#===------------------------------------------------------------------------------------------===#
# --prepare: compile everything for cuda and cpu here
#===------------------------------------------------------------------------------------------===#

if [ "${1:-}" = "--prepare" ]; then
  find_compiler --prepare
  [ -n "$KC" ] || { say "error: --prepare needs kiln-compile (build Kiln first)"; exit 1; }
  rm -rf "$PREP" && mkdir -p "$PREP"
  prep() {  # NAME SOURCE TARGET
    local so=$PREP/$1.$3.so flags=()
    [ "$3" = cpu ] && flags=(--mcpu=x86-64-v3)
    # shellcheck disable=SC2207
    flags+=($(variant_flags "$1"))
    # shellcheck disable=SC2207
    [ "$3" = cuda ] && flags+=($(model_flags "$2"))
    if timeout 300 "$KC" "$2" --target="$3" "${flags[@]}" -o "$so" 2>"$PREP/$1.$3.err"; then
      rm -f "$PREP/$1.$3.err"
      say "prepared $1 for $3"
    else
      say "$1 for $3: $(head -n 1 "$PREP/$1.$3.err")"
    fi
  }
  for entry in "${SUITE[@]}"; do
    IFS='|' read -r name source ref tol <<<"$entry"
    prep "$name" "$source" cuda
    [ "$ref" = cpu ] && prep "$name" "$source" cpu
  done
  for name in "${BENCH[@]}"; do prep "$name" "bench/models/${name%@*}.mlir" cuda; done
  "$PY" bench/onnx_conformance.py prepare --kiln-compile "$KC" --out "$PREP/onnx" --target cuda \
    2>&1 | tee -a "$LOG"
  # CNN models (see CNN above), last: they take what the carry budget leaves.
  mkdir -p "$PREP/cnn"
  for name in "${CNN[@]}"; do
    src=$WORK/cnn/$name so=$PREP/cnn/$name.cuda.so err=$PREP/cnn/$name.cuda.err
    if [ ! -f "$src/model.onnx" ] || [ ! -f "$src/inputs.npz" ] || [ ! -f "$src/reference.npz" ]; then
      if ! "$PY" utils/check-torch-model.py export "$name" "$src" >"$WORK/cnn-$name.export" 2>&1; then
        echo "export failed: $(tail -n 1 "$WORK/cnn-$name.export")" >"$err"
        say "$name: $(cat "$err")"
        continue
      fi
    fi
    # The .so holds the weights once (about the .onnx's size) plus the code: do not compile
    # what cannot fit.
    onnx_mb=$(du -m "$src/model.onnx" | cut -f1)
    if [ $(( $(du -sm "$PREP" | cut -f1) + onnx_mb )) -gt "$CARRY_MB" ]; then
      echo "left out by --prepare: its weights ($onnx_mb MB) would take bench/gpu_check_models past $CARRY_MB MB" >"$err"
      say "$name: $(cat "$err")"
      continue
    fi
    start=$SECONDS
    if ! timeout 900 "$KC" "$src/model.onnx" --target=cuda -o "$so" 2>"$err"; then
      rm -f "$so"
      say "$name for cuda: $(head -n 1 "$err")"
      continue
    fi
    mkdir -p "$PREP/cnn/$name"
    cp "$src/inputs.npz" "$src/reference.npz" "$PREP/cnn/$name/"
    mb=$(du -m "$so" | cut -f1)
    if [ "$(du -sm "$PREP" | cut -f1)" -gt "$CARRY_MB" ]; then
      rm -rf "$so" "$PREP/cnn/$name"
      echo "left out by --prepare: its .so ($mb MB) would take bench/gpu_check_models past $CARRY_MB MB" >"$err"
      say "$name: $(cat "$err")"
      continue
    fi
    rm -f "$err"
    say "prepared $name for cuda ($mb MB, $((SECONDS - start)) s)"
  done
  say "done: $(du -sh "$PREP" | cut -f1) in bench/gpu_check_models (name it in the device call's carry)"
  exit 0
fi

#===------------------------------------------------------------------------------------------===#
# The check
#===------------------------------------------------------------------------------------------===#

ROWS=()
row() { ROWS+=("$1|$2|$3|$4|$5"); echo "row: $1 | $2 | $3 | $4 | $5" >>"$LOG"; }

say "machine: $(nvidia-smi -L 2>/dev/null | head -n 1 || echo 'no nvidia-smi')"
say "torch: $("$PY" -c 'import torch; print(torch.__version__, torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no CUDA device")' 2>/dev/null || echo 'not importable')"
find_compiler
find_runtime || { row "runtime" "FAIL" "does not build" "-" "-"; }
export KILN_RUNTIME_LIB=$RT_LIB

# 1. The runtime on the real driver.
if [ -n "$RUN" ]; then
  sig=$WORK/affine.sig
  if ! "$RUN" "$CUDA_AFFINE" --print-signature >"$sig" 2>&1; then
    row "runtime (hand PTX)" "FAIL" "$(head -n 1 "$sig" | cut -c1-150)" "-" "-"
  else
    say "$(grep '^device:' "$sig")"
    log=$WORK/runtime_check.log
    "$PY" bench/gpu_runtime_check.py "$CUDA_AFFINE" >"$log" 2>&1
    cat "$log" >>"$LOG"
    summary=$(tail -n 1 "$log")
    "$RUN" "$CUDA_AFFINE" --bench 200 >"$WORK/affine.bench" 2>&1
    status=PASS
    grep -q "^runtime check: .* 0 failed" "$log" || status=FAIL
    row "runtime (hand PTX)" "$status" "${summary#runtime check: }" "$(median_ms "$WORK/affine.bench")" "-"
  fi
fi

# 2. The model suite.
for entry in "${SUITE[@]}"; do
  IFS='|' read -r name source ref tol <<<"$entry"
  selected "$name" || continue
  if [ "$(left)" -le 0 ]; then row "$name" "skip" "skipped: time budget spent" "-" "-"; continue; fi
  if ! so=$(compile "$name" "$source" "$TARGET"); then row "$name" "skip" "$so" "-" "-"; continue; fi
  log=$WORK/$name.check
  if [ "$ref" = cpu ]; then
    if ! cpu=$(compile "$name" "$source" cpu); then row "$name" "skip" "cpu reference: $cpu" "-" "-"; continue; fi
    rm -rf "$WORK/$name.out"
    if timeout "$(tmo 120)" "$RUN" "$cpu" --seed 1 --save-inputs "$WORK/$name.out/in" --output-dir "$WORK/$name.out/cpu" >"$log" 2>&1 &&
       timeout "$(tmo 120)" "$RUN" "$so" --seed 1 --output-dir "$WORK/$name.out/cuda" >>"$log" 2>&1; then
      verdict=$("$PY" - "$WORK/$name.out" "${tol:-1e-3}" <<'EOF' 2>&1
import glob, os, sys
import numpy as np
root, tol, worst = sys.argv[1], float(sys.argv[2]), 0.0
def values(path):
    a = np.load(path)
    if a.dtype == np.uint16:  # kiln-run writes bf16 as its bits
        a = (a.astype(np.uint32) << 16).view(np.float32)
    return a.astype(np.float64)
for cpu in sorted(glob.glob(os.path.join(root, "cpu", "*.npy"))):
    a = values(cpu)
    b = values(os.path.join(root, "cuda", os.path.basename(cpu)))
    if not np.all(np.isfinite(b)):
        worst = float("nan")
        break
    worst = max(worst, float(np.linalg.norm(a - b) / max(np.linalg.norm(a), 1e-30)))
print(("ok" if worst < tol else "FAIL") + f" vs cpu, rel_l2 {worst:.1e} (tol {tol:g})")
EOF
)
    else
      verdict="FAIL $(grep -m1 'error' "$log" | cut -c1-120)"
    fi
  else
    if timeout "$(tmo 180)" "$PY" utils/check-model.py "$so" "$ref" >"$log" 2>&1; then
      verdict="ok vs float64 numpy"
    else
      verdict="FAIL $(grep -m1 -E 'FAIL|rror' "$log" | cut -c1-120)"
    fi
  fi
  status=PASS
  [[ $verdict == ok* ]] || status=FAIL
  timeout "$(tmo 120)" "$RUN" "$so" --bench 50 >"$WORK/$name.bench" 2>&1
  row "$name" "$status" "$verdict" "$(median_ms "$WORK/$name.bench")" "-"
done

# 3. ONNX conformance subset.
if ! selected "onnx node tests"; then
  :
elif [ "$(left)" -le 0 ]; then
  row "onnx node tests" "skip" "skipped: time budget spent" "-" "-"
else
  onnx_dir=$PREP/onnx
  if [ -n "$KC" ]; then
    onnx_dir=$WORK/onnx
    "$PY" bench/onnx_conformance.py prepare --kiln-compile "$KC" --out "$onnx_dir" --target "$TARGET" >>"$LOG" 2>&1
  fi
  if [ -d "$onnx_dir" ]; then
    log=$WORK/onnx.log
    timeout "$(tmo 180)" "$PY" bench/onnx_conformance.py run "$onnx_dir" >"$log" 2>&1
    cat "$log" >>"$LOG"
    summary=$(grep '^onnx conformance:' "$log" || echo "FAIL $(tail -n 1 "$log")")
    status=PASS
    grep -q ' 0 failed' <<<"$summary" || status=FAIL
    grep -q ' 0 passed, 0 failed' <<<"$summary" && status=skip &&
      summary="skipped: $(grep -m1 '^SKIP' "$log" | cut -d: -f2- | sed 's/^ *\(kiln-compile: \)\{0,1\}error: //' | cut -c1-100)"
    row "onnx node tests" "$status" "${summary#onnx conformance: }" "-" "-"
  else
    row "onnx node tests" "skip" "skipped: no kiln-compile here and no prepared models" "-" "-"
  fi
fi

# 4. Benchmarks against PyTorch.
for name in "${BENCH[@]}"; do
  selected "$name" || continue
  if [ "$(left)" -le 0 ]; then row "$name" "skip" "skipped: time budget spent" "-" "-"; continue; fi
  if ! so=$(compile "$name" "bench/models/${name%@*}.mlir" "$TARGET"); then row "$name" "skip" "$so" "-" "-"; continue; fi
  dir=$WORK/$name.out
  rm -rf "$dir"
  timeout "$(tmo 180)" "$RUN" "$so" --seed 1 --bench 20 --warmup 3 --save-inputs "$dir/in" \
    --output-dir "$dir/out" >"$WORK/$name.bench" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ]; then
    note=$(grep -m1 error "$WORK/$name.bench" | cut -c1-120)
    [ "$rc" -eq 124 ] && note="kiln-run timed out"
    row "$name" "FAIL" "${note:-kiln-run exited with $rc}" "-" "-"
    continue
  fi
  ref=$(timeout "$(tmo 120)" "$PY" bench/gpu_torch_ref.py "${name%@*}" "$dir/in" "$dir/out" 2>&1 | tail -n 1)
  status=PASS torch_ms="-"
  [[ $ref == *" ok;"* ]] || status=FAIL
  [[ $ref == skipped* ]] && status=skip
  [[ $ref == *"torch "* ]] && torch_ms=$(sed -n 's/.*torch \([0-9.]*\) ms.*/\1/p' <<<"$ref")
  row "$name" "$status" "${ref%%;*}" "$(median_ms "$WORK/$name.bench")" "$torch_ms"
done

# 5. CNNs against PyTorch eager (see CNN above).
for name in "${CNN[@]}"; do
  selected "$name" || continue
  if [ "$(left)" -le 0 ]; then row "$name" "skip" "skipped: time budget spent" "-" "-"; continue; fi
  # Compiled here when kiln-compile runs and --prepare's export is here, else the prepared .so.
  src=$WORK/cnn/$name dir=$PREP/cnn/$name so=""
  if [ -n "$KC" ] && [ -f "$src/model.onnx" ]; then
    flags=()
    [ "$TARGET" = cpu ] && flags=(--mcpu=x86-64-v3)
    so=$WORK/cnn-$name.$TARGET.so dir=$src
    if ! err=$(timeout "$(tmo 600)" "$KC" "$src/model.onnx" --target="$TARGET" "${flags[@]}" -o "$so" 2>&1); then
      row "$name" "skip" "skipped: kiln-compile --target=$TARGET: $(echo "$err" | head -n 1 | sed 's/^kiln-compile: error: //')" "-" "-"
      continue
    fi
  elif [ -f "$PREP/cnn/$name.$TARGET.so" ]; then
    so=$PREP/cnn/$name.$TARGET.so
  elif [ -f "$PREP/cnn/$name.$TARGET.err" ]; then
    row "$name" "skip" "skipped: $(head -n 1 "$PREP/cnn/$name.$TARGET.err" | sed 's/^kiln-compile: error: //' | cut -c1-120)" "-" "-"
    continue
  else
    row "$name" "skip" "skipped: no kiln-compile here and no prepared cnn/$name.$TARGET.so (run --prepare, carry bench/gpu_check_models)" "-" "-"
    continue
  fi
  log=$WORK/cnn-$name.check
  timeout "$(tmo 240)" "$PY" bench/gpu_cnn_check.py "$name" "$so" "$dir" >"$log" 2>&1
  rc=$?
  cat "$log" >>"$LOG"
  ref=$(tail -n 1 "$log" | cut -c1-160)
  [ "$rc" -eq 124 ] && ref="FAIL: bench/gpu_cnn_check.py timed out"
  timeout "$(tmo 180)" "$RUN" "$so" --seed 1 --bench 20 --warmup 3 >"$WORK/cnn-$name.bench" 2>&1
  status=PASS torch_ms="-"
  [[ $ref == *" ok;"* ]] || status=FAIL
  [[ $ref == *"torch "*" ms ("* ]] && torch_ms=$(sed -n 's/.*torch \([0-9.]*\) ms.*/\1/p' <<<"$ref")
  row "$name" "$status" "$ref" "$(median_ms "$WORK/cnn-$name.bench")" "$torch_ms"
done

#===------------------------------------------------------------------------------------------===#
# Table
#===------------------------------------------------------------------------------------------===#

{
  echo
  echo "Kiln GPU check ($(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -n 1 || echo 'no nvidia-smi'), $((SECONDS - START)) s)"
  printf '%-26s %-5s %11s %11s  %s\n' "model" "ok" "kiln ms" "torch ms" "numerics / note"
  for r in "${ROWS[@]}"; do
    IFS='|' read -r name status note kiln torch <<<"$r"
    printf '%-26s %-5s %11s %11s  %s\n' "$name" "$status" "${kiln:--}" "${torch:--}" "$note"
  done
} | tee "$OUT/gpu_check_table.txt" | tee -a "$LOG"
grep -q '| FAIL |' "$LOG" && exit 1
exit 0
