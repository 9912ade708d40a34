// RUN: kiln-opt %s --convert-kiln-to-linalg --split-input-file | FileCheck %s

// Half pairing over the whole head (r = D = 8, n = 4): one generic over the
// output; the partner is d + 4 / d - 4, read with tensor.extract; the angle is
// the position (dim 2 in bhsd) times theta^(-2k/8) from a constant table.

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func @rope_half
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5x8xf32>)
// CHECK: %[[FREQ:.*]] = arith.constant dense<[1.000000e+00, 1.000000e-01, 0.00999999977, 1.000000e-03]> : tensor<4xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3x5x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3x5x8xf32>) outs(%[[E]] : tensor<2x3x5x8xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[I0:.*]] = linalg.index 0
// CHECK: %[[I1:.*]] = linalg.index 1
// CHECK: %[[P:.*]] = linalg.index 2
// CHECK: %[[D:.*]] = linalg.index 3
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK: %[[ROT:.*]] = arith.cmpi ult, %[[D]], %[[C8]]
// CHECK: %[[DR:.*]] = arith.select %[[ROT]], %[[D]]
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[FIRST:.*]] = arith.cmpi ult, %[[DR]], %[[C4]]
// CHECK: %[[LOW:.*]] = arith.subi %[[DR]], %[[C4]]
// CHECK: %[[HIGH:.*]] = arith.addi %[[DR]], %[[C4]]
// CHECK: %[[K:.*]] = arith.select %[[FIRST]], %[[DR]], %[[LOW]]
// CHECK: %[[PARTNER:.*]] = arith.select %[[FIRST]], %[[HIGH]], %[[LOW]]
// CHECK: %[[XP:.*]] = tensor.extract %[[X]][%[[I0]], %[[I1]], %[[P]], %[[PARTNER]]]
// CHECK: %[[PI:.*]] = arith.index_castui %[[P]] : index to i64
// CHECK: %[[POS:.*]] = arith.uitofp %[[PI]] : i64 to f32
// CHECK: %[[F:.*]] = tensor.extract %[[FREQ]][%[[K]]]
// CHECK: %[[ANGLE:.*]] = arith.mulf %[[POS]], %[[F]]
// CHECK: %[[COS:.*]] = math.cos %[[ANGLE]]
// CHECK: %[[SIN:.*]] = math.sin %[[ANGLE]]
// CHECK: %[[NEG:.*]] = arith.negf %[[SIN]]
// CHECK: %[[SS:.*]] = arith.select %[[FIRST]], %[[NEG]], %[[SIN]]
// CHECK: %[[A:.*]] = arith.mulf %[[IN]], %[[COS]]
// CHECK: %[[B:.*]] = arith.mulf %[[XP]], %[[SS]]
// CHECK: %[[R:.*]] = arith.addf %[[A]], %[[B]]
// CHECK: %[[OUT:.*]] = arith.select %[[ROT]], %[[R]], %[[IN]]
// CHECK: linalg.yield %[[OUT]]
func.func @rope_half(%x: tensor<2x3x5x8xf32>) -> tensor<2x3x5x8xf32> {
  %0 = kiln.rope %x : (tensor<2x3x5x8xf32>) -> tensor<2x3x5x8xf32>
  return %0 : tensor<2x3x5x8xf32>
}

// -----

// Interleaved pairing, partial (r = 6 of D = 10), bshd (position = dim 1),
// offset 3, theta 500, f16 computed in f32: k = d >> 1, partner = d ^ 1, the
// first of a pair is even; features >= 6 are copied.

