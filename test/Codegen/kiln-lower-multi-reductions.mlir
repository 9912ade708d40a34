// RUN: kiln-opt %s --kiln-lower-multi-reductions --split-input-file | FileCheck %s

// A reduction over the innermost dimension (the pixels of a global pool, a
// row of a softmax): one vector.reduction per row, not an add per element.
// CHECK-LABEL: func @inner_reduction
// CHECK-SAME: (%[[V:.*]]: vector<2x32xf32>, %[[ACC:.*]]: vector<2xf32>)
// CHECK-NOT: vector.multi_reduction
// CHECK-COUNT-2: vector.reduction <add>, %{{.*}}, %{{.*}} : vector<32xf32> into f32
// CHECK-NOT: vector.reduction
func.func @inner_reduction(%v: vector<2x32xf32>, %acc: vector<2xf32>) -> vector<2xf32> {
  %0 = vector.multi_reduction <add>, %v, %acc [1] : vector<2x32xf32> to vector<2xf32>
  return %0 : vector<2xf32>
}

// -----

// A reduction over an outer dimension with the innermost parallel (columns
// of a matrix): whole vectors added elementwise, no vector.reduction.
// CHECK-LABEL: func @inner_parallel
// CHECK-NOT: vector.multi_reduction
// CHECK-NOT: vector.reduction
// CHECK-COUNT-4: arith.addf %{{.*}}, %{{.*}} : vector<8xf32>
// CHECK-NOT: vector.reduction
func.func @inner_parallel(%v: vector<4x8xf32>, %acc: vector<8xf32>) -> vector<8xf32> {
  %0 = vector.multi_reduction <add>, %v, %acc [0] : vector<4x8xf32> to vector<8xf32>
  return %0 : vector<8xf32>
}

// -----

// Both in one function, each with its own strategy; a reduction to a scalar
// over two dimensions (the innermost among them) is one vector.reduction.
// CHECK-LABEL: func @mixed
// CHECK-NOT: vector.multi_reduction
// CHECK: vector.reduction <add>, %{{.*}}, %{{.*}} : vector<12xf32> into f32
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : vector<8xf32>
func.func @mixed(%a: vector<3x4xf32>, %s: f32, %b: vector<2x8xf32>, %acc: vector<8xf32>) -> (f32, vector<8xf32>) {
  %0 = vector.multi_reduction <add>, %a, %s [0, 1] : vector<3x4xf32> to f32
  %1 = vector.multi_reduction <maximumf>, %b, %acc [0] : vector<2x8xf32> to vector<8xf32>
  return %0, %1 : f32, vector<8xf32>
}
