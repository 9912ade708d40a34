// RUN: kiln-opt %s --split-input-file --kiln-math-to-libm | FileCheck %s

// A math op without an LLVM lowering left: convert-math-to-libm runs and
// calls libm (vectors element by element).

//       CHECK: func.func private @sinf(f32) -> f32
//       CHECK: func.func private @powf(f32, f32) -> f32
// CHECK-LABEL: func.func @pow(
//       CHECK:   call @powf(%{{.*}}, %{{.*}}) : (f32, f32) -> f32
//       CHECK:   vector.extract
//       CHECK:   call @sinf
//   CHECK-NOT:   math.
//       CHECK:   return
func.func @pow(%x: f32, %y: f32, %v: vector<2xf32>) -> (f32, vector<2xf32>) {
  %p = math.powf %x, %y : f32
  %s = math.sin %v : vector<2xf32>
  return %p, %s : f32, vector<2xf32>
}

// -----

// No math op: the module is left as it is (no libm declarations).

// CHECK-LABEL: func.func @no_math(
//  CHECK-NEXT:   arith.addf
//  CHECK-NEXT:   return
//   CHECK-NOT: func.func private
func.func @no_math(%x: f32) -> f32 {
  %y = arith.addf %x, %x : f32
  return %y : f32
}