// CHECK-LABEL: func @rope_interleaved
// CHECK-SAME: (%[[X:.*]]: tensor<1x7x2x10xf16>)
// CHECK: %[[FREQ:.*]] = arith.constant dense<[1.000000e+00, 0.125992104, 0.0158740114]> : tensor<3xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<1x7x2x10xf16>)
// CHECK: ^bb0(%[[IN:.*]]: f16, %{{.*}}: f16):
// CHECK: %[[I0:.*]] = linalg.index 0
// CHECK: %[[P:.*]] = linalg.index 1
// CHECK: %[[I2:.*]] = linalg.index 2
// CHECK: %[[D:.*]] = linalg.index 3
// CHECK: %[[C6:.*]] = arith.constant 6 : index
// CHECK: %[[ROT:.*]] = arith.cmpi ult, %[[D]], %[[C6]]
// CHECK: %[[DR:.*]] = arith.select %[[ROT]], %[[D]]
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[K:.*]] = arith.shrui %[[DR]], %[[C1]]
// CHECK: %[[PAR:.*]] = arith.andi %[[DR]], %[[C1]]
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[PAR]]
// CHECK: %[[PARTNER:.*]] = arith.xori %[[DR]], %[[C1]]
// CHECK: %[[XP:.*]] = tensor.extract %[[X]][%[[I0]], %[[P]], %[[I2]], %[[PARTNER]]]
// CHECK: %[[C3:.*]] = arith.constant 3 : index
// CHECK: %[[PO:.*]] = arith.addi %[[P]], %[[C3]]
// CHECK: arith.index_castui %[[PO]]
// CHECK: tensor.extract %[[FREQ]][%[[K]]]
// CHECK: math.cos
// CHECK: math.sin
// CHECK: arith.extf %[[IN]] : f16 to f32
// CHECK: arith.extf %[[XP]] : f16 to f32
// CHECK: arith.select %[[FIRST]]
// CHECK: %[[R:.*]] = arith.truncf %{{.*}} : f32 to f16
// CHECK: %[[OUT:.*]] = arith.select %[[ROT]], %[[R]], %[[IN]] : f16
// CHECK: linalg.yield %[[OUT]]
func.func @rope_interleaved(%x: tensor<1x7x2x10xf16>) -> tensor<1x7x2x10xf16> {
  %0 = kiln.rope %x {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, rotary_dim = 6 : i64, theta = 5.000000e+02 : f64, position_offset = 3 : i64} : (tensor<1x7x2x10xf16>) -> tensor<1x7x2x10xf16>
  return %0 : tensor<1x7x2x10xf16>
}

// -----

// cos/sin tables replace the angle: entry [p, k], converted to f32.

// CHECK-LABEL: func @rope_tables
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x6x12xf32>, %[[COS:.*]]: tensor<6x4xf64>, %[[SIN:.*]]: tensor<6x4xf64>)
// CHECK-NOT: arith.constant dense
// CHECK: linalg.generic
// CHECK: %[[P:.*]] = linalg.index 2
// CHECK: %[[FIRST:.*]] = arith.cmpi ult, %{{.*}}, %c4
// CHECK: %[[K:.*]] = arith.select %[[FIRST]]
// CHECK: %[[C:.*]] = tensor.extract %[[COS]][%[[P]], %[[K]]] : tensor<6x4xf64>
// CHECK: arith.truncf %[[C]] : f64 to f32
// CHECK: %[[S:.*]] = tensor.extract %[[SIN]][%[[P]], %[[K]]] : tensor<6x4xf64>
// CHECK: arith.truncf %[[S]] : f64 to f32
// CHECK-NOT: math.cos
// CHECK: linalg.yield
func.func @rope_tables(%x: tensor<1x2x6x12xf32>, %c: tensor<6x4xf64>, %s: tensor<6x4xf64>) -> tensor<1x2x6x12xf32> {
  %0 = kiln.rope %x tables(%c, %s) {rotary_dim = 8 : i64} : (tensor<1x2x6x12xf32>, tensor<6x4xf64>, tensor<6x4xf64>) -> tensor<1x2x6x12xf32>
  return %0 : tensor<1x2x6x12xf32>
}

// -----

// Multi-head bhsd f32, default scale 1/sqrt(16): Q.K^T contraction, scale,
// max/exp/sum/divide softmax with the fully-masked guards, P.V contraction;
// no truncation in f32.

