// RUN: kiln-opt %s --convert-kiln-to-linalg --split-input-file | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func @broadcast_add
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>, %[[C:.*]]: tensor<2x1xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3xf32>) outs(%[[E]] : tensor<2x3xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]]
// CHECK-SAME: ins(%[[S]], %[[C]] : tensor<2x3xf32>, tensor<2x1xf32>)
// CHECK: arith.subf
func.func @broadcast_add(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = kiln.sub %0, %c : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @integer_ops
// CHECK: arith.muli
// CHECK: arith.divsi
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: math.ipowi
// CHECK: arith.cmpi eq
func.func @integer_ops(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi1> {
  %0 = kiln.mul %a, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %1 = kiln.div %0, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %2 = kiln.max %1, %b : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %3 = kiln.min %2, %a : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %4 = kiln.pow %3, %a : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  %5 = kiln.equal %4, %a : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi1>
  return %5 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func @float_ops
// CHECK: arith.mulf
// CHECK: arith.divf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: math.powf
// CHECK: arith.cmpf oeq
// CHECK: arith.select
func.func @float_ops(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.mul %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = kiln.div %0, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = kiln.max %1, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = kiln.min %2, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = kiln.pow %3, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %5 = kiln.equal %4, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %6 = kiln.where %5, %4, %a : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %6 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @unary
// CHECK: arith.negf
// CHECK: math.absf
// CHECK: math.exp
// CHECK: math.log
// CHECK: math.sqrt
// CHECK: math.tanh
// CHECK: math.erf
// CHECK: math.sin
// CHECK: math.cos
// CHECK: arith.constant 0 : i32
// CHECK: arith.subi
// CHECK: math.absi
func.func @unary(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %0 = kiln.neg %x : tensor<4xf32>
  %1 = kiln.abs %0 : tensor<4xf32>
  %2 = kiln.exp %1 : tensor<4xf32>
  %3 = kiln.log %2 : tensor<4xf32>
  %4 = kiln.sqrt %3 : tensor<4xf32>
  %5 = kiln.tanh %4 : tensor<4xf32>
  %6 = kiln.erf %5 : tensor<4xf32>
  %s = kiln.sin %6 : tensor<4xf32>
  %c = kiln.cos %s : tensor<4xf32>
  %7 = kiln.neg %i : tensor<4xi32>
  %8 = kiln.abs %7 : tensor<4xi32>
  return %c, %8 : tensor<4xf32>, tensor<4xi32>
}

// -----

// CHECK-LABEL: func @casts
// CHECK: arith.fptosi %{{.*}} : f32 to i64
// CHECK: arith.sitofp %{{.*}} : i64 to f16
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.truncf %{{.*}} : f32 to bf16
// CHECK: arith.cmpf une
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @casts(%x: tensor<4xf32>) -> (tensor<4xbf16>, tensor<4xf32>, tensor<4xi32>, tensor<4xi8>) {
  %0 = kiln.cast %x : tensor<4xf32> to tensor<4xi64>
  %1 = kiln.cast %0 : tensor<4xi64> to tensor<4xf16>
  %2 = kiln.cast %1 : tensor<4xf16> to tensor<4xbf16>
  %3 = kiln.cast %x : tensor<4xf32> to tensor<4xi1>
  %4 = kiln.cast %3 : tensor<4xi1> to tensor<4xf32>
  %5 = kiln.cast %3 : tensor<4xi1> to tensor<4xi32>
  %6 = kiln.cast %0 : tensor<4xi64> to tensor<4xi8>
  return %2, %4, %5, %6 : tensor<4xbf16>, tensor<4xf32>, tensor<4xi32>, tensor<4xi8>
}

// -----

// CHECK-LABEL: func @activations
// CHECK-NOT: kiln.
// CHECK: arith.maximumf
// CHECK: math.expm1
// CHECK: math.log1p
// CHECK: math.erf
// CHECK: math.tanh
// CHECK: return
func.func @activations(%x: tensor<1x4x2x2xf32>, %s: tensor<4x1x1xf32>) -> tensor<1x4x2x2xf32> {
  %0 = kiln.relu %x : tensor<1x4x2x2xf32>
  %1 = kiln.clip %0 {min = 0.0, max = 6.0} : tensor<1x4x2x2xf32>
  %2 = kiln.leaky_relu %1 : tensor<1x4x2x2xf32>
  %3 = kiln.prelu %2, %s : (tensor<1x4x2x2xf32>, tensor<4x1x1xf32>) -> tensor<1x4x2x2xf32>
  %4 = kiln.elu %3 : tensor<1x4x2x2xf32>
  %5 = kiln.selu %4 : tensor<1x4x2x2xf32>
  %6 = kiln.sigmoid %5 : tensor<1x4x2x2xf32>
  %7 = kiln.hard_sigmoid %6 : tensor<1x4x2x2xf32>
  %8 = kiln.hard_swish %7 : tensor<1x4x2x2xf32>
  %9 = kiln.silu %8 : tensor<1x4x2x2xf32>
  %10 = kiln.softplus %9 : tensor<1x4x2x2xf32>
  %11 = kiln.gelu %10 : tensor<1x4x2x2xf32>
  %12 = kiln.gelu %11 {approximation = #kiln.gelu_approximation<tanh>} : tensor<1x4x2x2xf32>
  return %12 : tensor<1x4x2x2xf32>
}

// -----

// sigmoid is 1 / (1 + exp(min(-x, 88))), the division marked for a
// reciprocal estimate (arcp, ninf: the divisor is finite), its dividend 0
// where -x is above 88 (an estimate need not flush the reciprocal there);
// SiLU multiplies it by x.
// CHECK-LABEL: func @sigmoid_silu
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[NEG:.*]] = arith.negf %[[X]]
// CHECK: %[[LIMIT:.*]] = arith.constant 8.800000e+01 : f32
// CHECK: %[[ABOVE:.*]] = arith.cmpf ogt, %[[NEG]], %[[LIMIT]]
// CHECK: %[[ARG:.*]] = arith.select %[[ABOVE]], %[[LIMIT]], %[[NEG]]
// CHECK: %[[E:.*]] = math.exp %[[ARG]]
// CHECK: %[[D:.*]] = arith.addf %[[ONE]], %[[E]]
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[K:.*]] = arith.select %[[ABOVE]], %[[ZERO]], %[[ONE]]
// CHECK: %[[S:.*]] = arith.divf %[[K]], %[[D]] fastmath<ninf,arcp,contract>
// CHECK: linalg.yield %[[S]]
// CHECK: linalg.generic
// CHECK: ^bb0(%[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[R:.*]] = arith.divf %{{.*}} fastmath<ninf,arcp,contract>
// CHECK: %[[SILU:.*]] = arith.mulf %[[Y]], %[[R]] : f32
// CHECK: linalg.yield %[[SILU]]
func.func @sigmoid_silu(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = kiln.sigmoid %x : tensor<8xf32>
  %1 = kiln.silu %x : tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// -----

// CHECK-LABEL: func @constant
// CHECK: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: return %[[C]]
func.func @constant() -> tensor<2xf32> {
  %0 = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %0 : tensor<2xf32>
}
