// RUN: kiln-opt %s --kiln-recognize-patterns --split-input-file | FileCheck %s

//===----------------------------------------------------------------------===//
// SiLU
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @silu
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.silu %[[X]] : tensor<2x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @silu(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %s = kiln.sigmoid %x : tensor<2x8xf32>
  %y = kiln.mul %x, %s : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// CHECK-LABEL: func @silu_sigmoid_first
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.silu %[[X]]
// CHECK-NEXT: return %[[Y]]
func.func @silu_sigmoid_first(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %s = kiln.sigmoid %x : tensor<2x8xf32>
  %y = kiln.mul %s, %x : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// The sigmoid has another use: rewriting would compute it twice.
// CHECK-LABEL: func @silu_sigmoid_used_twice
// CHECK: kiln.sigmoid
// CHECK: kiln.mul
// CHECK-NOT: kiln.silu
func.func @silu_sigmoid_used_twice(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %s = kiln.sigmoid %x : tensor<2x8xf32>
  %y = kiln.mul %x, %s : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y, %s : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// A gate of another value is not a SiLU.
// CHECK-LABEL: func @silu_other_value
// CHECK: kiln.sigmoid
// CHECK-NOT: kiln.silu
func.func @silu_other_value(%x: tensor<2x8xf32>, %z: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %s = kiln.sigmoid %x : tensor<2x8xf32>
  %y = kiln.mul %z, %s : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// x * sigmoid(x) broadcast against a larger x is not elementwise SiLU.
// CHECK-LABEL: func @silu_broadcast
// CHECK-NOT: kiln.silu
func.func @silu_broadcast(%x: tensor<8xf32>) -> tensor<2x8xf32> {
  %s = kiln.sigmoid %x : tensor<8xf32>
  %c = kiln.constant dense<1.0> : tensor<2x8xf32>
  %b = kiln.mul %s, %c : (tensor<8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = kiln.mul %x, %b : (tensor<8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

//===----------------------------------------------------------------------===//
// Hard-swish and hard-sigmoid
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @hard_swish_of_hard_sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.hard_swish %[[X]]
// CHECK-NEXT: return %[[Y]]
func.func @hard_swish_of_hard_sigmoid(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %s = kiln.hard_sigmoid %x {alpha = 0.16666666666666666} : tensor<1x4x3x3xf32>
  %y = kiln.mul %x, %s : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// ONNX stores HardSigmoid's alpha as a float: 1/6 rounded to f32.
// CHECK-LABEL: func @hard_swish_of_f32_alpha
// CHECK-NEXT: kiln.hard_swish
func.func @hard_swish_of_f32_alpha(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %s = kiln.hard_sigmoid %x {alpha = 0.1666666716337204} : tensor<1x4x3x3xf32>
  %y = kiln.mul %s, %x : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// ONNX's default HardSigmoid (alpha 0.2) is not the gate of hard-swish.
// CHECK-LABEL: func @hard_swish_wrong_alpha
// CHECK: kiln.hard_sigmoid
// CHECK-NOT: kiln.hard_swish
func.func @hard_swish_wrong_alpha(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %s = kiln.hard_sigmoid %x : tensor<1x4x3x3xf32>
  %y = kiln.mul %x, %s : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// x * relu6(x + 3) / 6, as `x * F.relu6(x + 3.) / 6.` exports.
// CHECK-LABEL: func @hard_swish_div
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.hard_swish %[[X]]
// CHECK-NEXT: return %[[Y]]
func.func @hard_swish_div(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c6 = kiln.constant dense<6.0> : tensor<f32>
  %a = kiln.add %c3, %x : (tensor<f32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %m = kiln.mul %x, %r : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %y = kiln.div %m, %c6 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// x * relu6(x + 3) * (1/6), the constant rounded to f32.
// CHECK-LABEL: func @hard_swish_mul_sixth
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.hard_swish %[[X]]
// CHECK-NEXT: return %[[Y]]
func.func @hard_swish_mul_sixth(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<1xf32>
  %c = kiln.constant dense<0.1666666716337204> : tensor<1xf32>
  %a = kiln.add %x, %c3 : (tensor<1x4x3x3xf32>, tensor<1xf32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %m = kiln.mul %r, %c : (tensor<1x4x3x3xf32>, tensor<1xf32>) -> tensor<1x4x3x3xf32>
  %y = kiln.mul %m, %x : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// x * (relu6(x + 3) / 6): the inner division is a hard sigmoid first.
// CHECK-LABEL: func @hard_swish_of_inner_div
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.hard_swish %[[X]]
// CHECK-NEXT: return %[[Y]]
func.func @hard_swish_of_inner_div(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c6 = kiln.constant dense<6.0> : tensor<f32>
  %a = kiln.add %x, %c3 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %g = kiln.div %r, %c6 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %y = kiln.mul %x, %g : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// x + 2 instead of x + 3.
// CHECK-LABEL: func @hard_swish_wrong_offset
// CHECK: kiln.clip
// CHECK-NOT: kiln.hard_swish
// CHECK-NOT: kiln.hard_sigmoid
func.func @hard_swish_wrong_offset(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c2 = kiln.constant dense<2.0> : tensor<f32>
  %c6 = kiln.constant dense<6.0> : tensor<f32>
  %a = kiln.add %x, %c2 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %m = kiln.mul %x, %r : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %y = kiln.div %m, %c6 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// 0.1666666 is not 1/6 in f32.
// CHECK-LABEL: func @hard_swish_inexact_sixth
// CHECK: kiln.clip
// CHECK-NOT: kiln.hard_swish
func.func @hard_swish_inexact_sixth(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c = kiln.constant dense<0.1666666> : tensor<f32>
  %a = kiln.add %x, %c3 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %m = kiln.mul %x, %r : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %y = kiln.mul %m, %c : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// The clip is also returned: the chain stays.
// CHECK-LABEL: func @hard_swish_clip_used_twice
// CHECK: kiln.clip
// CHECK-NOT: kiln.hard_swish
func.func @hard_swish_clip_used_twice(%x: tensor<1x4x3x3xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c6 = kiln.constant dense<6.0> : tensor<f32>
  %a = kiln.add %x, %c3 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %m = kiln.mul %x, %r : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %y = kiln.div %m, %c6 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  return %y, %r : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func @hard_sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x3xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.hard_sigmoid %[[X]] {alpha = 0.16666666666666666 : f64} : tensor<1x4x3x3xf32>
// CHECK-NEXT: return %[[Y]]
func.func @hard_sigmoid(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c6 = kiln.constant dense<6.0> : tensor<f32>
  %a = kiln.add %x, %c3 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %y = kiln.div %r, %c6 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// CHECK-LABEL: func @hard_sigmoid_mul_sixth
// CHECK-NEXT: kiln.hard_sigmoid %{{.*}} {alpha = 0.16666666666666666 : f64}
func.func @hard_sigmoid_mul_sixth(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c = kiln.constant dense<0.1666666716337204> : tensor<f32>
  %a = kiln.add %x, %c3 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x4x3x3xf32>
  %y = kiln.mul %c, %r : (tensor<f32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// relu6 is clip(0, 6); clip(0, 5) is not.
// CHECK-LABEL: func @hard_sigmoid_wrong_clip
// CHECK: kiln.clip
// CHECK-NOT: kiln.hard_sigmoid
func.func @hard_sigmoid_wrong_clip(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c6 = kiln.constant dense<6.0> : tensor<f32>
  %a = kiln.add %x, %c3 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  %r = kiln.clip %a {min = 0.0, max = 5.0} : tensor<1x4x3x3xf32>
  %y = kiln.div %r, %c6 : (tensor<1x4x3x3xf32>, tensor<f32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

//===----------------------------------------------------------------------===//
// GELU
//===----------------------------------------------------------------------===//

// -----

// torch.nn.GELU as PyTorch exports it: (x * (erf(x / sqrt(2)) + 1)) * 0.5.
// CHECK-LABEL: func @gelu_torch
// CHECK-SAME: (%[[X:.*]]: tensor<2x16xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.gelu %[[X]] : tensor<2x16xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_torch(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %sqrt2 = kiln.constant dense<1.4142135381698608> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %d = kiln.div %x, %sqrt2 : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %e = kiln.erf %d : tensor<2x16xf32>
  %a = kiln.add %e, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %m = kiln.mul %x, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %y = kiln.mul %m, %half : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// x * 0.5 * (1 + erf(x * sqrt(1/2))), as a hand-written GELU exports.
// CHECK-LABEL: func @gelu_half_first
// CHECK-SAME: (%[[X:.*]]: tensor<2x16xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.gelu %[[X]] : tensor<2x16xf32>
// CHECK-NEXT: return %[[Y]]
func.func @gelu_half_first(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %r = kiln.constant dense<0.70710678118654757> : tensor<1xf32>
  %one = kiln.constant dense<1.0> : tensor<1xf32>
  %half = kiln.constant dense<0.5> : tensor<1xf32>
  %h = kiln.mul %x, %half : (tensor<2x16xf32>, tensor<1xf32>) -> tensor<2x16xf32>
  %d = kiln.mul %r, %x : (tensor<1xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %e = kiln.erf %d : tensor<2x16xf32>
  %a = kiln.add %one, %e : (tensor<1xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %y = kiln.mul %h, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// 0.5 * x * (...) and x * (...) / 2.
// CHECK-LABEL: func @gelu_orders
// CHECK-SAME: (%[[X:.*]]: tensor<2x16xf32>)
// CHECK-NEXT: %[[A:.*]] = kiln.gelu %[[X]]
// CHECK-NEXT: %[[B:.*]] = kiln.gelu %[[X]]
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @gelu_orders(%x: tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<2x16xf32>) {
  %sqrt2 = kiln.constant dense<1.4142135381698608> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %h = kiln.mul %half, %x : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %d = kiln.div %x, %sqrt2 : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %e = kiln.erf %d : tensor<2x16xf32>
  %a = kiln.add %e, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %y = kiln.mul %h, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %d2 = kiln.div %x, %sqrt2 : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %e2 = kiln.erf %d2 : tensor<2x16xf32>
  %a2 = kiln.add %e2, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %m2 = kiln.mul %a2, %x : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %z = kiln.div %m2, %two : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  return %y, %z : tensor<2x16xf32>, tensor<2x16xf32>
}

// -----

// Constants are compared in the element type: in f64, sqrt(2) rounded to
// f32 is another number, and the chain stays.
// CHECK-LABEL: func @gelu_f64
// CHECK-SAME: (%[[X:.*]]: tensor<4xf64>)
// CHECK: %[[Y:.*]] = kiln.gelu %[[X]] : tensor<4xf64>
// CHECK-NOT: kiln.gelu
// CHECK: kiln.erf
// CHECK-NOT: kiln.gelu
// CHECK: return %[[Y]]
func.func @gelu_f64(%x: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>) {
  %sqrt2 = kiln.constant dense<1.4142135623730951> : tensor<f64>
  %sqrt2f = kiln.constant dense<1.4142135381698608> : tensor<f64>
  %one = kiln.constant dense<1.0> : tensor<f64>
  %half = kiln.constant dense<0.5> : tensor<f64>
  %d = kiln.div %x, %sqrt2 : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  %e = kiln.erf %d : tensor<4xf64>
  %a = kiln.add %e, %one : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  %m = kiln.mul %x, %a : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %y = kiln.mul %m, %half : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  %d2 = kiln.div %x, %sqrt2f : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  %e2 = kiln.erf %d2 : tensor<4xf64>
  %a2 = kiln.add %e2, %one : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  %m2 = kiln.mul %x, %a2 : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %z = kiln.mul %m2, %half : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  return %y, %z : tensor<4xf64>, tensor<4xf64>
}

// -----

// erf(x / 1.41) is not the GELU.
// CHECK-LABEL: func @gelu_wrong_constant
// CHECK: kiln.erf
// CHECK-NOT: kiln.gelu
func.func @gelu_wrong_constant(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %sqrt2 = kiln.constant dense<1.41> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %d = kiln.div %x, %sqrt2 : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %e = kiln.erf %d : tensor<2x16xf32>
  %a = kiln.add %e, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %m = kiln.mul %x, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %y = kiln.mul %m, %half : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// The erf is used again.
// CHECK-LABEL: func @gelu_erf_used_twice
// CHECK: kiln.erf
// CHECK-NOT: kiln.gelu
func.func @gelu_erf_used_twice(%x: tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<2x16xf32>) {
  %sqrt2 = kiln.constant dense<1.4142135381698608> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %d = kiln.div %x, %sqrt2 : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %e = kiln.erf %d : tensor<2x16xf32>
  %a = kiln.add %e, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %m = kiln.mul %x, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %y = kiln.mul %m, %half : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  return %y, %e : tensor<2x16xf32>, tensor<2x16xf32>
}

// -----

// Without the factor 1/2 it is 2 * GELU.
// CHECK-LABEL: func @gelu_missing_half
// CHECK: kiln.erf
// CHECK-NOT: kiln.gelu
func.func @gelu_missing_half(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %sqrt2 = kiln.constant dense<1.4142135381698608> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %d = kiln.div %x, %sqrt2 : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %e = kiln.erf %d : tensor<2x16xf32>
  %a = kiln.add %e, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %y = kiln.mul %x, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// GELU(approximate='tanh') as PyTorch 1.13 exports it:
// 0.5 * (x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * (x * (x * x)))))).
// CHECK-LABEL: func @gelu_tanh_torch
// CHECK-SAME: (%[[X:.*]]: tensor<2x16xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.gelu %[[X]] {approximation = #kiln.gelu_approximation<tanh>}
// CHECK-NEXT: return %[[Y]]
func.func @gelu_tanh_torch(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %beta = kiln.constant dense<0.79788456080286541> : tensor<f32>
  %kappa = kiln.constant dense<0.044715> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %x2 = kiln.mul %x, %x : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %x3 = kiln.mul %x, %x2 : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %k = kiln.mul %kappa, %x3 : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %s = kiln.add %x, %k : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %i = kiln.mul %beta, %s : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %t = kiln.tanh %i : tensor<2x16xf32>
  %a = kiln.add %one, %t : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %m = kiln.mul %x, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %y = kiln.mul %half, %m : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// The Hugging Face "gelu_new" form with pow(x, 3).
// CHECK-LABEL: func @gelu_tanh_pow
// CHECK-NEXT: kiln.gelu %{{.*}} {approximation = #kiln.gelu_approximation<tanh>}
// CHECK-NEXT: return
func.func @gelu_tanh_pow(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %beta = kiln.constant dense<0.79788456080286541> : tensor<f32>
  %kappa = kiln.constant dense<0.044715> : tensor<f32>
  %three = kiln.constant dense<3.0> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %h = kiln.mul %half, %x : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %x3 = kiln.pow %x, %three : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %k = kiln.mul %x3, %kappa : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %s = kiln.add %k, %x : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %i = kiln.mul %s, %beta : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %t = kiln.tanh %i : tensor<2x16xf32>
  %a = kiln.add %t, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %y = kiln.mul %h, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// x^2 instead of x^3 inside the tanh.
// CHECK-LABEL: func @gelu_tanh_wrong_power
// CHECK: kiln.tanh
// CHECK-NOT: kiln.gelu
func.func @gelu_tanh_wrong_power(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %beta = kiln.constant dense<0.79788456080286541> : tensor<f32>
  %kappa = kiln.constant dense<0.044715> : tensor<f32>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %h = kiln.mul %half, %x : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %x2 = kiln.pow %x, %two : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %k = kiln.mul %x2, %kappa : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %s = kiln.add %k, %x : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %i = kiln.mul %s, %beta : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %t = kiln.tanh %i : tensor<2x16xf32>
  %a = kiln.add %t, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %y = kiln.mul %h, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

// -----

// A coefficient other than 0.044715.
// CHECK-LABEL: func @gelu_tanh_wrong_coefficient
// CHECK: kiln.tanh
// CHECK-NOT: kiln.gelu
func.func @gelu_tanh_wrong_coefficient(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %beta = kiln.constant dense<0.79788456080286541> : tensor<f32>
  %kappa = kiln.constant dense<0.0447> : tensor<f32>
  %three = kiln.constant dense<3.0> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>
  %h = kiln.mul %half, %x : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %x3 = kiln.pow %x, %three : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %k = kiln.mul %x3, %kappa : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %s = kiln.add %k, %x : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  %i = kiln.mul %s, %beta : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %t = kiln.tanh %i : tensor<2x16xf32>
  %a = kiln.add %t, %one : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %y = kiln.mul %h, %a : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}

//===----------------------------------------------------------------------===//
// Layer norm
//===----------------------------------------------------------------------===//

// -----

// torch.nn.LayerNorm(16) as PyTorch exports it before opset 17.
// CHECK-LABEL: func @layer_norm_torch
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x16xf32>, %[[G:.*]]: tensor<16xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.layer_norm %[[X]] scale %[[G]] bias %[[B]] {axis = 2 : i64, epsilon = 9.99999974{{[0-9]*}}E-6 : f64}
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_torch(%x: tensor<2x5x16xf32>, %gamma: tensor<16xf32>, %beta: tensor<16xf32>) -> tensor<2x5x16xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: -1>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %p = kiln.pow %d, %two : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: -1>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %a = kiln.add %var, %eps : (tensor<2x5x1xf32>, tensor<f32>) -> tensor<2x5x1xf32>
  %s = kiln.sqrt %a : tensor<2x5x1xf32>
  %n = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %m = kiln.mul %n, %gamma : (tensor<2x5x16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  %y = kiln.add %m, %beta : (tensor<2x5x16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// d * d for the square, epsilon first, no affine part.
// CHECK-LABEL: func @layer_norm_square_no_affine
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x16xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.layer_norm %[[X]] {axis = 2 : i64, epsilon = 9.99999997{{[0-9]*}}E-7 : f64}
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_square_no_affine(%x: tensor<2x5x16xf32>) -> tensor<2x5x16xf32> {
  %eps = kiln.constant dense<1.0e-6> : tensor<1xf32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 2>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %p = kiln.mul %d, %d : (tensor<2x5x16xf32>, tensor<2x5x16xf32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 2>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %a = kiln.add %eps, %var : (tensor<1xf32>, tensor<2x5x1xf32>) -> tensor<2x5x1xf32>
  %s = kiln.sqrt %a : tensor<2x5x1xf32>
  %y = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// Two trailing axes, no epsilon, a [1, 5, 16] scale (reshaped to [5, 16])
// written first, and the bias first.
// CHECK-LABEL: func @layer_norm_two_axes
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x16xf32>, %[[G:.*]]: tensor<1x5x16xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK-NEXT: %[[G2:.*]] = kiln.reshape %[[G]] {shape = array<i64: 5, 16>}
// CHECK-NEXT: %[[Y:.*]] = kiln.layer_norm %[[X]] scale %[[G2]] bias %[[B]] {axis = 1 : i64, epsilon = 0.000000e+00 : f64}
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_two_axes(%x: tensor<2x5x16xf32>, %gamma: tensor<1x5x16xf32>, %beta: tensor<16xf32>) -> tensor<2x5x16xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: -1, -2>} : (tensor<2x5x16xf32>) -> tensor<2x1x1xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x1x1xf32>) -> tensor<2x5x16xf32>
  %p = kiln.pow %d, %two : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 1, 2>} : (tensor<2x5x16xf32>) -> tensor<2x1x1xf32>
  %s = kiln.sqrt %var : tensor<2x1x1xf32>
  %n = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x1x1xf32>) -> tensor<2x5x16xf32>
  %m = kiln.mul %gamma, %n : (tensor<1x5x16xf32>, tensor<2x5x16xf32>) -> tensor<2x5x16xf32>
  %y = kiln.add %beta, %m : (tensor<16xf32>, tensor<2x5x16xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// A bias without a scale.
// CHECK-LABEL: func @layer_norm_bias_only
// CHECK: %[[Y:.*]] = kiln.layer_norm %{{.*}} bias %{{.*}} {axis = 1 : i64
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_bias_only(%x: tensor<4x16xf32>, %beta: tensor<16xf32>) -> tensor<4x16xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 1>} : (tensor<4x16xf32>) -> tensor<4x1xf32>
  %d = kiln.sub %x, %mean : (tensor<4x16xf32>, tensor<4x1xf32>) -> tensor<4x16xf32>
  %p = kiln.pow %d, %two : (tensor<4x16xf32>, tensor<f32>) -> tensor<4x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 1>} : (tensor<4x16xf32>) -> tensor<4x1xf32>
  %a = kiln.add %var, %eps : (tensor<4x1xf32>, tensor<f32>) -> tensor<4x1xf32>
  %s = kiln.sqrt %a : tensor<4x1xf32>
  %n = kiln.div %d, %s : (tensor<4x16xf32>, tensor<4x1xf32>) -> tensor<4x16xf32>
  %y = kiln.add %n, %beta : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// A scale that varies along a non-normalized dimension stays a mul.
// CHECK-LABEL: func @layer_norm_outer_scale
// CHECK: %[[N:.*]] = kiln.layer_norm %{{.*}} {axis = 2 : i64
// CHECK-NEXT: kiln.mul %[[N]], %{{.*}} : (tensor<2x5x16xf32>, tensor<5x1xf32>)
func.func @layer_norm_outer_scale(%x: tensor<2x5x16xf32>, %gamma: tensor<5x1xf32>) -> tensor<2x5x16xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: -1>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %p = kiln.pow %d, %two : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: -1>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %a = kiln.add %var, %eps : (tensor<2x5x1xf32>, tensor<f32>) -> tensor<2x5x1xf32>
  %s = kiln.sqrt %a : tensor<2x5x1xf32>
  %n = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %y = kiln.mul %n, %gamma : (tensor<2x5x16xf32>, tensor<5x1xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// Normalizing each channel of an NCHW tensor over H and W (the means over
// axes [2, 3] may become global_avg_pool first) is a layer norm from axis 2.
// CHECK-LABEL: func @layer_norm_spatial
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x3x5xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.layer_norm %[[X]] {axis = 2 : i64
// CHECK-NEXT: return %[[Y]]
func.func @layer_norm_spatial(%x: tensor<1x4x3x5xf32>) -> tensor<1x4x3x5xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 2, 3>} : (tensor<1x4x3x5xf32>) -> tensor<1x4x1x1xf32>
  %d = kiln.sub %x, %mean : (tensor<1x4x3x5xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x3x5xf32>
  %p = kiln.pow %d, %two : (tensor<1x4x3x5xf32>, tensor<f32>) -> tensor<1x4x3x5xf32>
  %var = kiln.global_avg_pool %p : (tensor<1x4x3x5xf32>) -> tensor<1x4x1x1xf32>
  %a = kiln.add %var, %eps : (tensor<1x4x1x1xf32>, tensor<f32>) -> tensor<1x4x1x1xf32>
  %s = kiln.sqrt %a : tensor<1x4x1x1xf32>
  %y = kiln.div %d, %s : (tensor<1x4x3x5xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x3x5xf32>
  return %y : tensor<1x4x3x5xf32>
}

// -----

// Normalizing over a dimension that is not trailing is not a layer norm.
// CHECK-LABEL: func @layer_norm_not_trailing
// CHECK-NOT: kiln.layer_norm
func.func @layer_norm_not_trailing(%x: tensor<2x5x16xf32>) -> tensor<2x5x16xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 1>} : (tensor<2x5x16xf32>) -> tensor<2x1x16xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x1x16xf32>) -> tensor<2x5x16xf32>
  %p = kiln.pow %d, %two : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 1>} : (tensor<2x5x16xf32>) -> tensor<2x1x16xf32>
  %a = kiln.add %var, %eps : (tensor<2x1x16xf32>, tensor<f32>) -> tensor<2x1x16xf32>
  %s = kiln.sqrt %a : tensor<2x1x16xf32>
  %y = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x1x16xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// The variance over other axes than the mean.
// CHECK-LABEL: func @layer_norm_mismatched_axes
// CHECK-NOT: kiln.layer_norm
func.func @layer_norm_mismatched_axes(%x: tensor<2x5x16xf32>) -> tensor<2x5x16xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 2>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %p = kiln.pow %d, %two : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 1, 2>} : (tensor<2x5x16xf32>) -> tensor<2x1x1xf32>
  %s = kiln.sqrt %var : tensor<2x1x1xf32>
  %y = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x1x1xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// pow(d, 3) is not a variance.
// CHECK-LABEL: func @layer_norm_wrong_power
// CHECK-NOT: kiln.layer_norm
func.func @layer_norm_wrong_power(%x: tensor<2x5x16xf32>) -> tensor<2x5x16xf32> {
  %three = kiln.constant dense<3.0> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 2>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %p = kiln.pow %d, %three : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 2>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %s = kiln.sqrt %var : tensor<2x5x1xf32>
  %y = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  return %y : tensor<2x5x16xf32>
}

// -----

// x - mean is returned as well.
// CHECK-LABEL: func @layer_norm_centered_used_twice
// CHECK-NOT: kiln.layer_norm
func.func @layer_norm_centered_used_twice(%x: tensor<2x5x16xf32>) -> (tensor<2x5x16xf32>, tensor<2x5x16xf32>) {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 2>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %d = kiln.sub %x, %mean : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  %p = kiln.pow %d, %two : (tensor<2x5x16xf32>, tensor<f32>) -> tensor<2x5x16xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 2>} : (tensor<2x5x16xf32>) -> tensor<2x5x1xf32>
  %s = kiln.sqrt %var : tensor<2x5x1xf32>
  %y = kiln.div %d, %s : (tensor<2x5x16xf32>, tensor<2x5x1xf32>) -> tensor<2x5x16xf32>
  return %y, %d : tensor<2x5x16xf32>, tensor<2x5x16xf32>
}

// -----

// The mean without keep_dims does not broadcast back onto x as the
// normalization needs.
// CHECK-LABEL: func @layer_norm_mean_without_keep_dims
// CHECK-NOT: kiln.layer_norm
func.func @layer_norm_mean_without_keep_dims(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %two = kiln.constant dense<2.0> : tensor<f32>
  %mean = kiln.reduce_mean %x {axes = array<i64: 0>, keep_dims = false} : (tensor<4x4xf32>) -> tensor<4xf32>
  %d = kiln.sub %x, %mean : (tensor<4x4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  %p = kiln.pow %d, %two : (tensor<4x4xf32>, tensor<f32>) -> tensor<4x4xf32>
  %var = kiln.reduce_mean %p {axes = array<i64: 0>, keep_dims = false} : (tensor<4x4xf32>) -> tensor<4xf32>
  %s = kiln.sqrt %var : tensor<4xf32>
  %y = kiln.div %d, %s : (tensor<4x4xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}

//===----------------------------------------------------------------------===//
// Channel shuffle, pixel shuffle and unshuffle
//===----------------------------------------------------------------------===//

// -----

// torchvision's ShuffleNetV2 channel_shuffle(x, 2).
// CHECK-LABEL: func @channel_shuffle
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x4x4xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.channel_shuffle %[[X]] {groups = 2 : i64}
// CHECK-NEXT: return %[[Y]]
func.func @channel_shuffle(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 2, 4, 4, 4>} : (tensor<1x8x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x4x4x4xf32>) -> tensor<1x4x2x4x4xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 8, 4, 4>} : (tensor<1x4x2x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

// The spatial dimensions merged in the split shape.
// CHECK-LABEL: func @channel_shuffle_flat_spatial
// CHECK-NEXT: kiln.channel_shuffle %{{.*}} {groups = 4 : i64}
// CHECK-NEXT: return
func.func @channel_shuffle_flat_spatial(%x: tensor<2x8x3x5xf32>) -> tensor<2x8x3x5xf32> {
  %r = kiln.reshape %x {shape = array<i64: 2, 4, 2, 15>} : (tensor<2x8x3x5xf32>) -> tensor<2x4x2x15xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 2, 1, 3>} : (tensor<2x4x2x15xf32>) -> tensor<2x2x4x15xf32>
  %y = kiln.reshape %t {shape = array<i64: 2, 8, 3, 5>} : (tensor<2x2x4x15xf32>) -> tensor<2x8x3x5xf32>
  return %y : tensor<2x8x3x5xf32>
}

// -----

// A permutation that also swaps H and W.
// CHECK-LABEL: func @channel_shuffle_wrong_permutation
// CHECK: kiln.transpose
// CHECK-NOT: kiln.channel_shuffle
func.func @channel_shuffle_wrong_permutation(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 2, 4, 4, 4>} : (tensor<1x8x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 2, 1, 4, 3>} : (tensor<1x2x4x4x4xf32>) -> tensor<1x4x2x4x4xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 8, 4, 4>} : (tensor<1x4x2x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}

// -----

// The transposed tensor is used again.
// CHECK-LABEL: func @channel_shuffle_transpose_used_twice
// CHECK: kiln.transpose
// CHECK-NOT: kiln.channel_shuffle
func.func @channel_shuffle_transpose_used_twice(%x: tensor<1x8x4x4xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x4x2x4x4xf32>) {
  %r = kiln.reshape %x {shape = array<i64: 1, 2, 4, 4, 4>} : (tensor<1x8x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x4x4x4xf32>) -> tensor<1x4x2x4x4xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 8, 4, 4>} : (tensor<1x4x2x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %y, %t : tensor<1x8x4x4xf32>, tensor<1x4x2x4x4xf32>
}

// -----

// The result reshaped to another shape than the input's.
// CHECK-LABEL: func @channel_shuffle_other_result_shape
// CHECK-NOT: kiln.channel_shuffle
func.func @channel_shuffle_other_result_shape(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x16xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 2, 4, 4, 4>} : (tensor<1x8x4x4xf32>) -> tensor<1x2x4x4x4xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x4x4x4xf32>) -> tensor<1x4x2x4x4xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 8, 16>} : (tensor<1x4x2x4x4xf32>) -> tensor<1x8x16xf32>
  return %y : tensor<1x8x16xf32>
}

// -----

// torch.nn.PixelShuffle(2) as exported before DepthToSpace had CRD.
// CHECK-LABEL: func @pixel_shuffle_crd
// CHECK-SAME: (%[[X:.*]]: tensor<1x12x3x5xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.pixel_shuffle %[[X]] {upscale_factor = 2 : i64} : (tensor<1x12x3x5xf32>) -> tensor<1x3x6x10xf32>
// CHECK-NEXT: return %[[Y]]
func.func @pixel_shuffle_crd(%x: tensor<1x12x3x5xf32>) -> tensor<1x3x6x10xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 3, 2, 2, 3, 5>} : (tensor<1x12x3x5xf32>) -> tensor<1x3x2x2x3x5xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 1, 4, 2, 5, 3>} : (tensor<1x3x2x2x3x5xf32>) -> tensor<1x3x3x2x5x2xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 3, 6, 10>} : (tensor<1x3x3x2x5x2xf32>) -> tensor<1x3x6x10xf32>
  return %y : tensor<1x3x6x10xf32>
}

// -----

// ONNX DepthToSpace (DCR) spelled out, block size 3.
// CHECK-LABEL: func @pixel_shuffle_dcr
// CHECK-SAME: (%[[X:.*]]: tensor<2x18x2x2xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.pixel_shuffle %[[X]] {order = #kiln.pixel_shuffle_order<dcr>, upscale_factor = 3 : i64} : (tensor<2x18x2x2xf32>) -> tensor<2x2x6x6xf32>
// CHECK-NEXT: return %[[Y]]
func.func @pixel_shuffle_dcr(%x: tensor<2x18x2x2xf32>) -> tensor<2x2x6x6xf32> {
  %r = kiln.reshape %x {shape = array<i64: 2, 3, 3, 2, 2, 2>} : (tensor<2x18x2x2xf32>) -> tensor<2x3x3x2x2x2xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 3, 4, 1, 5, 2>} : (tensor<2x3x3x2x2x2xf32>) -> tensor<2x2x2x3x2x3xf32>
  %y = kiln.reshape %t {shape = array<i64: 2, 2, 6, 6>} : (tensor<2x2x2x3x2x3xf32>) -> tensor<2x2x6x6xf32>
  return %y : tensor<2x2x6x6xf32>
}

// -----

// torch.nn.PixelUnshuffle(2).
// CHECK-LABEL: func @pixel_unshuffle_crd
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x6x10xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.pixel_unshuffle %[[X]] {downscale_factor = 2 : i64} : (tensor<1x3x6x10xf32>) -> tensor<1x12x3x5xf32>
// CHECK-NEXT: return %[[Y]]
func.func @pixel_unshuffle_crd(%x: tensor<1x3x6x10xf32>) -> tensor<1x12x3x5xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 3, 3, 2, 5, 2>} : (tensor<1x3x6x10xf32>) -> tensor<1x3x3x2x5x2xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 1, 3, 5, 2, 4>} : (tensor<1x3x3x2x5x2xf32>) -> tensor<1x3x2x2x3x5xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 12, 3, 5>} : (tensor<1x3x2x2x3x5xf32>) -> tensor<1x12x3x5xf32>
  return %y : tensor<1x12x3x5xf32>
}

// -----

// ONNX SpaceToDepth spelled out.
// CHECK-LABEL: func @pixel_unshuffle_dcr
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x6x10xf32>)
// CHECK-NEXT: %[[Y:.*]] = kiln.pixel_unshuffle %[[X]] {downscale_factor = 2 : i64, order = #kiln.pixel_shuffle_order<dcr>} : (tensor<1x3x6x10xf32>) -> tensor<1x12x3x5xf32>
// CHECK-NEXT: return %[[Y]]
func.func @pixel_unshuffle_dcr(%x: tensor<1x3x6x10xf32>) -> tensor<1x12x3x5xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 3, 3, 2, 5, 2>} : (tensor<1x3x6x10xf32>) -> tensor<1x3x3x2x5x2xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 3, 5, 1, 2, 4>} : (tensor<1x3x3x2x5x2xf32>) -> tensor<1x2x2x3x3x5xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 12, 3, 5>} : (tensor<1x2x2x3x3x5xf32>) -> tensor<1x12x3x5xf32>
  return %y : tensor<1x12x3x5xf32>
}

// -----

// The blocks interleaved the wrong way round ([0, 1, 4, 3, 5, 2] swaps the
// roles of the two block dimensions).
// CHECK-LABEL: func @pixel_shuffle_wrong_permutation
// CHECK: kiln.transpose
// CHECK-NOT: kiln.pixel_shuffle
func.func @pixel_shuffle_wrong_permutation(%x: tensor<1x12x3x5xf32>) -> tensor<1x3x6x10xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 3, 2, 2, 3, 5>} : (tensor<1x12x3x5xf32>) -> tensor<1x3x2x2x3x5xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 1, 4, 3, 5, 2>} : (tensor<1x3x2x2x3x5xf32>) -> tensor<1x3x3x2x5x2xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 3, 6, 10>} : (tensor<1x3x3x2x5x2xf32>) -> tensor<1x3x6x10xf32>
  return %y : tensor<1x3x6x10xf32>
}

// -----

// Blocks of 2x3 are not a pixel shuffle.
// CHECK-LABEL: func @pixel_shuffle_rectangular_blocks
// CHECK-NOT: kiln.pixel_shuffle
func.func @pixel_shuffle_rectangular_blocks(%x: tensor<1x12x3x5xf32>) -> tensor<1x2x6x15xf32> {
  %r = kiln.reshape %x {shape = array<i64: 1, 2, 2, 3, 3, 5>} : (tensor<1x12x3x5xf32>) -> tensor<1x2x2x3x3x5xf32>
  %t = kiln.transpose %r {permutation = array<i64: 0, 1, 4, 2, 5, 3>} : (tensor<1x2x2x3x3x5xf32>) -> tensor<1x2x3x2x5x3xf32>
  %y = kiln.reshape %t {shape = array<i64: 1, 2, 6, 15>} : (tensor<1x2x3x2x5x3xf32>) -> tensor<1x2x6x15xf32>
  return %y : tensor<1x2x6x15xf32>
}

//===----------------------------------------------------------------------===//
// Squeeze-excitation: canonical form
//===----------------------------------------------------------------------===//

// -----

// MobileNetV3's SE block written with x.mean((2, 3), keepdim=True), a
// relu6-based hard sigmoid gate and the gate multiplied first: it becomes
// global_avg_pool, 1x1 conv, relu, 1x1 conv, hard_sigmoid, mul(x, gate).
// CHECK-LABEL: func @squeeze_excitation
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x8x8xf32>, %[[W1:.*]]: tensor<4x16x1x1xf32>, %[[W2:.*]]: tensor<16x4x1x1xf32>)
// CHECK-NEXT: %[[S:.*]] = kiln.global_avg_pool %[[X]] : (tensor<1x16x8x8xf32>) -> tensor<1x16x1x1xf32>
// CHECK-NEXT: %[[C1:.*]] = kiln.conv2d %[[S]], %[[W1]]
// CHECK-NEXT: %[[R:.*]] = kiln.relu %[[C1]]
// CHECK-NEXT: %[[C2:.*]] = kiln.conv2d %[[R]], %[[W2]]
// CHECK-NEXT: %[[G:.*]] = kiln.hard_sigmoid %[[C2]] {alpha = 0.16666666666666666 : f64}
// CHECK-NEXT: %[[Y:.*]] = kiln.mul %[[X]], %[[G]] : (tensor<1x16x8x8xf32>, tensor<1x16x1x1xf32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @squeeze_excitation(%x: tensor<1x16x8x8xf32>, %w1: tensor<4x16x1x1xf32>, %w2: tensor<16x4x1x1xf32>) -> tensor<1x16x8x8xf32> {
  %c3 = kiln.constant dense<3.0> : tensor<f32>
  %c6 = kiln.constant dense<6.0> : tensor<f32>
  %s = kiln.reduce_mean %x {axes = array<i64: -2, -1>} : (tensor<1x16x8x8xf32>) -> tensor<1x16x1x1xf32>
  %c1 = kiln.conv2d %s, %w1 : (tensor<1x16x1x1xf32>, tensor<4x16x1x1xf32>) -> tensor<1x4x1x1xf32>
  %r = kiln.relu %c1 : tensor<1x4x1x1xf32>
  %c2 = kiln.conv2d %r, %w2 : (tensor<1x4x1x1xf32>, tensor<16x4x1x1xf32>) -> tensor<1x16x1x1xf32>
  %a = kiln.add %c2, %c3 : (tensor<1x16x1x1xf32>, tensor<f32>) -> tensor<1x16x1x1xf32>
  %cl = kiln.clip %a {min = 0.0, max = 6.0} : tensor<1x16x1x1xf32>
  %g = kiln.div %cl, %c6 : (tensor<1x16x1x1xf32>, tensor<f32>) -> tensor<1x16x1x1xf32>
  %y = kiln.mul %g, %x : (tensor<1x16x1x1xf32>, tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// The original SENet form: x * gate.expand_as(x), and a SiLU written out
// (EfficientNet's activation).
// CHECK-LABEL: func @squeeze_excitation_expand
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x8x8xf32>
// CHECK: %[[S:.*]] = kiln.global_avg_pool %[[X]]
// CHECK: kiln.silu
// CHECK: %[[G:.*]] = kiln.sigmoid
// CHECK-NOT: kiln.expand
// CHECK: %[[Y:.*]] = kiln.mul %[[X]], %[[G]] : (tensor<1x16x8x8xf32>, tensor<1x16x1x1xf32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @squeeze_excitation_expand(%x: tensor<1x16x8x8xf32>, %w1: tensor<4x16x1x1xf32>, %w2: tensor<16x4x1x1xf32>) -> tensor<1x16x8x8xf32> {
  %s = kiln.global_avg_pool %x : (tensor<1x16x8x8xf32>) -> tensor<1x16x1x1xf32>
  %c1 = kiln.conv2d %s, %w1 : (tensor<1x16x1x1xf32>, tensor<4x16x1x1xf32>) -> tensor<1x4x1x1xf32>
  %sg = kiln.sigmoid %c1 : tensor<1x4x1x1xf32>
  %a = kiln.mul %c1, %sg : (tensor<1x4x1x1xf32>, tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  %c2 = kiln.conv2d %a, %w2 : (tensor<1x4x1x1xf32>, tensor<16x4x1x1xf32>) -> tensor<1x16x1x1xf32>
  %g = kiln.sigmoid %c2 : tensor<1x16x1x1xf32>
  %e = kiln.expand %g {shape = array<i64: 1, 16, 8, 8>} : (tensor<1x16x1x1xf32>) -> tensor<1x16x8x8xf32>
  %y = kiln.mul %e, %x : (tensor<1x16x8x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// A mean over H and W without keep_dims is a pooled tensor reshaped to
// [N, C].
// CHECK-LABEL: func @mean_without_keep_dims
// CHECK-SAME: (%[[X:.*]]: tensor<2x16x8x8xf32>)
// CHECK-NEXT: %[[S:.*]] = kiln.global_avg_pool %[[X]]
// CHECK-NEXT: %[[Y:.*]] = kiln.reshape %[[S]] {shape = array<i64: 2, 16>}
// CHECK-NEXT: return %[[Y]]
func.func @mean_without_keep_dims(%x: tensor<2x16x8x8xf32>) -> tensor<2x16xf32> {
  %s = kiln.reduce_mean %x {axes = array<i64: 2, 3>, keep_dims = false} : (tensor<2x16x8x8xf32>) -> tensor<2x16xf32>
  return %s : tensor<2x16xf32>
}

// -----

// Means over other dimensions stay reductions.
// CHECK-LABEL: func @mean_not_spatial
// CHECK-NOT: kiln.global_avg_pool
func.func @mean_not_spatial(%x: tensor<2x16x8x8xf32>, %t: tensor<2x16x8xf32>) -> (tensor<2x1x1x8xf32>, tensor<2x16x8x1xf32>, tensor<2x16x1xf32>) {
  %a = kiln.reduce_mean %x {axes = array<i64: 1, 2>} : (tensor<2x16x8x8xf32>) -> tensor<2x1x1x8xf32>
  %b = kiln.reduce_mean %x {axes = array<i64: 3>} : (tensor<2x16x8x8xf32>) -> tensor<2x16x8x1xf32>
  %c = kiln.reduce_mean %t {axes = array<i64: 2>} : (tensor<2x16x8xf32>) -> tensor<2x16x1xf32>
  return %a, %b, %c : tensor<2x1x1x8xf32>, tensor<2x16x8x1xf32>, tensor<2x16x1xf32>
}

// -----

// An expand that the mul would not repeat (the other operand is smaller)
// stays.
// CHECK-LABEL: func @expand_needed
// CHECK: kiln.expand
func.func @expand_needed(%x: tensor<1x16x1x8xf32>, %g: tensor<1x16x1x1xf32>) -> tensor<1x16x8x8xf32> {
  %e = kiln.expand %g {shape = array<i64: 1, 16, 8, 8>} : (tensor<1x16x1x1xf32>) -> tensor<1x16x8x8xf32>
  %y = kiln.mul %x, %e : (tensor<1x16x1x8xf32>, tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}