// CHECK-DAG: #[[Q:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[K:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
// CHECK-DAG: #[[S5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[V:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d4, d3)>
// CHECK-LABEL: func @attention
// CHECK-SAME: (%[[QA:.*]]: tensor<2x3x5x16xf32>, %[[KA:.*]]: tensor<2x3x7x16xf32>, %[[VA:.*]]: tensor<2x3x7x6xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[SINIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x3x5x7xf32>)
// CHECK: %[[S0:.*]] = linalg.generic {indexing_maps = [#[[Q]], #[[K]], #[[S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[QA]], %[[KA]] : tensor<2x3x5x16xf32>, tensor<2x3x7x16xf32>) outs(%[[SINIT]] : tensor<2x3x5x7xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]]
// CHECK-SAME: ins(%[[S0]] : tensor<2x3x5x7xf32>)
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK-NOT: linalg.index
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MINIT:.*]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<2x3x5xf32>)
// CHECK: %[[M:.*]] = linalg.reduce ins(%[[S]] : tensor<2x3x5x7xf32>) outs(%[[MINIT]] : tensor<2x3x5xf32>) dimensions = [3]
// CHECK: arith.maximumf
// CHECK: %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK-SAME: ins(%[[S]], %[[M]] : tensor<2x3x5x7xf32>, tensor<2x3x5xf32>)
// CHECK: ^bb0(%[[SV:.*]]: f32, %[[MV:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[MASKED:.*]] = arith.cmpf oeq, %[[MV]], %{{.*}} : f32
// CHECK: %[[MSAFE:.*]] = arith.select %[[MASKED]], %{{.*}}, %[[MV]]
// CHECK: %[[DIFF:.*]] = arith.subf %[[SV]], %[[MSAFE]]
// CHECK: math.exp %[[DIFF]]
// CHECK: %[[LINIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x3x5xf32>)
// CHECK: %[[L:.*]] = linalg.reduce ins(%[[EXP]] : tensor<2x3x5x7xf32>) outs(%[[LINIT]] : tensor<2x3x5xf32>) dimensions = [3]
// CHECK: arith.addf
// CHECK: %[[PR:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK-SAME: ins(%[[EXP]], %[[L]] : tensor<2x3x5x7xf32>, tensor<2x3x5xf32>)
// CHECK: ^bb0(%[[EV:.*]]: f32, %[[LV:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[EMPTY:.*]] = arith.cmpf oeq, %[[LV]], %[[Z]]
// CHECK: %[[DIV:.*]] = arith.divf %[[EV]], %[[LV]]
// CHECK: arith.select %[[EMPTY]], %[[Z]], %[[DIV]]
// CHECK: %[[OINIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x3x5x6xf32>)
// CHECK: %[[O:.*]] = linalg.generic {indexing_maps = [#[[Q]], #[[V]], #[[S5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[PR]], %[[VA]] : tensor<2x3x5x7xf32>, tensor<2x3x7x6xf32>) outs(%[[OINIT]] : tensor<2x3x5x6xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return %[[O]]
func.func @attention(%q: tensor<2x3x5x16xf32>, %k: tensor<2x3x7x16xf32>, %v: tensor<2x3x7x6xf32>) -> tensor<2x3x5x6xf32> {
  %0 = kiln.attention %q, %k, %v : (tensor<2x3x5x16xf32>, tensor<2x3x7x16xf32>, tensor<2x3x7x6xf32>) -> tensor<2x3x5x6xf32>
  return %0 : tensor<2x3x5x6xf32>
}

// -----

// Grouped-query (Hq = 4, Hkv = 2) in bshd, f16 with f32 accumulation, a
// broadcast mask [Sq, 1], causal with Sq = 3 < Skv = 7 (hidden: j > i + 4),
// scale 0.25; the result is written in bshd and truncated to f16.

