// RUN: kiln-opt %s --split-input-file --kiln-gpu-flash-attention=remarks=true --verify-diagnostics | FileCheck %s
// RUN: not kiln-opt %s --split-input-file --kiln-gpu-flash-attention=warps=6 2>&1 | FileCheck %s --check-prefix=WARPS
// WARPS: error: kiln-gpu-flash-attention: warps must be 4 or 8, not 6

// Causal grouped-query attention with RoPE in bf16: a rope_table kernel
// fills the packed f16 (cos, sin) table, then one flash kernel (4 warps for
// 64 query rows; grid: query blocks x heads x batch) stages K
// and V tiles in shared memory (rows padded to D + 8), reads them with
// ldmatrix and multiplies on the tensor cores, with the online softmax in
// exp2.

// CHECK-LABEL: func.func @rope_gqa
// CHECK-DAG: %[[Q:.*]] = bufferization.to_buffer %arg0 read_only : tensor<1x2x100x64xbf16> to memref<1x2x100x64xbf16>
// CHECK-DAG: %[[K:.*]] = bufferization.to_buffer %arg1 read_only
// CHECK-DAG: %[[V:.*]] = bufferization.to_buffer %arg2 read_only
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<1x2x100x64xbf16>
// CHECK: %[[TABLE:.*]] = memref.alloc() : memref<100x64xf16>
// CHECK: gpu.launch
// CHECK:   math.cos
// CHECK:   math.sin
// CHECK:   vector.store %{{.*}}, %[[TABLE]]{{.*}} : memref<100x64xf16>, vector<2xf16>
// CHECK: } {kiln.kernel_kind = "rope_table"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c2{{.*}}, %{{.*}} = %c2{{.*}}, %{{.*}} = %c1{{.*}}) threads({{.*}}) in (%{{.*}} = %c128{{.*}}, {{.*}}) workgroup(%[[KT:.*]] : memref<64x72xbf16, 3>, %[[VT:.*]] : memref<64x72xbf16, 3>)
// Q rows are read once, rotated with the table rows of their positions.
// CHECK:   vector.load %[[Q]]{{.*}} : memref<1x2x100x64xbf16>, vector<2xbf16>
// CHECK:   vector.load %[[TABLE]]{{.*}} vector<4xf16>
// CHECK:   scf.for {{.*}} iter_args(
// CHECK:     gpu.barrier
// K is rotated as it is copied into shared memory; keys past 100 are zeros.
// CHECK:     vector.load %[[K]]{{.*}} {alignment = 16 : i64} : memref<1x1x100x64xbf16>, vector<8xbf16>
// CHECK:     vector.load %[[TABLE]]{{.*}} vector<16xf16>
// CHECK:     vector.store %{{.*}}, %[[KT]]{{.*}} {alignment = 16 : i64} : memref<64x72xbf16, 3>, vector<8xbf16>
// CHECK:     vector.load %[[V]]
// CHECK:     vector.store %{{.*}}, %[[VT]]
// CHECK:     gpu.barrier
// CHECK:     nvgpu.ldmatrix %[[KT]][{{.*}}] {numTiles = 4 : i32, transpose = false}
// CHECK:     nvvm.mma.sync A[{{.*}}] B[{{.*}}] C[{{.*}}] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// The causal mask only where a tile reaches the diagonal or the end.
// CHECK:     scf.if
// CHECK:       arith.select {{.*}}, %cst{{.*}}, %{{.*}} : f32
// CHECK:     gpu.shuffle  xor
// CHECK:     math.exp2
// CHECK:     nvgpu.ldmatrix %[[VT]][{{.*}}] {numTiles = 4 : i32, transpose = true}
// CHECK:     nvvm.mma.sync
// CHECK:     scf.yield
// CHECK:   gpu.shuffle  xor
// CHECK:   scf.if
// CHECK:     vector.store %{{.*}}, %[[OUT]]{{.*}} : memref<1x2x100x64xbf16>, vector<2xbf16>
// CHECK: } {kiln.kernel_kind = "flash_attention"}
// CHECK: %[[R:.*]] = bufferization.to_tensor %[[OUT]] restrict writable
// CHECK: return %[[R]]
func.func @rope_gqa(%q: tensor<1x2x100x64xbf16>, %k: tensor<1x1x100x64xbf16>, %v: tensor<1x1x100x64xbf16>) -> tensor<1x2x100x64xbf16> {
  %y = kiln.attention %q, %k, %v {causal, rope = #kiln.rope<>} : (tensor<1x2x100x64xbf16>, tensor<1x1x100x64xbf16>, tensor<1x1x100x64xbf16>) -> tensor<1x2x100x64xbf16>
  return %y : tensor<1x2x100x64xbf16>
}

// -----

// f16 without RoPE and without the causal mask, keys a multiple of the tile:
// no table, no mask, K copied as it is; f16 operands are vector<2xf16>.

// CHECK-LABEL: func.func @plain_f16
// CHECK-NOT: rope_table
// CHECK: threads({{.*}}) in (%{{.*}} = %c128{{.*}}, {{.*}}) workgroup(%{{.*}} : memref<64x136xf16, 3>, %{{.*}} : memref<64x72xf16, 3>)
// CHECK-NOT: math.cos
// CHECK: nvvm.mma.sync {{.*}} : (vector<2xf16>, vector<2xf16>, f32)
// CHECK-NOT: arith.select {{.*}}0xFF800000
// CHECK: kiln.kernel_kind = "flash_attention"
func.func @plain_f16(%q: tensor<2x3x128x128xf16>, %k: tensor<2x3x128x128xf16>, %v: tensor<2x3x128x64xf16>) -> tensor<2x3x128x64xf16> {
  %y = kiln.attention %q, %k, %v : (tensor<2x3x128x128xf16>, tensor<2x3x128x128xf16>, tensor<2x3x128x64xf16>) -> tensor<2x3x128x64xf16>
  return %y : tensor<2x3x128x64xf16>
}

// -----

// What the flash kernel does not take keeps the unfused lowering.

// CHECK-LABEL: func.func @unsupported
// CHECK-NOT: gpu.launch
// CHECK: kiln.attention
// CHECK: kiln.attention
// CHECK: kiln.attention
// CHECK: kiln.attention
// CHECK: kiln.attention
func.func @unsupported(%q32: tensor<1x1x8x16xf32>, %q: tensor<1x1x8x16xbf16>, %m: tensor<1x1x8x8xbf16>, %q256: tensor<1x1x8x256xbf16>, %q24: tensor<1x1x8x24xbf16>) -> (tensor<1x1x8x16xf32>, tensor<1x1x8x16xbf16>, tensor<1x1x8x256xbf16>, tensor<1x1x8x24xbf16>, tensor<1x1x8x16xbf16>) {
  // expected-remark @below {{attention keeps the unfused lowering: element type is not bf16 or f16}}
  %0 = kiln.attention %q32, %q32, %q32 : (tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x1x8x16xf32>
  // expected-remark @below {{attention keeps the unfused lowering: an additive mask}}
  %1 = kiln.attention %q, %q, %q mask(%m) : (tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16>, tensor<1x1x8x8xbf16>) -> tensor<1x1x8x16xbf16>
  // expected-remark @below {{attention keeps the unfused lowering: head sizes must be multiples of 16 up to 128}}
  %2 = kiln.attention %q256, %q256, %q256 : (tensor<1x1x8x256xbf16>, tensor<1x1x8x256xbf16>, tensor<1x1x8x256xbf16>) -> tensor<1x1x8x256xbf16>
  // expected-remark @below {{attention keeps the unfused lowering: head sizes must be multiples of 16 up to 128}}
  %3 = kiln.attention %q24, %q24, %q24 : (tensor<1x1x8x24xbf16>, tensor<1x1x8x24xbf16>, tensor<1x1x8x24xbf16>) -> tensor<1x1x8x24xbf16>
  // expected-remark @below {{attention keeps the unfused lowering: rotary_dim must be a multiple of 16}}
  %4 = kiln.attention %q, %q, %q {rope = #kiln.rope<rotary_dim = 8>} : (tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16>, tensor<1x1x8x16xbf16>) -> tensor<1x1x8x16xbf16>
  return %0, %1, %2, %3, %4 : tensor<1x1x8x16xf32>, tensor<1x1x8x16xbf16>, tensor<1x1x8x256xbf16>, tensor<1x1x8x24xbf16>, tensor<1x1x8x16xbf16>
}
