// RUN: kiln-opt %s --convert-kiln-to-linalg --split-input-file | FileCheck %s

// Per-channel multiplier and offset over [C], then x * multiplier + offset
// with the [C] tensors read at channel dimension 1.
// CHECK-DAG: #[[C1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func @batch_norm_rank4
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5x7xf32>, %[[S:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>, %[[M:.*]]: tensor<3xf32>, %[[V:.*]]: tensor<3xf32>)
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<3xf32>
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<3xf32>
// CHECK: %[[K:.*]]:2 = linalg.generic {indexing_maps = [#[[C1]], #[[C1]], #[[C1]], #[[C1]], #[[C1]], #[[C1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[S]], %[[B]], %[[M]], %[[V]] : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) outs(%[[E0]], %[[E1]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[SS:[a-z0-9_]+]]: f32, %[[BB:[a-z0-9_]+]]: f32, %[[MM:[a-z0-9_]+]]: f32, %[[VV:[a-z0-9_]+]]: f32,
// CHECK: %[[EPS:.*]] = arith.constant 1.000000e-03 : f32
// CHECK: %[[VE:.*]] = arith.addf %[[VV]], %[[EPS]]
// CHECK: %[[SD:.*]] = math.sqrt %[[VE]]
// CHECK: %[[MUL:.*]] = arith.divf %[[SS]], %[[SD]]
// CHECK: %[[MM2:.*]] = arith.mulf %[[MM]], %[[MUL]]
// CHECK: %[[OFF:.*]] = arith.subf %[[BB]], %[[MM2]]
// CHECK: linalg.yield %[[MUL]], %[[OFF]]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x5x7xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[K]]#0, %[[K]]#1 : tensor<2x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>) outs(%[[E]] : tensor<2x3x5x7xf32>)
// CHECK: ^bb0(%[[XX:[a-z0-9_]+]]: f32, %[[A:[a-z0-9_]+]]: f32, %[[O:[a-z0-9_]+]]: f32, %{{.*}}: f32):
// CHECK: %[[P:.*]] = arith.mulf %[[XX]], %[[A]]
// CHECK: %[[R:.*]] = arith.addf %[[P]], %[[O]]
// CHECK: linalg.yield %[[R]]
func.func @batch_norm_rank4(%x: tensor<2x3x5x7xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x5x7xf32> {
  %0 = kiln.batch_norm %x, %s, %b, %m, %v {epsilon = 1.0e-03 : f64} : (tensor<2x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x5x7xf32>
  return %0 : tensor<2x3x5x7xf32>
}

// -----

// f16 on rank 2: coefficients in f32, the input extended and the result
// truncated; the default epsilon.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @batch_norm_f16_rank2
// CHECK: %[[K:.*]]:2 = linalg.generic
// CHECK-SAME: outs(%{{.*}}, %{{.*}} : tensor<5xf32>, tensor<5xf32>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.constant 9.99999974E-6 : f32
// CHECK: math.sqrt
// CHECK: -> (tensor<5xf32>, tensor<5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%{{.*}}, %[[K]]#0, %[[K]]#1 : tensor<4x5xf16>, tensor<5xf32>, tensor<5xf32>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: -> tensor<4x5xf16>
func.func @batch_norm_f16_rank2(%x: tensor<4x5xf16>, %s: tensor<5xf16>, %b: tensor<5xf16>, %m: tensor<5xf16>, %v: tensor<5xf16>) -> tensor<4x5xf16> {
  %0 = kiln.batch_norm %x, %s, %b, %m, %v : (tensor<4x5xf16>, tensor<5xf16>, tensor<5xf16>, tensor<5xf16>, tensor<5xf16>) -> tensor<4x5xf16>
  return %0 : tensor<4x5xf16>
}

// -----

// Statistics over dimensions 1 and 2 (M = 35), corrected two-pass; scale and
// bias broadcast to the trailing dimensions.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[R1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SC:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[BI:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func @layer_norm_axis1
// CHECK-SAME: (%[[X:.*]]: tensor<3x7x5xf32>, %[[G:.*]]: tensor<7x1xf32>, %[[B:.*]]: tensor<5xf32>)
// CHECK: %[[Z0:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F0:.*]] = linalg.fill ins(%[[Z0]] : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[OUT]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<3x7x5xf32>) outs(%[[F0]] : tensor<3xf32>)
// CHECK: arith.addf
// CHECK: %[[MEAN0:.*]] = linalg.generic {indexing_maps = [#[[R1]], #[[R1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[SUM]] : tensor<3xf32>)
// CHECK: arith.constant 3.500000e+01 : f32
// CHECK: arith.divf
// CHECK: %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK: %[[F2:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK: %[[DEV:.*]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[MEAN0]] : tensor<3x7x5xf32>, tensor<3xf32>) outs(%[[F1]], %[[F2]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[XX:[a-z0-9_]+]]: f32, %[[MM:[a-z0-9_]+]]: f32, %[[A0:[a-z0-9_]+]]: f32, %[[A1:[a-z0-9_]+]]: f32):
// CHECK: %[[D:.*]] = arith.subf %[[XX]], %[[MM]]
// CHECK: %[[SD:.*]] = arith.addf %[[D]], %[[A0]]
// CHECK: %[[D2:.*]] = arith.mulf %[[D]], %[[D]]
// CHECK: %[[SD2:.*]] = arith.addf %[[D2]], %[[A1]]
// CHECK: linalg.yield %[[SD]], %[[SD2]]
// CHECK: %[[ST:.*]]:2 = linalg.generic {indexing_maps = [#[[R1]], #[[R1]], #[[R1]], #[[R1]], #[[R1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[MEAN0]], %[[DEV]]#0, %[[DEV]]#1 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[M0:[a-z0-9_]+]]: f32, %[[S1:[a-z0-9_]+]]: f32, %[[S2:[a-z0-9_]+]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK: %[[CNT:.*]] = arith.constant 3.500000e+01 : f32
// CHECK: %[[CORR:.*]] = arith.divf %[[S1]], %[[CNT]]
// CHECK: %[[MEAN:.*]] = arith.addf %[[M0]], %[[CORR]]
// CHECK: %[[P:.*]] = arith.mulf %[[S1]], %[[CORR]]
// CHECK: %[[SQ:.*]] = arith.subf %[[S2]], %[[P]]
// CHECK: %[[VAR:.*]] = arith.divf %[[SQ]], %[[CNT]]
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[VPOS:.*]] = arith.maximumf %[[VAR]], %[[ZERO]]
// CHECK: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK: %[[VE:.*]] = arith.addf %[[VPOS]], %[[EPS]]
// CHECK: %[[STD:.*]] = math.sqrt %[[VE]]
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[RSTD:.*]] = arith.divf %[[ONE]], %[[STD]]
// CHECK: linalg.yield %[[MEAN]], %[[RSTD]]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x7x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[SC]], #[[BI]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[ST]]#0, %[[ST]]#1, %[[G]], %[[B]] : tensor<3x7x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<7x1xf32>, tensor<5xf32>) outs(%[[E]] : tensor<3x7x5xf32>)
// CHECK: ^bb0(%[[XX:[a-z0-9_]+]]: f32, %[[MEAN:[a-z0-9_]+]]: f32, %[[RSTD:[a-z0-9_]+]]: f32, %[[GG:[a-z0-9_]+]]: f32, %[[BB:[a-z0-9_]+]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = arith.subf %[[XX]], %[[MEAN]]
// CHECK: %[[N:.*]] = arith.mulf %[[C]], %[[RSTD]]
// CHECK: %[[Y:.*]] = arith.mulf %[[N]], %[[GG]]
// CHECK: %[[R:.*]] = arith.addf %[[Y]], %[[BB]]
// CHECK: linalg.yield %[[R]]
func.func @layer_norm_axis1(%x: tensor<3x7x5xf32>, %g: tensor<7x1xf32>, %b: tensor<5xf32>) -> tensor<3x7x5xf32> {
  %0 = kiln.layer_norm %x scale %g bias %b {axis = 1 : i64} : (tensor<3x7x5xf32>, tensor<7x1xf32>, tensor<5xf32>) -> tensor<3x7x5xf32>
  return %0 : tensor<3x7x5xf32>
}

// -----

// Default axis (-1, not canonicalized): only the last dimension is reduced;
// neither scale nor bias.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @layer_norm_default_axis
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: outs(%{{.*}} : tensor<3x7xf32>)
// CHECK: arith.constant 5.000000e+00 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: %[[ST:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%{{.*}}, %[[ST]]#0, %[[ST]]#1 : tensor<3x7x5xf32>, tensor<3x7xf32>, tensor<3x7xf32>)
// CHECK: arith.subf
// CHECK-NEXT: %[[N:.*]] = arith.mulf
// CHECK-NEXT: linalg.yield %[[N]]
func.func @layer_norm_default_axis(%x: tensor<3x7x5xf32>) -> tensor<3x7x5xf32> {
  %0 = kiln.layer_norm %x : (tensor<3x7x5xf32>) -> tensor<3x7x5xf32>
  return %0 : tensor<3x7x5xf32>
}

// -----

// Scale only, with a negative axis: -2 of rank 3 is dimension 1.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[SC:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func @layer_norm_scale_only
// CHECK-SAME: (%[[X:.*]]: tensor<3x7x5xf32>, %[[G:.*]]: tensor<5xf32>)
// CHECK: iterator_types = ["parallel", "reduction", "reduction"]
// CHECK: %[[ST:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[SC]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[ST]]#0, %[[ST]]#1, %[[G]] : tensor<3x7x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<5xf32>)
// CHECK: arith.subf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: %[[Y:.*]] = arith.mulf
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @layer_norm_scale_only(%x: tensor<3x7x5xf32>, %g: tensor<5xf32>) -> tensor<3x7x5xf32> {
  %0 = kiln.layer_norm %x scale %g {axis = -2 : i64} : (tensor<3x7x5xf32>, tensor<5xf32>) -> tensor<3x7x5xf32>
  return %0 : tensor<3x7x5xf32>
}

// -----

// Bias only.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[BI:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @layer_norm_bias_only
// CHECK-SAME: (%[[X:.*]]: tensor<4x6xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: %[[ST:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[BI]], #[[ID]]]
// CHECK-SAME: ins(%[[X]], %[[ST]]#0, %[[ST]]#1, %[[B]] : tensor<4x6xf32>, tensor<4xf32>, tensor<4xf32>, tensor<6xf32>)
// CHECK: arith.subf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: %[[Y:.*]] = arith.addf
// CHECK-NEXT: linalg.yield %[[Y]]
func.func @layer_norm_bias_only(%x: tensor<4x6xf32>, %b: tensor<6xf32>) -> tensor<4x6xf32> {
  %0 = kiln.layer_norm %x bias %b {epsilon = 1.0e-03 : f64} : (tensor<4x6xf32>, tensor<6xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// axis 0: everything is reduced, the statistics are rank-0 tensors.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[R0:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func @layer_norm_axis0
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: outs(%{{.*}} : tensor<f32>)
// CHECK: linalg.generic {indexing_maps = [#[[R0]], #[[R0]]], iterator_types = []}
// CHECK: arith.constant 1.200000e+01 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[OUT]]], iterator_types = ["reduction", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[R0]], #[[R0]], #[[R0]], #[[R0]], #[[R0]]], iterator_types = []}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
func.func @layer_norm_axis0(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = kiln.layer_norm %x {axis = 0 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// f16: reductions accumulate in f32, scale and bias are extended, the result
// truncated.
// CHECK-LABEL: func @layer_norm_f16
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK: ^bb0(%[[IN:[a-z0-9_]+]]: f16, %[[ACC:[a-z0-9_]+]]: f32):
// CHECK: %[[W:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK: arith.addf %[[W]], %[[ACC]] : f32
// CHECK: ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x8xf16>, tensor<2xf32>, tensor<2xf32>, tensor<8xf16>, tensor<8xf16>) outs(%{{.*}} : tensor<2x8xf16>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @layer_norm_f16(%x: tensor<2x8xf16>, %g: tensor<8xf16>, %b: tensor<8xf16>) -> tensor<2x8xf16> {
  %0 = kiln.layer_norm %x scale %g bias %b : (tensor<2x8xf16>, tensor<8xf16>, tensor<8xf16>) -> tensor<2x8xf16>
  return %0 : tensor<2x8xf16>
}

// -----

// Max (from -inf, NaN-propagating), sum of exp(x - max), exp(x - max) / sum;
// the negative axis -2 of rank 3 is dimension 1.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func @softmax_negative_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[F0:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[OUT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[F0]] : tensor<2x4xf32>)
// CHECK: arith.maximumf
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F1:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[MAX]] : tensor<2x3x4xf32>, tensor<2x4xf32>) outs(%[[F1]] : tensor<2x4xf32>)
// CHECK: arith.subf
// CHECK-NEXT: math.exp
// CHECK-NEXT: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[MAX]], %[[SUM]] : tensor<2x3x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK: ^bb0(%[[XX:[a-z0-9_]+]]: f32, %[[M:[a-z0-9_]+]]: f32, %[[S:[a-z0-9_]+]]: f32, %{{.*}}: f32):
// CHECK: %[[D:.*]] = arith.subf %[[XX]], %[[M]]
// CHECK: %[[E:.*]] = math.exp %[[D]]
// CHECK: %[[R:.*]] = arith.divf %[[E]], %[[S]]
// CHECK: linalg.yield %[[R]]
func.func @softmax_negative_axis(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.softmax %x {axis = -2 : i64} : tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Default axis on rank 1: the statistics are rank-0 tensors.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func @softmax_rank1
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]]], iterator_types = ["reduction"]}
// CHECK-SAME: outs(%{{.*}} : tensor<f32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]]], iterator_types = ["reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[ID]]], iterator_types = ["parallel"]}
func.func @softmax_rank1(%x: tensor<11xf32>) -> tensor<11xf32> {
  %0 = kiln.softmax %x : tensor<11xf32>
  return %0 : tensor<11xf32>
}