// CHECK-DAG: #[[Q:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d1, d4)>
// CHECK-DAG: #[[K:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d1 floordiv 2, d4)>
// CHECK-DAG: #[[S5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[MASK:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, 0)>
// CHECK-DAG: #[[P:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[V:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4, d1 floordiv 2, d3)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d1, d3)>
// CHECK-LABEL: func @attention_gqa_bshd
// CHECK-SAME: (%[[QA:.*]]: tensor<1x3x4x8xf16>, %[[KA:.*]]: tensor<1x7x2x8xf16>, %[[VA:.*]]: tensor<1x7x2x5xf16>, %[[MA:.*]]: tensor<3x1xf32>)
// CHECK: %[[S0:.*]] = linalg.generic {indexing_maps = [#[[Q]], #[[K]], #[[S5]]]
// CHECK-SAME: ins(%[[QA]], %[[KA]] : tensor<1x3x4x8xf16>, tensor<1x7x2x8xf16>) outs(%{{.*}} : tensor<1x4x3x7xf32>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[MASK]], #[[ID]]]
// CHECK-SAME: ins(%[[S0]], %[[MA]] : tensor<1x4x3x7xf32>, tensor<3x1xf32>)
// CHECK: ^bb0(%[[SV:.*]]: f32, %[[MV:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[SC:.*]] = arith.mulf %[[SV]], %{{.*}}
// CHECK: %[[SM:.*]] = arith.addf %[[SC]], %[[MV]]
// CHECK: %[[I:.*]] = linalg.index 2
// CHECK: %[[J:.*]] = linalg.index 3
// CHECK: %[[C4:.*]] = arith.constant 4 : index
// CHECK: %[[LAST:.*]] = arith.addi %[[I]], %[[C4]]
// CHECK: %[[HIDDEN:.*]] = arith.cmpi sgt, %[[J]], %[[LAST]]
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: arith.select %[[HIDDEN]], %[[NINF]], %[[SM]]
// CHECK: linalg.reduce
// CHECK: linalg.reduce
// CHECK: %[[O32:.*]] = linalg.generic {indexing_maps = [#[[P]], #[[V]], #[[O]]]
// CHECK-SAME: ins(%{{.*}}, %[[VA]] : tensor<1x4x3x7xf32>, tensor<1x7x2x5xf16>) outs(%{{.*}} : tensor<1x3x4x5xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]]
// CHECK-SAME: ins(%[[O32]] : tensor<1x3x4x5xf32>) outs(%{{.*}} : tensor<1x3x4x5xf16>)
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: return %[[R]]
func.func @attention_gqa_bshd(%q: tensor<1x3x4x8xf16>, %k: tensor<1x7x2x8xf16>, %v: tensor<1x7x2x5xf16>, %m: tensor<3x1xf32>) -> tensor<1x3x4x5xf16> {
  %0 = kiln.attention %q, %k, %v mask(%m) {causal, layout = #kiln.sequence_layout<bshd>, scale = 2.500000e-01 : f64} : (tensor<1x3x4x8xf16>, tensor<1x7x2x8xf16>, tensor<1x7x2x5xf16>, tensor<3x1xf32>) -> tensor<1x3x4x5xf16>
  return %0 : tensor<1x3x4x5xf16>
}

// -----

// Fused rope with tables: the kiln.rope generic on Q and on K (rows = the
// positions of each), then the contraction reads the rotated tensors.

// CHECK-LABEL: func @attention_rope
// CHECK-SAME: (%[[QA:.*]]: tensor<1x4x5x8xf32>, %[[KA:.*]]: tensor<1x4x7x8xf32>, %[[VA:.*]]: tensor<1x4x7x8xf32>, %[[COS:.*]]: tensor<9x2xf32>, %[[SIN:.*]]: tensor<9x2xf32>)
// CHECK: %[[QR:.*]] = linalg.generic
// CHECK-SAME: ins(%[[QA]] : tensor<1x4x5x8xf32>)
// CHECK: arith.xori
// CHECK: tensor.extract %[[QA]]
// CHECK: tensor.extract %[[COS]]
// CHECK: tensor.extract %[[SIN]]
// CHECK: %[[KR:.*]] = linalg.generic
// CHECK-SAME: ins(%[[KA]] : tensor<1x4x7x8xf32>)
// CHECK: arith.xori
// CHECK: tensor.extract %[[KA]]
// CHECK: tensor.extract %[[COS]]
// CHECK: tensor.extract %[[SIN]]
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[QR]], %[[KR]] : tensor<1x4x5x8xf32>, tensor<1x4x7x8xf32>)
// CHECK: arith.constant 0.353553385 : f32
func.func @attention_rope(%q: tensor<1x4x5x8xf32>, %k: tensor<1x4x7x8xf32>, %v: tensor<1x4x7x8xf32>, %c: tensor<9x2xf32>, %s: tensor<9x2xf32>) -> tensor<1x4x5x8xf32> {
  %0 = kiln.attention %q, %k, %v rope_tables(%c, %s) {rope = #kiln.rope<pairing = interleaved, rotary_dim = 4>} : (tensor<1x4x5x8xf32>, tensor<1x4x7x8xf32>, tensor<1x4x7x8xf32>, tensor<9x2xf32>, tensor<9x2xf32>) -> tensor<1x4x5x8xf32>
  return %0 : tensor<1x4x5x8xf32>
}

// -----

// Fused rope without tables: the same constant frequency table on Q and K.

// CHECK-LABEL: func @attention_rope_theta
// CHECK: arith.constant dense<[1.000000e+00, 0.00999999977]> : tensor<2xf32>
// CHECK: linalg.generic
// CHECK: math.cos
// CHECK: arith.constant dense<[1.000000e+00, 0.00999999977]> : tensor<2xf32>
// CHECK: linalg.generic
// CHECK: math.cos
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]
func.func @attention_rope_theta(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x4x5x8xf32> {
  %0 = kiln.attention %q, %k, %v {causal, rope = #kiln.rope<rotary_dim = 4, position_offset = 2>} : (tensor<1x4x5x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>) -> tensor<1x4x5x8xf32>
  return %0 : tensor<1x4x5x8xf32>
}
