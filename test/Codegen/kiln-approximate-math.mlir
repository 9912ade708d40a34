// RUN: kiln-opt %s --kiln-approximate-math | FileCheck %s

// f32 exp, tanh, erf, log1p become arithmetic; f16 is computed in f32.
// CHECK-LABEL: func @approximated
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.log1p
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: return
func.func @approximated(%x: f32, %v: vector<8xf32>, %h: f16) -> (f32, vector<8xf32>, f32, f32, f16) {
  %0 = math.exp %x : f32
  %1 = math.tanh %v : vector<8xf32>
  %2 = math.erf %x : f32
  %3 = math.log1p %x : f32
  %4 = math.exp %h : f16
  return %0, %1, %2, %3, %4 : f32, vector<8xf32>, f32, f32, f16
}

// Functions without an accurate approximation stay for libm.
// CHECK-LABEL: func @kept
// CHECK: math.powf
// CHECK: math.sin
// CHECK: math.cos
func.func @kept(%x: f32, %y: f32) -> (f32, f32, f32) {
  %0 = math.powf %x, %y : f32
  %1 = math.sin %x : f32
  %2 = math.cos %x : f32
  return %0, %1, %2 : f32, f32, f32
}
