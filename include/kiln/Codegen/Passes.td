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
    is left for `convert-math-to-libm`.

    Input invariant: any IR. Output IR: the functions above are gone for f32.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def CopiesToLoops : Pass<"kiln-copies-to-loops"> {
  let summary = "Turn memref.copy into linalg.copy so it becomes loops";
  let description = [{
    Bufferization copies buffers with `memref.copy`. Between contiguous
    buffers the LLVM lowering turns it into `memcpy`, but a copy into or out
    of a strided view (a padded interior, a slice) becomes a call to the
    `memrefCopy` function of MLIR's C runner library, which a compiled model
    must not depend on. This pass rewrites every `memref.copy` between
    memrefs of equal static shape into `linalg.copy`, which
    `convert-linalg-to-loops` (or vectorization) turns into loops; LLVM still
    recognises the contiguous ones as `memcpy`.

    Input invariant: bufferized IR. Output IR: no `memref.copy` of static
    shape is left.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
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

    Constants are cloned into the outlined body rather than captured. Every
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
    "::mlir::scf::SCFDialect",
  ];
}

#endif // KILN_CODEGEN_PASSES_TD
