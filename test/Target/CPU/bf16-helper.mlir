// RUN: kiln-compile %s --mcpu=znver1 --emit=llvm -o - | FileCheck %s
// RUN: kiln-compile %s --mcpu=znver1 --emit=asm -o - | FileCheck %s --check-prefix=ASM
// RUN: kiln-compile %S/reciprocal-estimate.mlir --mcpu=znver1 --emit=llvm -o - | FileCheck %s --check-prefix=F32

// The x86 back end keeps the bf16 values of a select in f32 registers and
// converts them back with a call of compiler-rt's __truncsfbf2, which Debian
// 12's libgcc lacks: a module that uses bf16 defines it (weak, hidden; round
// to nearest even, quiet NaNs), one without bf16 does not.
// CHECK-LABEL: define weak hidden bfloat @__truncsfbf2(float
// CHECK: lshr i32 {{.*}}, 16
// CHECK: add i32 {{.*}}, 32767
// CHECK: fcmp uno float
// CHECK: ret bfloat
// (Whether a call is made depends on how the back end legalizes the code;
// Integration/CPU/pool-bf16-max.mlir links such a model. The helper itself
// calls nothing.)
// ASM: __truncsfbf2:
// ASM-NOT: call
// ASM: retq
// F32-NOT: __truncsfbf2
module @bf16_max {
  func.func @main(%x: tensor<1x3x11x13xbf16> {kiln.name = "x"}) -> (tensor<1x3x6x7xbf16> {kiln.name = "y"}) {
    %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x3x11x13xbf16>) -> tensor<1x3x6x7xbf16>
    return %0 : tensor<1x3x6x7xbf16>
  }
}
