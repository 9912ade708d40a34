//===- Passes.td - Kiln GPU code generation passes ---------*- tablegen -*-===//
//
// The passes of the CUDA pipeline (--kiln-gpu-pipeline) that upstream MLIR
// has no equivalent for: mapping bufferized linalg ops to kernels, outlining
// them into one device module, placing intermediates in the arena, and
// lowering launches to calls through the runtime's kiln_gpu_api_t.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_GPU_PASSES_TD
#define KILN_CODEGEN_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def GpuFlashAttention : Pass<"kiln-gpu-flash-attention", "::mlir::func::FuncOp"> {
  let summary = "Lower bf16/f16 kiln.attention to one flash-style kernel";
  let description = [{
    Replaces each `kiln.attention` on bf16 or f16 tensors (head sizes
    multiples of 16 up to 128, no additive mask; causal, grouped-query and
    RoPE of either pairing allowed) by one `gpu.launch` that computes it in
    the flash style on the tensor cores: a block of `warps` warps (4 by
    default) owns 16 query rows per warp and walks the keys in tiles of 64, with the scores of a tile in
    registers, an online softmax (running row maximum and sum, exp2) and
    the output accumulated in registers. S = Q K^T and O += P V are
    `nvvm.mma.sync` m16n8k16 with f32 accumulation; K and V tiles are staged
    in shared memory (rows padded by 8 elements) and read with
    `nvgpu.ldmatrix`. With RoPE, Q is rotated in registers as it is loaded
    and each K tile as it is copied into shared memory: rotated Q and K
    never reach device memory. The cos/sin tables are the op's `rope_tables`,
    or a [max(Sq, Skv), r] f16 table of (cos, sin) pairs that a `rope_table`
    kernel fills with the angles kiln.rope uses.

    Runs on tensors before kiln -> linalg: operands are read through
    `bufferization.to_buffer`, the result is a new buffer returned through
    `bufferization.to_tensor`. Attention ops it does not take keep the
    unfused lowering (with `remarks`, a remark says why).
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Emit a remark for each attention that keeps the unfused "
           "lowering, with the reason">,
    Option<"warps", "warps", "int64_t", /*default=*/"4",
           "Warps per block, 16 query rows each: 4 or 8">,
    Option<"ropeInElementType", "rope-in-element-type", "bool",
           /*default=*/"false",
           "Rotate K tiles with bf16x2/f16x2 arithmetic and a table in the "
           "element type (as PyTorch models that cast cos/sin to the "
           "activation type do) instead of in f32">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::nvgpu::NVGPUDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def GpuMapLinalg : Pass<"kiln-gpu-map-linalg", "::mlir::func::FuncOp"> {
  let summary = "Turn every bufferized linalg op into a gpu.launch";
  let description = [{
    Each `linalg` op on buffers with static loop ranges becomes one
    `gpu.launch` in which a thread computes one point of the op's parallel
    loops: the parallel iteration space is linearized (the innermost loop
    varies fastest, so neighbouring threads touch neighbouring elements of
    row-major outputs), split into blocks of `block-size` threads on the x
    dimension of the grid, and every thread runs the op's reduction loops
    itself, accumulating in registers (`scf.for` with `iter_args`) and
    storing each output once. Elementwise ops, transposes, pads, gathers,
    pooling, convolutions and matmuls all take this path.

    A `linalg.fill` of a reduction's output right before it becomes the
    initial value of the accumulators. An elementwise op right after a mapped
    op, over the same iteration space, that reads the mapped op's outputs at
    the elements each thread computes (a bias, an activation, a residual
    add after a matmul or convolution) runs in the same threads (kind
    `map_epilogue`); the intermediate is not stored when nothing else reads
    it.

    Ops it cannot map this way (an output indexed by reduction loops or not
    by every parallel loop, dynamic shapes), and any other top-level op that
    reads or writes memory (`memref.copy` between different shapes,
    `memref.store`, ...), run in a kernel of one thread, with linalg ops
    lowered to sequential loops: slow, but correct.

    Input invariant: bufferized functions whose buffers are memrefs.
    Output IR: no linalg op and no memory access outside a `gpu.launch`;
    allocations, views, constants and globals stay on the host.
  }];
  let options = [
    Option<"blockSize", "block-size", "unsigned", /*default=*/"256",
           "Threads per block of the mapped kernels">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", /*default=*/"true",
           "Run an elementwise op in the threads of the op before it when "
           "it reads that op's outputs at the elements each thread computes">,
    Option<"tileContractions", "tile-contractions", "bool", /*default=*/"true",
           "Map matmuls and convolutions (implicit GEMM) with static shapes "
           "to block-tiled kernels that stage their operands in shared "
           "memory; off: one thread per output point">,
    Option<"tensorCores", "tensor-cores", "bool", /*default=*/"false",
           "In tiled kernels, multiply bf16/f16 operands accumulated in f32 "
           "on tensor cores (nvvm.mma.sync m16n8k16, sm_80 and newer)">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def GpuOutlineKernels : Pass<"kiln-gpu-outline-kernels", "::mlir::ModuleOp"> {
  let summary = "Outline every gpu.launch into one gpu.module of kernels";
  let description = [{
    Moves the body of each `gpu.launch` into a `gpu.func` kernel of a single
    `gpu.module @kiln_kernels` (one device image for the whole model) and
    replaces the launch by a `gpu.launch_func`. Constants, `memref.get_global`
    and memref views are sunk into the kernels first, so a kernel takes one
    pointer per buffer it touches; the constant globals (weights) a kernel
    reads are moved into the device module, where they become initialized
    device memory. Kernels are named `<function>_<k>_<kind>` in launch order,
    with kind `map` (one thread per output point) or `serial`.
    Records the kernel names, in the order of the device module, in the
    module attribute `kiln.gpu_kernels`.

    Input invariant: the output of kiln-gpu-map-linalg. Output IR: a
    `gpu.container_module` with one `gpu.module`; host functions launch its
    kernels with `gpu.launch_func`.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def GpuArena : Pass<"kiln-gpu-arena", "::mlir::ModuleOp"> {
  let summary = "Place the intermediates of a GPU model in its arena";
  let description = [{
    Replaces every static `memref.alloc` of the public function by a
    `memref.view` into a new last argument, the arena (`memref<Nxi8>`), the
    device scratch memory the runtime passes to the entry. Buffers whose
    lifetimes (first to last top-level use, views included) do not overlap
    share memory; offsets are aligned to 256 bytes. The function gets the
    attribute `kiln.arena_size` (bytes).

    Input invariant: host functions after kernel outlining, whose allocations
    have static shapes and identity layouts. Output IR: no `memref.alloc` in
    public functions.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def GpuLowerLaunches : Pass<"kiln-gpu-lower-launches", "::mlir::ModuleOp"> {
  let summary = "Lower gpu.launch_func to calls through kiln_gpu_api_t";
  let description = [{
    Turns the host side of a GPU model into what the runtime calls: every
    function that launches kernels gets the execution context
    (`const kiln_exec_ctx_t *`, an `!llvm.ptr`) as its first argument and
    returns an i32 status. Each `gpu.launch_func` becomes a call to
    `ctx->gpu->launch(ctx, kernel, grid, block, 0, args)`, where `kernel` is
    the kernel's index in `kiln.gpu_kernels` and `args` an array on the stack
    of pointers to one slot per kernel parameter (a memref passes its
    aligned pointer, the bare-pointer convention of the kernels); a non-zero
    status is returned at once.

    Input invariant: outlined kernels with static memref parameters.
    Output IR: no `gpu.launch_func`; host functions in the LLVM, arith and
    memref dialects.
  }];
  let dependentDialects = [
    "::mlir::LLVM::LLVMDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def GpuUploadWeights : Pass<"kiln-gpu-upload-weights", "::mlir::ModuleOp"> {
  let summary = "Move the weights of the device module into host data";
  let description = [{
    Weights that kernel outlining copied into the device module would
    otherwise be initialized device globals: their bytes would be written
    out as PTX text and again into the cubin. This pass moves the data of
    every constant global of a `gpu.module` into a private constant global
    of the host module, and turns the device global into an externally
    visible, zero-initialized (in PTX: uninitialized) mutable global named
    `kiln_weight_<i>`, its loads marked invariant (`ld.global.nc`, as for
    constant memory). The module attribute `kiln.gpu_weights` lists, per
    weight, the device global's name and the host global
    (`[["kiln_weight_0", @kiln.weight.0], ...]`); kiln-compile puts them in
    the model descriptor (`gpu_weights`) and the runtime copies each host
    global into its device global when it loads the model. A global whose
    elements are all equal and that has at most `keep-uniform-bytes` bytes
    stays as it is: LLVM folds its loads into the code.

    Input invariant: host and device code in the LLVM dialect.
    Output IR: no initialized global in any `gpu.module` but small uniform
    ones.
  }];
  let options = [
    Option<"keepUniformBytes", "keep-uniform-bytes", "uint64_t",
           /*default=*/"4096",
           "Largest global whose elements are all equal that stays "
           "initialized in the device code">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def GpuLaunchToLoops : Pass<"kiln-gpu-launch-to-loops", "::mlir::func::FuncOp"> {
  let summary = "Run gpu.launch bodies as loops on the host (emulation)";
  let description = [{
    Replaces every `gpu.launch` by loops over its grid and its blocks that
    run the body once per (block, thread), in order: the host executes the
    kernels exactly as kiln-gpu-map-linalg mapped them. The
    `--target=gpu-emulator` of kiln-compile uses it to check the mapping
    numerically on a machine without a GPU.

    A kernel with barriers (`gpu.barrier`) or shared memory (workgroup
    attributions, which become host buffers reused by the blocks in turn)
    is cut at its barriers into phases, each a loop over the threads of a
    block, so that all threads finish a phase before any thread starts the
    next; values a thread carries from one phase to another (and the
    iteration arguments of a loop containing barriers, whose bounds must be
    the same in every thread) live in arrays with one element per thread.
    Such kernels need constant 1-D blocks. Warp-level operations (shuffles,
    `nvvm.mma.sync`) cannot be emulated.

    Input invariant: gpu.launch ops whose bodies have one block.
    Output IR: no gpu.launch; scf.for loops in their place.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // KILN_CODEGEN_GPU_PASSES_TD