// -----

// bf16: max and sum in f32, the result truncated.
// CHECK-LABEL: func @softmax_bf16
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: math.exp %{{.*}} : f32
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: arith.divf
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @softmax_bf16(%x: tensor<2x9xbf16>) -> tensor<2x9xbf16> {
  %0 = kiln.softmax %x {axis = 1 : i64} : tensor<2x9xbf16>
  return %0 : tensor<2x9xbf16>
}

// -----

// log(sum) once per slice in a two-result generic (the max passes through),
// then (x - max) - log(sum).
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[R1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func @log_softmax
// CHECK-SAME: (%[[X:.*]]: tensor<3x10xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK: math.exp
// CHECK: %[[ST:.*]]:2 = linalg.generic {indexing_maps = [#[[R1]], #[[R1]], #[[R1]], #[[R1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[MAX]], %[[SUM]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[M:[a-z0-9_]+]]: f32, %[[S:[a-z0-9_]+]]: f32,
// CHECK: %[[L:.*]] = math.log %[[S]]
// CHECK: linalg.yield %[[M]], %[[L]]
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[OUT]], #[[OUT]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[ST]]#0, %[[ST]]#1 : tensor<3x10xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[XX:[a-z0-9_]+]]: f32, %[[MM:[a-z0-9_]+]]: f32, %[[LL:[a-z0-9_]+]]: f32, %{{.*}}: f32):
// CHECK: %[[D:.*]] = arith.subf %[[XX]], %[[MM]]
// CHECK: %[[R:.*]] = arith.subf %[[D]], %[[LL]]
// CHECK: linalg.yield %[[R]]
// CHECK-NOT: math.exp
func.func @log_softmax(%x: tensor<3x10xf32>) -> tensor<3x10xf32> {
  %0 = kiln.log_softmax %x {axis = 1 : i64} : tensor<3x10xf32>
  return %0 : tensor<3x10xf32>
}

// -----

// f64 computes in f64 (no extension).
// CHECK-LABEL: func @log_softmax_f64
// CHECK-NOT: arith.extf
// CHECK: arith.constant 0xFFF0000000000000 : f64
// CHECK: math.log %{{.*}} : f64
// CHECK-NOT: arith.truncf
// CHECK: return
func.func @log_softmax_f64(%x: tensor<4x3xf64>) -> tensor<4x3xf64> {
  %0 = kiln.log_softmax %x {axis = 0 : i64} : tensor<4x3xf64>
  return %0 : tensor<4x3xf64>
}
