// RUN: kiln-opt %s --split-input-file --kiln-cpu-flash-attention="vector-bits=256 remarks=true" --verify-diagnostics | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-cpu-flash-attention="vector-bits=512 query-block=40 key-block=16" | FileCheck %s --check-prefix=WIDE
// RUN: not kiln-opt %s --kiln-cpu-flash-attention="vector-bits=48" 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not kiln-opt %s --kiln-cpu-flash-attention="key-block=0" 2>&1 | FileCheck %s --check-prefix=BLOCK
// BITS: error: kiln-cpu-flash-attention: vector-bits must be a positive multiple of 32, not 48
// BLOCK: error: kiln-cpu-flash-attention: query-block and key-block must be positive

// Causal grouped-query attention with RoPE (rotate-half), f32, 8 lanes: an
// scf.forall over (batch, query head, block of 64 queries) on the operands'
// buffers, cos/sin tables computed at compile time, stack buffers for Q^T
// (64 features x 64 queries), the scores of a key block (all 100 keys x 64
// queries: blocks of 128 keys by default), O^T (32 x 64), the running
// maximum and sum, the rotated keys and one rotated query row.

// CHECK-LABEL: func.func @rope_gqa_causal
// CHECK-DAG: %[[Q:.*]] = bufferization.to_buffer %arg0 read_only : tensor<1x4x100x64xf32> to memref<1x4x100x64xf32>
// CHECK-DAG: %[[K:.*]] = bufferization.to_buffer %arg1 read_only : tensor<1x2x100x64xf32> to memref<1x2x100x64xf32>
// CHECK-DAG: %[[V:.*]] = bufferization.to_buffer %arg2 read_only : tensor<1x2x100x32xf32> to memref<1x2x100x32xf32>
// The tables (hex, little-endian f32): row 0 is cos 0 = 1 and sin 0 = 0,
// row 1 starts with cos 1 = 0x3F0A5140 and sin 1 = 0x3F576AA4.
// CHECK-DAG: %[[COSV:.*]] = arith.constant dense<"0x{{(0000803F)+}}40510A3F{{.*}}> : tensor<100x32xf32>
// CHECK-DAG: %[[SINV:.*]] = arith.constant dense<"0x{{(00000000)+}}A46A573F{{.*}}> : tensor<100x32xf32>
// CHECK-DAG: %[[COS:.*]] = bufferization.to_buffer %[[COSV]] read_only : tensor<100x32xf32> to memref<100x32xf32>
// CHECK-DAG: %[[SIN:.*]] = bufferization.to_buffer %[[SINV]] read_only : tensor<100x32xf32> to memref<100x32xf32>
// CHECK: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x4x100x32xf32>
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]], %[[QB:.*]]) in (1, 4, 2) {
// CHECK:   memref.alloca_scope {
// CHECK:     %[[KVH:.*]] = arith.divui %[[H]], %c2
// CHECK:     %[[QT:.*]] = memref.alloca() {alignment = 64 : i64} : memref<64x64xf32>
// CHECK:     %[[ST:.*]] = memref.alloca() {alignment = 64 : i64} : memref<100x64xf32>
// CHECK:     %[[OT:.*]] = memref.alloca() {alignment = 64 : i64} : memref<32x64xf32>
// CHECK:     %[[MAX:.*]] = memref.alloca() {alignment = 64 : i64} : memref<64xf32>
// CHECK:     %[[SUM:.*]] = memref.alloca() {alignment = 64 : i64} : memref<64xf32>
// CHECK:     %[[KR:.*]] = memref.alloca() {alignment = 64 : i64} : memref<100x64xf32>
// CHECK:     %[[QR:.*]] = memref.alloca() {alignment = 64 : i64} : memref<1x64xf32>
// Each query row is rotated once (first half: x c - y s), scaled by 1/8 and
// transposed into Q^T.
// CHECK:     vector.load %[[Q]][%[[B]], %[[H]], %{{.*}}, %{{.*}}] : memref<1x4x100x64xf32>, vector<8xf32>
// CHECK:     vector.load %[[COS]][
// CHECK:     vector.load %[[SIN]][
// CHECK:     arith.subf
// CHECK:     vector.store %{{.*}}, %[[QR]]
// CHECK:     arith.addf
// CHECK:     vector.store %{{.*}}, %[[QR]]
// CHECK:     %[[QX:.*]] = memref.load %[[QR]]
// CHECK:     %[[QS:.*]] = arith.mulf %[[QX]], %cst{{.*}} : f32
// CHECK:     memref.store %[[QS]], %[[QT]]
// Causal: the keys end at min(Skv, last query + 1) (block 0 stops at 64).
// CHECK:     %[[KEND:.*]] = arith.maxsi
// CHECK:     scf.for %[[J0:.*]] = %{{.*}} to %[[KEND]] step %c100{{.*}} {
// Each key of the block is rotated into the stack buffer as it is read.
// CHECK:       vector.load %[[K]][%[[B]], %[[KVH]], %{{.*}}, %{{.*}}] : memref<1x2x100x64xf32>, vector<8xf32>
// CHECK:       vector.store %{{.*}}, %[[KR]]
// S^T: 6 keys x 2 vectors of queries per register tile, broadcast-FMA over
// the 64 features.
// CHECK:       scf.for {{.*}} step %c6
// CHECK:         scf.for {{.*}} step %c16
// CHECK:           scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK:             vector.load %[[QT]]
// CHECK:             memref.load %[[KR]]
// CHECK:             vector.broadcast %{{.*}} : f32 to vector<8xf32>
// CHECK:             vector.fma
// The causal mask per lane, then the scores are stored.
// CHECK:           arith.cmpi slt, %{{.*}}, %{{.*}} : vector<8xi32>
// CHECK:           arith.select %{{.*}}, %{{.*}}, %{{.*}} : vector<8xi1>, vector<8xf32>
// CHECK:           vector.store %{{.*}}, %[[ST]]
// Online softmax per vector of queries: block maximum, rescaling factor,
// exponentials and their sum, O^T rescaled.
// CHECK:       scf.for {{.*}} step %c8
// CHECK:         vector.load %[[MAX]]
// CHECK:         arith.maximumf {{.*}} : vector<8xf32>
// CHECK:         math.exp {{.*}} : vector<8xf32>
// CHECK:         math.exp {{.*}} : vector<8xf32>
// CHECK:         vector.store %{{.*}}, %[[SUM]]
// CHECK:         vector.store %{{.*}}, %[[MAX]]
// CHECK:         arith.mulf {{.*}} : vector<8xf32>
// CHECK:         vector.store %{{.*}}, %[[OT]]
// O^T += V^T P^T: V elements broadcast, read from the operand.
// CHECK:       scf.for
// CHECK:         scf.for
// CHECK:           vector.load %[[OT]]
// CHECK:           scf.for {{.*}} iter_args(
// CHECK:             vector.load %[[ST]]
// CHECK:             memref.load %[[V]][%[[B]], %[[KVH]], %{{.*}}, %{{.*}}] : memref<1x2x100x32xf32>
// CHECK:             vector.fma
// CHECK:           vector.store %{{.*}}, %[[OT]]
// The output row: O^T / l, 0 where no key was seen.
// CHECK:     memref.load %[[SUM]]
// CHECK:     arith.divf
// CHECK:     memref.store %{{.*}}, %[[OUT]][%[[B]], %[[H]], %{{.*}}, %{{.*}}] : memref<1x4x100x32xf32>
// CHECK: %[[R:.*]] = bufferization.to_tensor %[[OUT]] restrict writable : memref<1x4x100x32xf32> to tensor<1x4x100x32xf32>
// CHECK: return %[[R]]

// With AVX-512 width and blocks of 40 (rounded up to 48) x 16: 16 lanes.
// WIDE-LABEL: func.func @rope_gqa_causal
// WIDE: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) in (1, 4, 3) {
// WIDE: memref.alloca() {alignment = 64 : i64} : memref<64x48xf32>
// WIDE: memref.alloca() {alignment = 64 : i64} : memref<16x48xf32>
// WIDE: vector.fma {{.*}} : vector<16xf32>
func.func @rope_gqa_causal(%q: tensor<1x4x100x64xf32>, %k: tensor<1x2x100x64xf32>, %v: tensor<1x2x100x32xf32>) -> tensor<1x4x100x32xf32> {
  %0 = kiln.attention %q, %k, %v {causal, rope = #kiln.rope<>} : (tensor<1x4x100x64xf32>, tensor<1x2x100x64xf32>, tensor<1x2x100x32xf32>) -> tensor<1x4x100x32xf32>
  return %0 : tensor<1x4x100x32xf32>
}

// -----

// bshd without RoPE: operands indexed (batch, seq, head, feature), K read
// directly (no stack buffer for rotated keys); explicit scale. Interleaved
// RoPE from f16 tables, partial rotary: pairs swapped with a shuffle, table
// halves duplicated into both lanes of a pair.

// CHECK-LABEL: func.func @bshd_scale
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]], %{{.*}}) in (2, 3, 1) {
// CHECK-COUNT-5: memref.alloca()
// CHECK-NOT: memref.alloca()
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: memref.load %{{.*}}[%[[B]], %{{.*}}, %[[H]], %{{.*}}] : memref<2x10x3x16xf32>
// CHECK: memref.load %{{.*}}[%[[B]], %{{.*}}, %[[H]], %{{.*}}] : memref<2x20x3x16xf32>
func.func @bshd_scale(%q: tensor<2x10x3x16xf32>, %k: tensor<2x20x3x16xf32>, %v: tensor<2x20x3x8xf32>) -> tensor<2x10x3x8xf32> {
  %0 = kiln.attention %q, %k, %v {layout = #kiln.sequence_layout<bshd>, scale = 5.000000e-01 : f64} : (tensor<2x10x3x16xf32>, tensor<2x20x3x16xf32>, tensor<2x20x3x8xf32>) -> tensor<2x10x3x8xf32>
  return %0 : tensor<2x10x3x8xf32>
}

// CHECK-LABEL: func.func @interleaved_tables
// CHECK-DAG: %[[COS:.*]] = bufferization.to_buffer %arg3 read_only : tensor<12x6xf16> to memref<12x6xf16>
// CHECK-DAG: %[[SIN:.*]] = bufferization.to_buffer %arg4 read_only : tensor<12x6xf16> to memref<12x6xf16>
// CHECK: scf.forall
// CHECK: %[[X:.*]] = vector.load %{{.*}} : memref<1x2x10x16xf32>, vector<8xf32>
// CHECK: %[[C:.*]] = vector.load %[[COS]][{{.*}}] : memref<12x6xf16>, vector<4xf16>
// CHECK: arith.extf %[[C]] : vector<4xf16> to vector<4xf32>
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 0, 1, 1, 2, 2, 3, 3] : vector<4xf32>, vector<4xf32>
// CHECK: vector.shuffle %[[X]], %[[X]] [1, 0, 3, 2, 5, 4, 7, 6] : vector<8xf32>, vector<8xf32>
// CHECK: arith.constant dense<[-1.000000e+00, 1.000000e+00, -1.000000e+00, 1.000000e+00, -1.000000e+00, 1.000000e+00, -1.000000e+00, 1.000000e+00]> : vector<8xf32>
// Features 8-11 in pairs, 12-15 copied.
// CHECK: vector.load %{{.*}} : memref<1x2x10x16xf32>, vector<2xf32>
// CHECK: vector.load %{{.*}} : memref<1x2x10x16xf32>, vector<1xf32>
func.func @interleaved_tables(%q: tensor<1x2x10x16xf32>, %k: tensor<1x2x10x16xf32>, %v: tensor<1x2x10x16xf32>, %cos: tensor<12x6xf16>, %sin: tensor<12x6xf16>) -> tensor<1x2x10x16xf32> {
  %0 = kiln.attention %q, %k, %v rope_tables(%cos, %sin) {rope = #kiln.rope<pairing = interleaved, rotary_dim = 12>} : (tensor<1x2x10x16xf32>, tensor<1x2x10x16xf32>, tensor<1x2x10x16xf32>, tensor<12x6xf16>, tensor<12x6xf16>) -> tensor<1x2x10x16xf32>
  return %0 : tensor<1x2x10x16xf32>
}

// -----

// What keeps the reference lowering of convert-kiln-to-linalg (kiln.attention
// itself only takes static shapes).

// CHECK-LABEL: func.func @unsupported
// CHECK-COUNT-4: kiln.attention
// CHECK-NOT: scf.forall
func.func @unsupported(%q: tensor<1x2x8x16xf16>, %qf: tensor<1x2x8x16xf32>, %m: tensor<8x8xf32>, %qb: tensor<1x1x2x1040xf32>, %qe: tensor<1x1x0x8xf32>) -> (tensor<1x2x8x16xf16>, tensor<1x2x8x16xf32>, tensor<1x1x2x1040xf32>, tensor<1x1x0x8xf32>) {
  // expected-remark @below {{attention keeps the reference lowering: element type is not f32}}
  %0 = kiln.attention %q, %q, %q : (tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16>) -> tensor<1x2x8x16xf16>
  // expected-remark @below {{attention keeps the reference lowering: an additive mask}}
  %1 = kiln.attention %qf, %qf, %qf mask(%m) : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<8x8xf32>) -> tensor<1x2x8x16xf32>
  // expected-remark @below {{attention keeps the reference lowering: a head size above 1024}}
  %3 = kiln.attention %qb, %qb, %qb : (tensor<1x1x2x1040xf32>, tensor<1x1x2x1040xf32>, tensor<1x1x2x1040xf32>) -> tensor<1x1x2x1040xf32>
  // expected-remark @below {{attention keeps the reference lowering: an empty dimension}}
  %4 = kiln.attention %qe, %qe, %qe : (tensor<1x1x0x8xf32>, tensor<1x1x0x8xf32>, tensor<1x1x0x8xf32>) -> tensor<1x1x0x8xf32>
  return %0, %1, %3, %4 : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf32>, tensor<1x1x2x1040xf32>, tensor<1x1x0x8xf32>
}
