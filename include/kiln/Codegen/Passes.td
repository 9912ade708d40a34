//===- Passes.td - Kiln code generation passes -----------*- tablegen -*-===//
//
// Passes that run on upstream dialects while a kiln program is turned into
// machine code.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_PASSES_TD
#define KILN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def ApproximateMath : Pass<"kiln-approximate-math"> {
  let summary = "Replace math functions by polynomial approximations";
  let description = [{
    Rewrites `math.exp`, `math.expm1`, `math.log`, `math.log1p`, `math.tanh`,
    `math.erf` and friends on f32 (scalars and vectors) into arithmetic with
    polynomial approximations accurate to a few ulp, so that they vectorize
    and the generated code calls no libm function for them. Math on other
    element types is first computed in f32. What remains (`math.powf`, ...)
    is left for `convert-math-to-libm`, and so are `math.sin` and
    `math.cos`, whose upstream approximation is not accurate at the large
    angles of rotary position embeddings.

    f32 `math.exp` gets Kiln's own approximation, cheaper than upstream's
    (see `docs/CPUCodegen.md`, "Transcendental functions"): 2^n * p(r) with
    n = floor(x log2 e) and 2^n taken from the bits of x log2 e + 1.5 * 2^23
    + 127, a two-constant Cody-Waite reduction and a degree-5 polynomial,
    after clamping x to [-88, 89]: exp(-inf) = +0, exp(+inf) = +inf, NaN
    stays NaN, and outputs below the smallest normal float are flushed to
    +0. At most 1.7e-7 relative error over the normal range. f32 `math.erf`
    is Kiln's too: x P(x^2) / Q(x^2) on x clamped to [-4, 4] (Eigen's and
    XLA's rational approximation), the division marked `arcp` and `ninf`
    for a reciprocal estimate (Q is finite and bounded away from 0): at most
    2.8e-7 error.

    Input invariant: any IR. Output IR: the functions above are gone for f32.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def CopiesToLoops : Pass<"kiln-copies-to-loops"> {
  let summary = "Turn memref.copy into linalg.copy so it becomes loops; drop self-copies";
  let description = [{
    Bufferization copies buffers with `memref.copy`. Between contiguous
    buffers the LLVM lowering turns it into `memcpy`, but a copy into or out
    of a strided view (a padded interior, a slice) becomes a call to the
    `memrefCopy` function of MLIR's C runner library, which a compiled model
    must not depend on. This pass rewrites every `memref.copy` between
    ranked memrefs into `linalg.copy`, which `convert-linalg-to-loops` (or
    vectorization) turns into loops; LLVM still recognises the contiguous
    ones as `memcpy`. Copies of dynamic shape (the interior of a pad fused
    into a tile at the border of an image) are included. Copies of a buffer
    onto itself (the same value or equal subviews of one buffer, which
    bufferization leaves where a tile is updated in place; one made a
    depthwise convolution 20x slower) are erased.

    Input invariant: bufferized IR. Output IR: no `memref.copy` between
    ranked memrefs is left, and no self-copy.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def WinogradConvs : Pass<"kiln-winograd-convs", "::mlir::func::FuncOp"> {
  let summary = "Compute 3x3 convolutions by Winograd's F(2x2, 3x3)";
  let description = [{
    Replaces each `kiln.conv2d` with a constant f32 3x3 filter, unit strides
    and dilations, a padding of 0 or 1 on each side, no groups, input channels
    in whole vectors and output channels in
    whole panels of two vectors (`vector-bits`), at least `min-channels`
    input and output channels, at least `min-multiply-adds` multiply-adds
    and a transformed filter of at most 64 MiB, by Winograd's minimal
    filtering F(2x2, 3x3):
    16 multiplications per 2x2 block of outputs and input channel instead of
    36; on images of at least `large-blocks-min-pixels` pixels whose rows and
    columns are multiples of 4, by F(4x4, 3x3): 36 per 4x4 block instead of
    144 (6x6 input blocks; below, 16 becomes 36 and 4x4 becomes 6x6).

    - The filter is transformed at compile time (U = G g G^T, in double
      precision) into a constant `[16, K / 2L, C, 2L]`: the 16 matrices, each
      in column panels of 2L output channels.
    - The input is transposed to channels last (`linalg.transpose`); an
      `scf.forall` over the 2x2 output blocks (batch, block row, block
      column) on buffers computes V = B^T d B of each 4x4 input block d
      (zero outside the image) into `[16, blocks, C]`, vectors along the
      channels (additions and subtractions only).
    - The 16 products M = V U are one `linalg.contract` with a batch
      dimension (`[16, blocks, K / 2L, 2L]`), tiled and vectorized by the
      following passes like any product by a constant.
    - A second `scf.forall` computes y = A^T M A of each block plus the bias
      into the channels-last output, and a `linalg.transpose` returns it to
      NCHW (kiln-tile-and-fuse computes a following activation in that
      transpose's tiles).

    Runs on tensors before kiln -> linalg: the kernels read their operands
    through `bufferization.to_buffer` and return new buffers through
    `bufferization.to_tensor`. Results differ from the direct convolution by
    rounding only (the transforms add and subtract up to 9 products per
    output). With `remarks`, each convolution left alone gets a remark with
    the reason.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Emit a remark for each convolution left alone, with the reason">,
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of a vector register in bits">,
    Option<"minChannels", "min-channels", "int64_t", /*default=*/"32",
           "The fewest input and output channels of a convolution computed "
           "this way">,
    Option<"minMultiplyAdds", "min-multiply-adds", "int64_t",
           /*default=*/"4194304",
           "The fewest multiply-adds (computed directly) of a convolution "
           "computed this way">,
    Option<"largeBlocksMinPixels", "large-blocks-min-pixels", "int64_t",
           /*default=*/"784",
           "Output images of at least this many pixels, with rows and "
           "columns multiples of 4, use F(4x4, 3x3) (0: always F(2x2, 3x3))">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def CpuFlashAttention : Pass<"kiln-cpu-flash-attention", "::mlir::func::FuncOp"> {
  let summary = "Lower f32 kiln.attention to a flash-style CPU kernel";
  let description = [{
    Replaces each `kiln.attention` on f32 tensors with static shapes and no
    additive mask (causal, grouped-query, bhsd/bshd, RoPE of either pairing
    with any rotary_dim, position offset or `rope_tables` allowed) by an
    `scf.forall` over (batch, query head, block of `query-block` queries)
    whose body computes the attention in the flash style with vector ops on
    buffers: keys are walked in blocks of `key-block`, the scores of a block
    live in a `key-block` x `query-block` stack buffer, the softmax is online
    (running maximum and sum per query, output rescaled per block), and the
    output of the block accumulates in a stack buffer. The queries lie along
    the vector lanes (`vector-bits` / 32 of them): Q K^T and P V are rank-1
    updates of register tiles by broadcast K and V elements, and the softmax
    needs no horizontal reduction. With RoPE, Q is rotated once per query
    block and each key block of K as it is read, so rotated Q and K never
    reach memory; cos/sin come from the op's `rope_tables` or from
    [max(Sq, Skv), r / 2] f32 tables computed at compile time with the
    angles kiln.rope defines. Causal key blocks entirely above the diagonal
    are skipped.

    Runs on tensors before kiln -> linalg: operands are read through
    `bufferization.to_buffer`, the result is a new buffer returned through
    `bufferization.to_tensor`, the scratch buffers are `memref.alloca` in a
    `memref.alloca_scope`. `math.exp` is left for `kiln-approximate-math`.
    Attention ops it does not take keep the reference lowering of
    `convert-kiln-to-linalg` (with `remarks`, a remark says why).
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "Emit a remark for each attention that keeps the reference "
           "lowering, with the reason">,
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of a vector register in bits">,
    Option<"queryBlock", "query-block", "int64_t", /*default=*/"64",
           "Queries per tile (rounded up to whole vectors)">,
    Option<"keyBlock", "key-block", "int64_t", /*default=*/"128",
           "Keys per step of the online softmax">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def TileAndFuse : Pass<"kiln-tile-and-fuse", "::mlir::func::FuncOp"> {
  let summary = "Tile linalg ops for threads and vector registers, fusing producers";
  let description = [{
    Tiles every linalg op on tensors with static loop ranges, last op first,
    in three levels whose sizes depend on the kind of op
    (`kiln::getTilingConfig`):

    1. thread tiles: an `scf.forall` over the parallel loops, about
       `parallel-tiles` tiles of sizes that divide their loop (so that every
       thread tile has the same static shape), only for kernels of at least
       `min-parallel-work` iteration points (smaller ones run serially);
    2. register tiles: an `scf.for` nest over the parallel loops —
       `matmul-rows` x 2 vectors of accumulators for matmul-like
       contractions, `matmul-rows` channels x 2 vectors of pixels of one
       output row for convolutions and poolings (1 vector when the row or
       its remainder would leave between 1 and 2 vectors), one channel x
       (`matmul-rows` + 2) / (vectors per row) output rows for depthwise
       convolutions and NCHW max and sum poolings, 4 vectors along the
       innermost loop for elementwise ops and reductions;
    3. reduction tiles: an `scf.for` nest over the reduction loops — one `k`
       at a time for contractions, one input channel and one window tap at a
       time for convolutions (none for depthwise convolutions and poolings:
       their register tile covers the whole window), 4 vectors along an
       innermost reduction. An f32 contraction's register tile of a single column
       (the last pixel of 49) reduces `k` in vectors of partial sums
       instead, added up after the loop (its register loops are peeled
       before its reduction loops are made, so that the tile's shape is
       known).

    Producers that only the op uses and that are cheap to recompute — fills,
    pads, linalg ops without reductions — are fused into the tiles of the
    first two levels when no two tiles would compute the same slice of them
    (halos of windows aside); pads only into thread tiles, whose sizes are
    static. An elementwise op (a bias, an activation) that alone reads the
    result of a contraction or convolution takes that op's tiles, and the
    contraction is fused into them with its own producers; the reduction
    tiles then apply to it, and the elementwise op works on each register
    tile right after its reduction. The `scf.for` loops are then peeled so that every tile, the
    remainders included, has a static shape and vectorizes without masks.

    Pads left in the function body after that and read through slices (a
    copy into rows aligned to vectors) with at least `min-parallel-work` / 8
    elements run on threads too: an
    `scf.forall` over tiles of their first unpadded dimension, each padding
    a slice of the source.

    Input invariant: linalg on tensors. Output IR: the same computation as
    nests of scf.forall / scf.for around small linalg ops on tensor slices.

    ```mlir
    %r = linalg.matmul ins(%a, %b : tensor<512x256xf32>, tensor<256x512xf32>)
                       outs(%fill : tensor<512x512xf32>) -> tensor<512x512xf32>
    // becomes (vector-bits=512)
    %r = scf.forall (%j) = (0) to (512) step (32) shared_outs(%o = %empty) {
      %t = scf.for %i = %c0 to %c512 step %c8 iter_args(...) {
        %f = linalg.fill ... -> tensor<8x32xf32>
        %m = scf.for %k = %c0 to %c256 step %c1 iter_args(%acc = %f) {
          linalg.matmul ins(... tensor<8x1xf32>, tensor<1x32xf32>) ...
        ...
    ```
  }];
  let options = [
    Option<"parallelTiles", "parallel-tiles", "int64_t", /*default=*/"16",
           "Number of thread tiles aimed at for a parallel kernel">,
    Option<"minParallelWork", "min-parallel-work", "int64_t",
           /*default=*/"1 << 18",
           "Kernels with fewer iteration points run serially">,
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of a vector register in bits">,
    Option<"matmulRows", "matmul-rows", "int64_t", /*default=*/"0",
           "Rows of the register tile of a matrix multiplication (0: 8 for "
           "512-bit registers, 6 otherwise)">,
    Option<"l2CacheKiB", "l2-cache-kib", "int64_t", /*default=*/"512",
           "L2 cache of one core in KiB: a matmul-like op whose right "
           "operand does not fit half of it splits its columns among the "
           "thread tiles">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def Vectorize : Pass<"kiln-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Vectorize the tiles of linalg ops on tensors";
  let description = [{
    Runs after `kiln-tile-and-fuse` on the small linalg ops it leaves:

    1. Convolution and pooling tiles that cover one tap of their window
       become a `linalg.generic` on (strided) slices indexed by projected
       permutations, loops in the output's order
       (`kiln::rewriteUnitWindowOp`): an NCHW convolution tile is
       `out[f, ow] += w[f, c] * in[c, ow]`, depthwise and pooling tiles are
       elementwise. Other 2-D windows with one output row and one window row
       are decomposed into 1-D ones
       (`linalg::populateDecomposeConvolutionPatterns`).
       Depthwise and pooling tiles that cover their whole window become
       straight-line vector code instead
       (`kiln::vectorizeChannelWindowTile`): an accumulator
       per output row kept in registers across all taps, each input row read
       once per column shift for every output row it feeds. A tile whose
       input is a slice of a `tensor.pad` (static amounts on the rows and
       columns, constant value) reads the unpadded tensor in place
       (`depthwise-unpadded`): one version of the tile per placement of its
       window (inside the source; across its top or bottom rows: rows
       outside left out or selected away; across its first columns: one
       version per known offset, elements shifted in registers; across its
       last columns: masked loads), chosen by `scf.if` on the tile offsets,
       so that the pad is no longer materialized.
    2. Every linalg op is vectorized with `linalg::vectorize` (one op at a
       time; the combined "vectorize children and apply patterns" step gave
       wrong results on an NCHW convolution): static shapes as they are,
       dynamic ones masked to their upper bounds, matmul-like contractions
       to `vector.contract`. Ops on i1 tensors (bytes in memory, bits in LLVM
       vectors), ops on bf16 tensors (the x86 back end widens bf16 vectors
       through compiler-rt calls), ops the vectorizer does not support, and ops whose vectors
       would exceed 4096 elements are left for `convert-linalg-to-loops`.
       A `tensor.pad` of static shape becomes a loop over its rows writing
       each element once with vector transfers (`kiln::vectorizePad`).
    3. Transfers are folded into the tensor slices they read and write; a
       read of every `s`-th element of a row (a tap of a strided convolution
       or pooling) becomes a contiguous read and a `vector.shuffle`;
       `mul` + `add` on vectors become `vector.fma`; loop-invariant transfer
       pairs (reduction accumulators) are hoisted out of `scf.for` loops so
       that they stay in registers; a tile written whole (a fill, a bias) and
       read whole is forwarded in registers whatever unit dimensions the two
       transfers use, so that no temporary buffer is left per tile.

    Input invariant: tiled linalg on tensors. Output IR: vector ops on
    tensors (`vector.transfer_read/write`, `vector.contract`, elementwise
    vector arithmetic), plus the linalg ops that could not be vectorized.

    ```mlir
    %m = linalg.matmul ins(%a, %b : tensor<8x1xf32>, tensor<1x32xf32>)
                       outs(%acc : tensor<8x32xf32>) -> tensor<8x32xf32>
    // becomes
    %va = vector.transfer_read %a[...] : tensor<8x1xf32>, vector<8x1xf32>
    %vb = vector.transfer_read %b[...] : tensor<1x32xf32>, vector<1x32xf32>
    %r = vector.contract {...} %va, %vb, %vacc : ... into vector<8x32xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::ub::UBDialect",
    "::mlir::vector::VectorDialect",
  ];
  let options = [
    Option<"depthwiseUnpadded", "depthwise-unpadded", "bool",
           /*default=*/"true",
           "Depthwise and pooling tiles read the unpadded input of a "
           "tensor.pad in place (false: they read the materialized pad)">,
    Option<"depthwiseVersionedMinPixels", "depthwise-versioned-min-pixels",
           "int64_t", /*default=*/"3136",
           "Depthwise and pooling tiles that need more than two versions of "
           "their code to read in place (column offsets across a border) do so only on "
           "planes of at least this many pixels (default 56x56); smaller "
           "planes' tiles read the materialized pad">,
  ];
}

def AddExecContext : Pass<"kiln-add-exec-context", "::mlir::ModuleOp"> {
  let summary = "Give public functions the runtime's execution context";
  let description = [{
    The runtime calls a model with a `const kiln_exec_ctx_t *`
    (`runtime/include/kiln/runtime/kiln_abi.h`) whose `parallel_for` runs
    tiles on its thread pool. This pass prepends that pointer, as an
    `!llvm.ptr` argument marked `kiln.exec_ctx`, to every public function
    with a body that does not have it yet, so that
    `kiln-forall-to-parallel-for` can reach the pool. Private functions are
    left alone (they run serially).

    Input invariant: func.func ops on tensors or buffers. Output IR: public
    functions take the context as argument 0.

    ```mlir
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32>
    // becomes
    func.func @main(%ctx: !llvm.ptr {kiln.exec_ctx}, %x: tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def ForallToParallelFor : Pass<"kiln-forall-to-parallel-for", "::mlir::ModuleOp"> {
  let summary = "Run the tiles of bufferized scf.forall loops on the runtime's threads";
  let description = [{
    Works on bufferized IR (memrefs), before the conversion to the LLVM
    dialect: the loop body is still structured, every value it captures is a
    memref or a scalar, and the conversion to LLVM is left to the upstream
    passes, so nothing here depends on how they lower loops or memrefs.

    Each outermost `scf.forall` (no results) of a function that has an
    execution-context argument (`kiln.exec_ctx`, see
    `kiln-add-exec-context`) whose static iteration space has at least
    `min-iterations` points becomes:

    - an outlined `func.func private @<function>_tiles<k>(%data: !llvm.ptr,
      %begin: i64, %end: i64, %worker: i32)`, the ABI's `kiln_task_fn_t`: it
      loads the captured values from `%data` and runs the linearized
      iterations `[begin, end)` of the loop as an `scf.for`;
    - in the function, the captured values stored into a stack struct
      (memrefs as their LLVM descriptors, through
      `builtin.unrealized_conversion_cast`s that `reconcile-unrealized-casts`
      removes after the conversion to LLVM; index values as i64) and one
      indirect call of `ctx->parallel_for` (field 2 of `kiln_exec_ctx_t`,
      after two u32) with the iteration count, the outlined function and
      the struct.

    Constants are cloned into the outlined body rather than captured.
    `memref.alloca`s of static size at the top of the body are allocated
    once, in the task's entry block, before its loop (the lowering of an
    scf.for to blocks does not release an iteration's stack, which would
    grow with every tile); the body of a forall that becomes a serial nest
    is wrapped in a `memref.alloca_scope`. Every
    other `scf.forall` (nested ones, those of functions without a context,
    ones with dynamic bounds or too few iterations, ones capturing values of
    other types) becomes a serial `scf.for` nest; no `scf.forall` is left.

    Input invariant: bufferized IR. Output IR: no `scf.forall`; LLVM dialect
    ops for the struct and the call next to memref/scf ops.

    ```mlir
    scf.forall (%i) = (0) to (512) step (64) {
      %t = memref.subview %out[%i, 0] [64, 512] [1, 1] : ...
      ...
    }
    // becomes
    %data = llvm.alloca %c1 x !llvm.struct<(struct<(ptr, ptr, i64, ...)>)> : ...
    llvm.store %outDescriptor, %slot0 : ...
    %pf = llvm.load %pfSlot : !llvm.ptr -> !llvm.ptr
    llvm.call %pf(%ctx, %c8_i64, %task, %data) : !llvm.ptr, (...) -> ()
    ```
  }];
  let options = [
    Option<"minIterations", "min-iterations", "int64_t", /*default=*/"2",
           "Loops with fewer iterations run serially">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def LowerMultiReductions : Pass<"kiln-lower-multi-reductions", "::mlir::func::FuncOp"> {
  let summary = "Lower vector.multi_reduction, choosing the strategy per op";
  let description = [{
    Lowers every `vector.multi_reduction` with the upstream patterns, but
    picks their strategy op by op instead of once for the function:

    - a reduction over the innermost dimension (a row of a softmax or a layer
      norm, the pixels of a global pool) becomes one `vector.reduction` per
      row (`inner-reduction`): a tree of vector adds once the LLVM lowering
      reassociates it, instead of one scalar add per element;
    - any other (the innermost dimension parallel) adds whole vectors
      elementwise (`inner-parallel`), which needs no shuffles.

    Input invariant: vector code on tensors or memrefs. Output IR: no
    `vector.multi_reduction` left.
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
}

def ReturnReshapedAllocs
    : Pass<"kiln-return-reshaped-allocs", "::mlir::func::FuncOp"> {
  let summary = "Allocate returned buffers at the returned shape";
  let description = [{
    After bufferization, a `func.return` operand that is a
    `memref.expand_shape` or `memref.collapse_shape` of a static, contiguous
    `memref.alloc` (a 1x1 convolution computed over `[N, C, H * W]` and
    returned as `[N, C, H, W]`) becomes an allocation of the returned type,
    which the old allocation's other users read and write through the inverse
    reshape. `buffer-results-to-out-params` then replaces that allocation by
    the caller's buffer, instead of copying the result into it after the last
    kernel.

    Input invariant: functions on memrefs. Output IR: no returned value is a
    reshape of an allocation.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def DistinctResults : Pass<"kiln-distinct-results", "::mlir::func::FuncOp"> {
  let summary = "Give every returned tensor its own value";
  let description = [{
    A model may return the same tensor twice (two outputs that are the same
    computation, often only after CSE). Each output is written into its own
    caller buffer, so before bufferization every repeated `func.return`
    operand after the first becomes a `linalg.copy` of it into a new tensor.

    Input invariant: functions on tensors. Output IR: no value appears twice
    among the operands of a `func.return`.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def FreeBuffers : Pass<"kiln-free-buffers", "::mlir::ModuleOp"> {
  let summary = "Free the heap buffers of bufferized IR after their last use";
  let description = [{
    After `kiln-plan-arena` the buffers left on the heap are the per-tile
    buffers of tile loops (a padded copy of a tile's input, a partial
    reduction), each used only inside the loop body that allocates it. For
    every `memref.alloc` of the module whose buffer does not escape its block
    (through its views, followed: no terminator, call or other op takes it
    or a view of it and gives back a memref), this pass inserts a
    `memref.dealloc` right after the op of that block that uses it last.

    When some buffer escapes its block (yielded from a loop, returned), the
    pass inserts nothing and runs MLIR's ownership-based deallocation
    pipeline (`bufferization::buildBufferDeallocationPipeline`) on the
    module instead. The simple case costs one walk; the pipeline costs
    three module-wide canonicalizations (about 1 s of ShuffleNetV2's
    compile).

    Input invariant: bufferized IR without `memref.dealloc`. Output IR: every
    heap buffer freed once on every path.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def PrefetchBlocks : Pass<"kiln-prefetch-blocks", "::mlir::func::FuncOp"> {
  let summary = "Prefetch the next block of a blocked filter, and the rows a product or pointwise convolution reads ahead";
  let description = [{
    kiln-tile-and-fuse reduces a convolution vectorized along output
    channels whose filter does not stay in the cache in blocks of input
    channels (TilingConfig::blockTiles), and marks the loop over the input
    channels of a block in each register tile with `kiln.prefetch_ahead = D`
    (the block's size). In every `scf.for` so marked, this pass prefetches,
    at the start of each iteration, what the iteration D steps further reads
    of each constant operand (a `memref.get_global`, through views) that a
    `vector.transfer_read` in the loop indexes with the loop's induction
    variable: the contiguous rows of that operand behind the index, all of
    them, so that reads in the nested window loops are covered too. The
    next block of the filter then streams from memory into the L2 cache
    (`memref.prefetch`, locality 2) while the register tiles of the current
    block compute, instead of stalling the first tile of every block. A
    prefetch past the end of the operand reads nothing it would fault on.

    kiln-tile-and-fuse also marks the reduction loop of a product (its k)
    and the input-channel loop of a pointwise convolution along output
    channels with `kiln.prefetch_input_ahead = D` (32): every step reads a
    few elements of another row of an input that is not constant, rows a
    cache line or more apart that the hardware prefetchers do not follow,
    and often written by the other core just before. In each such loop, this
    pass puts before the first and the last scalar load or vector read of
    each such buffer in the loop body a `memref.prefetch` of the same
    element in row min(iv + D * step, upper bound - 1): into L1 (locality 3)
    for an activation, into L2 (locality 2) for a constant filter, whose
    panel of 2L output channels (a vector read broadcast to the tile's
    pixels, 2L elements per step) the next register tiles of the thread
    tile read again.

    Input invariant: buffers (after bufferization). Output IR: no
    `kiln.prefetch_ahead` or `kiln.prefetch_input_ahead` attribute;
    `memref.prefetch` ops in the loops that had one. Loops with nothing to
    prefetch are left as they were.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect"];
}

def LLVMLoopAnnotations : Pass<"kiln-llvm-loop-annotations", "::mlir::ModuleOp"> {
  let summary = "Make loop annotations of scf.for loops LLVM loop metadata";
  let description = [{
    `convert-scf-to-cf` copies an `llvm.loop_annotation` attribute of an
    `scf.for` onto the branch of the loop's back edge, and
    `convert-cf-to-llvm` keeps it there as a discardable attribute of the
    `llvm.br`; the translation to LLVM IR reads the branch's own
    `loop_annotation` property only, so the annotation was lost. This pass
    moves it into the property: the loop then carries its `!llvm.loop`
    metadata (kiln-tile-and-fuse keeps the window loops of convolutions
    vectorized along output channels rolled that way).

    Input invariant: the LLVM dialect. Output IR: no `llvm.br` or
    `llvm.cond_br` with a discardable `llvm.loop_annotation`.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def FlattenLLVMGlobals : Pass<"kiln-flatten-llvm-globals", "::mlir::ModuleOp"> {
  let summary = "Give constant LLVM globals of nested array type a flat array type";
  let description = [{
    `finalize-memref-to-llvm` gives the global of a constant memref of shape
    64x64x1x1 the type `!llvm.array<64 x array<64 x array<1 x array<1 x
    f32>>>>`. The translation to LLVM IR builds one LLVM constant per
    innermost array (here one per weight) and uniques each one: a model
    with 25 M weights (ResNet-50) took more than 5 minutes and 4 GB to
    translate. This pass gives every `llvm.mlir.global` whose type is a
    nested array and whose value is a dense or dense-resource elements
    attribute the flat type `!llvm.array<N x elt>` and reshapes its value
    to `tensor<Nxelt>` (the blob is shared, not copied), so that the
    translation emits one constant per global. Accesses are unaffected: with
    opaque pointers, `llvm.mlir.addressof` gives a `!llvm.ptr` and every
    `getelementptr`, load and store names its own element type.

    Input invariant: the LLVM dialect. Output IR: no global with an elements
    value has a nested array type.
  }];
}

def FuseElementwise : Pass<"kiln-fuse-elementwise"> {
  let summary = "Fuse elementwise linalg producers into their consumers";
  let description = [{
    Fuses a `linalg.generic` (or named elementwise op) on tensors into the
    `linalg.generic` that consumes it, as upstream
    `linalg-fuse-elementwise-ops` does, with three rules: the producer has
    no other user (nothing is computed twice), the consumer has no reduction
    loop, and the consumer reads each element of the producer's result once
    (its indexing map of the operand is a permutation). A producer fused into
    a reduction is recomputed for every reduced element: rotating Q or K
    inside Q.K^T recomputes the rotation for every multiply-add (measured 5x
    slower on an attention with RoPE), and a sigmoid fused into a matmul
    would run once per multiply. A producer broadcast by its consumer is
    recomputed for every element it is broadcast to: the sigmoid gate of a
    squeeze-excitation block, one value per channel, was computed again for
    every pixel (about 2 % of EfficientNet-B0's time, serial).

    Input invariant: linalg on tensors. Output IR: fewer generic ops, each
    reduction reading materialized operands.

    It also moves the `tensor.expand_shape` between a contraction and an
    elementwise consumer below the consumer (upstream's fold of reshapes by
    collapsing), so that the consumer reads the contraction's result
    directly and `kiln-tile-and-fuse` computes it as an epilogue: a bias add
    after a matmul of a batch of rows, a ReLU after a pointwise convolution.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ConvChannelVectors : Pass<"kiln-conv-channel-vectors", "::mlir::func::FuncOp"> {
  let summary = "Vectorize convolutions on rows of odd widths along output channels";
  let description = [{
    The register tile of an NCHW convolution holds vectors of `L` output
    pixels of a row (`vector-bits` / 32): rows of 14 or 28 pixels leave
    1/8 of the lanes idle (computed as 16, or as 3 x 8 + 4). This pass
    computes a `linalg.conv_2d_nchw_fchw` (f32, static shapes, constant
    filter) whose rows are not whole vectors along its output channels
    instead: its filter `[F, C, KH, KW]` is packed at compile time into
    panels `[F / 2L, C, KH, KW, 2L]`, and the convolution becomes a
    `linalg.generic` over loops `(n, fo, oh, ow, fi, c, kh, kw)` into the
    accumulator expanded to `[N, F / 2L, 2L, OH, OW]` (a view of the NCHW
    result). The input stays NCHW. `kiln-tile-and-fuse` tiles it with the
    `2L` channels of a panel in vectors (innermost loop) and a few pixels
    of a row (at most 6 with AVX2, 8 with AVX-512; the remainder none or at
    least 4: rows of 14 as 5 + 5 + 4, of 28 as 4 x 6 + 4); per input channel
    and tap a tile loads its panel's 2 vectors of weights, one sequential
    stream (the filter is packed in the loops' order, input channels
    innermost), and broadcasts one input value per pixel.

    Applies when the output channels are whole panels, the row width is not
    a whole number of vectors, the window (C x KH x KW) has at least 32
    taps and a register tile's panel of the filter (C x KH x KW x 2L
    floats) is at most `max-panel-kib` KiB (it is read from L2 once per
    tile). ResNet-50's 3x3 convolutions at 28x28 and 14x14 qualify; those
    at 7x7 (512 channels: 288 KiB panels) and at 56x56 (whole vectors) do
    not.

    A pointwise convolution, which `kiln-convert-kiln-to-linalg` writes as a
    `linalg.contract` over flattened images (`w[f, c] * x[n, c, p]`), is
    written back as a 1x1 convolution of a one-row image `[N, C, 1, H * W]`
    and then computed the same way when its images are not whole vectors,
    it has at least as many input as output channels and at least 16 pixel
    tiles per image (kiln::isChannelVectorPointwise: where that measured
    faster; ResNet-50's 1024 -> 256 at 14x14 qualifies, 256 -> 1024 and the
    7x7 ones do not).

    A pointwise convolution on an image too small for that (fewer than 16
    pixel tiles: 7x7) with at least `channels-last-min-channels` input
    channels (512) and at least a quarter as many output channels (any, with
    512-bit vectors, where products over 49 columns get register tiles one
    vector wide) is computed from its input transposed to `[N, 1, H * W, C]`
    (a `linalg.transpose` before it; kiln::isChannelsLastPointwise): a tile
    then broadcasts its pixels' values from rows read along the input
    channels, instead of one cache line per input channel from NCHW rows.
    ResNet-50's 1x1 convolutions at 7x7 qualify.

    A filter that is a constant times a tensor that does not vary along the
    output channels (a squeeze-excitation gate that `kiln-fold-gates` moved
    into the weights of the next convolution, as in EfficientNet) is
    packed the same way: the constant at compile time, and the product made
    again over the panels at run time.

    ```mlir
    %0 = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x256x16x16xf32>, tensor<256x256x3x3xf32>)
        outs(%b : tensor<1x256x14x14xf32>) -> tensor<1x256x14x14xf32>
    ```
    becomes (`vector-bits=256`)
    ```mlir
    %p = arith.constant dense_resource<w.panels> : tensor<16x256x3x3x16xf32>
    %e = tensor.expand_shape %b [[0], [1, 2], [3], [4]] ... into tensor<1x16x16x14x14xf32>
    %g = linalg.generic {indexing_maps = [
        affine_map<(n, fo, oh, ow, fi, c, kh, kw) -> (n, c, oh + kh, ow + kw)>,
        affine_map<(n, fo, oh, ow, fi, c, kh, kw) -> (fo, c, kh, kw, fi)>,
        affine_map<(n, fo, oh, ow, fi, c, kh, kw) -> (n, fo, fi, oh, ow)>], ...}
        ins(%x, %p ...) outs(%e ...)
    %0 = tensor.collapse_shape %g [[0], [1, 2], [3], [4]] ... into tensor<1x256x14x14xf32>
    ```
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of a vector register in bits">,
    Option<"maxPanelKiB", "max-panel-kib", "int64_t", /*default=*/"256",
           "Largest filter panel of a register tile, in KiB">,
    Option<"channelsLastMinChannels", "channels-last-min-channels", "int64_t",
           /*default=*/"512",
           "Fewest input channels of a pointwise convolution on a small image "
           "computed from its input transposed to channels last">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def WidenConvRows : Pass<"kiln-widen-conv-rows", "::mlir::func::FuncOp"> {
  let summary = "Compute convolutions on rows of odd widths a few columns wider";
  let description = [{
    The register tiles of a convolution hold whole vectors of `L` output
    pixels of a row (`vector-bits` / 32). A row of 14 pixels (ResNet's 14x14
    stage) with L = 8 leaves a remainder of 6, and one of 7 (the 7x7 stage)
    is all remainder: such a vector is read as 4 + 2 (+ 1) loads and one
    or two inserts for every tap and input channel, and the 3x3
    convolutions ran at 70 % (14) and 60 % (7) of the speed of a row of 16.

    A `linalg.conv_2d_nchw_fchw` on f32 tensors whose output width leaves
    such a remainder (not a power of two) is computed instead on rows
    rounded up so that the remainder is one (rows of 14 -> 16, 7 -> 8,
    11 -> 12), when that adds at most one column in eight: its input gets
    `(wide - width) * stride` more columns of padding on the right (in the
    existing `tensor.pad`, or a new one of zeros), its accumulator is the
    bias broadcast or fill again at the wider shape (else padded), and the
    result's first `width` columns are copied out (`linalg.copy` of a
    `tensor.extract_slice`, which an elementwise consumer such as the
    activation fuses). Convolutions of fewer than 32 multiply-adds per
    output (channels x window) are left alone: there the copy would cost
    more than it saves.

    ```mlir
    %0 = linalg.conv_2d_nchw_fchw ins(%padded, %w : tensor<1x256x16x16xf32>, ...)
        outs(%bias : tensor<1x256x14x14xf32>) -> tensor<1x256x14x14xf32>
    ```
    becomes (`vector-bits=256`)
    ```mlir
    %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 3] ... : tensor<1x256x16x18xf32>
    %b = linalg.broadcast ins(%bias_values ...) outs(%empty : tensor<1x256x14x16xf32>) ...
    %0 = linalg.conv_2d_nchw_fchw ins(%p, %w ...) outs(%b ...) -> tensor<1x256x14x16xf32>
    %s = tensor.extract_slice %0[0, 0, 0, 0] [1, 256, 14, 14] [1, 1, 1, 1]
    %1 = linalg.copy ins(%s ...) outs(%e : tensor<1x256x14x14xf32>)
    ```
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of a vector register in bits">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def MathToLibm : Pass<"kiln-math-to-libm", "::mlir::ModuleOp"> {
  let summary = "Run convert-math-to-libm only where math ops are left";
  let description = [{
    `convert-math-to-libm` turns the math ops that have no LLVM lowering
    (`math.powf`, `math.sin` of a model's RoPE tables, ...) into libm calls;
    it is a module pass (it declares the functions) and a conversion over
    every op of the module, 0.3 s of ShuffleNetV2's compile where, after
    `kiln-approximate-math` and `convert-math-to-llvm`, no math op is left.
    This pass walks the module and runs it only when one is.

    Input invariant: any IR. Output IR: that of `convert-math-to-libm`.
  }];
  let dependentDialects = [
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def PackWeights : Pass<"kiln-pack-weights", "::mlir::func::FuncOp"> {
  let summary = "Store the constant matrix of a product of a few rows in column panels";
  let description = [{
    A `linalg.matmul` by a constant `[K, N]` f32 matrix (a fully connected
    layer, a transformer's projections; gemm weights are already transposed
    by the graph canonicalizer) reads the constant one register tile of
    columns at a time: 2L floats (`vector-bits`) from each of its K rows,
    N floats apart in memory. With N a multiple of 1024 those rows fall in
    one set of the L1 cache (4 KiB apart), and for a few result rows each is
    used once. The constant is stored instead as `[ceil(N / P), K, P]`
    panels (P = 2L columns, zero-padded), which the register tiles read
    front to back, and the product becomes a `linalg.contract`
    `(m, j, i, k): a[m, k] * w[j, k, i] -> out[m, j, i]` into the
    accumulator reshaped to `[M, ceil(N / P), P]` (padded when N is not a
    multiple of P), then reshaped and sliced back to `[M, N]`.

    Before:
    ```mlir
    %w = arith.constant dense<...> : tensor<1024x1000xf32>
    %0 = linalg.matmul ins(%x, %w : tensor<1x1024xf32>, tensor<1024x1000xf32>)
        outs(%acc : tensor<1x1000xf32>) -> tensor<1x1000xf32>
    ```
    After (`vector-bits=256`, P = 16):
    ```mlir
    %w = arith.constant dense<...> : tensor<63x1024x16xf32>
    %p = tensor.pad %acc low[0, 0] high[0, 8] ...
    %e = tensor.expand_shape %p [[0], [1, 2]] ... into tensor<1x63x16xf32>
    %0 = linalg.contract indexing_maps = [...] ins(%x, %w ...) outs(%e ...)
    %c = tensor.collapse_shape %0 [[0], [1, 2]] ... into tensor<1x1008xf32>
    %r = tensor.extract_slice %c[0, 0] [1, 1000] [1, 1]
    ```
    `max-rows` (default 0: any) limits the products packed to those of at
    most that many rows.

    A filled accumulator (whole panels) is filled in panels instead of
    reshaped, and an elementwise op that alone reads the product through
    the collapse of its panels (a bias add, GELU, a residual add) is
    rewritten over the panels (`linalg` fusion by expansion, its other
    operands expanded), reading the product's result directly; the collapse
    moves after it. kiln-tile-and-fuse then computes the fill and the
    elementwise op in the product's tiles instead of in passes of their own
    over memory.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of a vector register in bits (panels are two registers "
           "wide)">,
    Option<"maxRows", "max-rows", "int64_t", /*default=*/"0",
           "Largest number of result rows whose constant operand is packed "
           "(0: any)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AlignContractionRows : Pass<"kiln-align-contraction-rows", "::mlir::func::FuncOp"> {
  let summary = "Read the right operand of a product from rows aligned to vectors";
  let description = [{
    The register tiles of a matmul-like `linalg.contract` or
    `linalg.generic` load vectors from the rows of its right operand (a 1x1
    convolution's image `[1, C, H*W]`), one row per step of k. When a row is
    not a whole number of vectors long (49 or 196 pixels of f32 against
    32-byte vectors), the rows start at every offset within a cache line and
    about half of those loads straddle two lines: a 1x1 convolution
    2048 -> 512 at 7x7 ran 1.85 ms, on 6x8 = 48 pixels 1.54 ms (1 thread,
    Zen 3). The operand is padded instead to rows of a whole number of
    vectors (`tensor.pad`, one copy of it, which CSE shares between the
    products that read the same tensor) and the product reads a slice of
    the padded tensor: after bufferization a view whose rows are aligned as
    the padded buffer is.

    Only products of static shapes whose right operand's innermost
    dimension is their innermost column loop, longer than a vector and not
    a whole number of them, with at least 2 * `rows` rows (each row of the
    operand read at least twice).

    Before (`vector-bits=256`):
    ```mlir
    %0 = linalg.contract indexing_maps = [...]
        ins(%w, %x : tensor<512x2048xf32>, tensor<1x2048x49xf32>) ...
    ```
    After:
    ```mlir
    %p = tensor.pad %x low[0, 0, 0] high[0, 0, 7] ...
        : tensor<1x2048x49xf32> to tensor<1x2048x56xf32>
    %s = tensor.extract_slice %p[0, 0, 0] [1, 2048, 49] [1, 1, 1]
    %0 = linalg.contract indexing_maps = [...] ins(%w, %s ...) ...
    ```
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of a vector register in bits (the alignment of the rows)">,
    Option<"rows", "rows", "int64_t", /*default=*/"6",
           "Rows of the products' register tiles">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // KILN_CODEGEN_PASSES_TD
