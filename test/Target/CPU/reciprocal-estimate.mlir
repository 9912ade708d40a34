// RUN: kiln-compile %s --mcpu=znver1 --emit=llvm -o - | FileCheck %s --check-prefix=LLVM
// RUN: kiln-compile %s --mcpu=znver1 --emit=asm -o - | FileCheck %s --check-prefix=AVX2
// RUN: kiln-compile %s --mcpu=skylake-avx512 --emit=asm -o - | FileCheck %s --check-prefix=AVX512

// Every function may turn f32 vector divisions marked arcp (and ninf) into a
// reciprocal estimate and one Newton-Raphson step: sigmoid and SiLU divide
// by 1 + exp(min(-x, 88)) with vrcpps (vrcp14ps) and FMAs, not vdivps.
// LLVM-DAG: fdiv ninf arcp contract <{{[0-9]+}} x float>
// LLVM-DAG: attributes #{{[0-9]+}} = { {{.*}}"reciprocal-estimates"="vec-divf:1"
// AVX2-NOT: vdivps
// AVX2: vrcpps
// AVX2: vfnmadd{{[0-9]+}}ps
// AVX2-NOT: vdivps
// AVX512-NOT: vdivps
// AVX512: vrcp14ps
// AVX512-NOT: vdivps
module @sigmoid_silu {
  func.func @main(%x: tensor<4x256xf32> {kiln.name = "x"}) -> (tensor<4x256xf32> {kiln.name = "s"}, tensor<4x256xf32> {kiln.name = "y"}) {
    %0 = kiln.sigmoid %x : tensor<4x256xf32>
    %1 = kiln.silu %x : tensor<4x256xf32>
    return %0, %1 : tensor<4x256xf32>, tensor<4x256xf32>
  }
}
