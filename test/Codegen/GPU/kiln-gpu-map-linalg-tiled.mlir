// RUN: kiln-opt %s --split-input-file --kiln-gpu-map-linalg | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-gpu-map-linalg=tile-contractions=false | FileCheck %s --check-prefix=OFF
// RUN: kiln-opt %s --split-input-file --kiln-gpu-map-linalg=tensor-cores=true | FileCheck %s --check-prefix=MMA

// A matmul whose sizes are not multiples of the tile (M = 200, N = 300,
// K = 70), its fill fused, and an elementwise epilogue: one tiled kernel.
// 200 x 300 fills 35 blocks of 32 x 64 (the smallest tile, as the grid is
// smaller than the GPU): 256 threads, each 2 x 4 accumulators. A and B go
// through shared memory in slices of 8 (rows padded by 4), the next slice
// loaded into registers (one A and two B elements per thread) between the
// barriers; loads past M, N or K read zero; the 8 accumulators are loop
// results; stores are guarded, and the epilogue runs on the accumulators.

// CHECK-LABEL: func.func @matmul
// CHECK-NOT: linalg.
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[C7:.*]] = arith.constant 7 : index
// CHECK: %[[C256:.*]] = arith.constant 256 : index
// CHECK: gpu.launch blocks(%[[BX:[a-z0-9_]+]], %[[BY:[a-z0-9_]+]], %{{.*}}) in ({{.*}} = %[[C5]], {{.*}} = %[[C7]], {{.*}}) threads(%[[TID:[a-z0-9_]+]], %{{.*}}, %{{.*}}) in ({{.*}} = %[[C256]], {{.*}}) workgroup(%[[AS:[a-z0-9_]+]] : memref<8x36xf32, #gpu.address_space<workgroup>>, %[[BS:[a-z0-9_]+]] : memref<8x68xf32, #gpu.address_space<workgroup>>)
// CHECK: %[[TX:.*]] = arith.remui %[[TID]], %{{.*}} : index
// CHECK: %[[TY:.*]] = arith.divui %[[TID]], %{{.*}} : index
// Out-of-range rows of A read row 0, and zero is used instead.
// CHECK: %[[MOK:.*]] = arith.cmpi ult, %{{.*}}, %{{.*}} : index
// CHECK: %[[ROW:.*]] = arith.select %[[MOK]]
// CHECK: %[[A0:.*]] = memref.load %arg0[%[[ROW]], %{{.*}}] : memref<200x70xf32>
// CHECK: %[[AOK:.*]] = arith.andi %[[MOK]], %{{.*}} : i1
// CHECK: arith.select %[[AOK]], %[[A0]], %{{.*}} : f32
// CHECK: memref.load %arg1[{{.*}}] : memref<70x300xf32>
// CHECK: memref.load %arg1[{{.*}}] : memref<70x300xf32>
// CHECK: %[[C9:.*]] = arith.constant 9 : index
// CHECK: %[[ACCS:.*]]:11 = scf.for %{{.*}} = %{{.*}} to %[[C9]] step %{{.*}} iter_args(%{{.*}} = %[[ZERO]], {{.*}}) -> (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32) {
// CHECK:   memref.store %{{.*}}, %[[AS]][%{{.*}}, %{{.*}}] : memref<8x36xf32, #gpu.address_space<workgroup>>
// CHECK:   memref.store %{{.*}}, %[[BS]][%{{.*}}, %{{.*}}] : memref<8x68xf32, #gpu.address_space<workgroup>>
// CHECK:   gpu.barrier
// CHECK:   memref.load %arg0
// CHECK:   memref.load %[[AS]][%{{.*}}, %[[TY]]] : memref<8x36xf32, #gpu.address_space<workgroup>>
// CHECK:   memref.load %[[BS]][%{{.*}}, %[[TX]]] : memref<8x68xf32, #gpu.address_space<workgroup>>
// CHECK-COUNT-64: math.fma
// CHECK-NOT: math.fma
// CHECK:   gpu.barrier
// CHECK:   scf.yield
// CHECK: }
// CHECK: arith.cmpi ult, %{{.*}}, %{{.*}} : index
// CHECK: %[[IN:.*]] = arith.andi %{{.*}}, %{{.*}} : i1
// CHECK: scf.if %[[IN]] {
// CHECK:   %[[EXP:.*]] = math.exp %[[ACCS]]#0 : f32
// CHECK:   memref.store %[[ACCS]]#0, %arg2[%{{.*}}, %{{.*}}] : memref<200x300xf32>
// CHECK:   memref.store %[[EXP]], %arg3[%{{.*}}, %{{.*}}] : memref<200x300xf32>
// CHECK: }
// CHECK-COUNT-7: math.exp
// CHECK: } {kiln.kernel_kind = "tiled_epilogue"}
// CHECK-NOT: gpu.launch

// OFF-LABEL: func.func @matmul
// OFF-NOT: workgroup
// OFF-NOT: gpu.barrier
// OFF: {kiln.kernel_kind = "map_epilogue"}
func.func @matmul(%a: memref<200x70xf32>, %b: memref<70x300xf32>, %c: memref<200x300xf32>, %d: memref<200x300xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<200x300xf32>)
  linalg.matmul ins(%a, %b : memref<200x70xf32>, memref<70x300xf32>) outs(%c : memref<200x300xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<200x300xf32>) outs(%d : memref<200x300xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = math.exp %x : f32
    linalg.yield %e : f32
  }
  return
}

// -----

// A convolution as implicit GEMM (M = F = 64, N = 32*28*28, K = 32*3*3),
// stride 2 on a padded input, accumulating into its output's contents (a
// copy of %r, no fill): the filter is A (consecutive threads load
// consecutive K), the image B, read at (oh * 2 + kh, ow * 2 + kw) through
// the op's indexing map; a residual add + ReLU after it is the epilogue.
// 64 x 128 tiles: 4 x 8 accumulators per thread, each starting at zero and
// added to the old output at the end; the convolution's own result is
// stored too, as its buffer has another user (the copy).

// CHECK-LABEL: func.func @conv
// CHECK: gpu.launch blocks({{.*}}) in ({{.*}} = %{{.*}}, {{.*}}) threads({{.*}}) workgroup(%[[AS:[a-z0-9_]+]] : memref<8x68xf32, #gpu.address_space<workgroup>>, %[[BS:[a-z0-9_]+]] : memref<8x132xf32, #gpu.address_space<workgroup>>)
// CHECK: memref.load %arg1[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<64x32x3x3xf32>
// CHECK: affine.apply #{{.*}}(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}})
// CHECK: memref.load %arg0[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<32x32x57x57xf32>
// 32 accumulators, 2 + 4 prefetched elements:
// CHECK: scf.for {{.*}} -> ({{(f32, ){37}f32}}) {
// CHECK: gpu.barrier
// CHECK: gpu.barrier
// CHECK: }
// No guards: 64 and 25088 are multiples of the tile.
// CHECK-NOT: scf.if
// CHECK: %[[OLD:.*]] = memref.load %[[T:alloc[a-z0-9_]*]][{{.*}}] : memref<32x64x28x28xf32>
// CHECK: %[[SUM:.*]] = arith.addf %[[OLD]], %{{.*}} : f32
// CHECK: %[[RES:.*]] = memref.load %arg3[{{.*}}] : memref<32x64x28x28xf32>
// CHECK: %[[ADD:.*]] = arith.addf %[[SUM]], %[[RES]] : f32
// CHECK: %[[RELU:.*]] = arith.maximumf %[[ADD]], %{{.*}} : f32
// CHECK: memref.store %[[SUM]], %[[T]][{{.*}}] : memref<32x64x28x28xf32>
// CHECK: memref.store %[[RELU]], %arg4[{{.*}}] : memref<32x64x28x28xf32>
// CHECK: {kiln.kernel_kind = "tiled_epilogue"}
func.func @conv(%x: memref<32x32x57x57xf32>, %w: memref<64x32x3x3xf32>, %r: memref<32x64x28x28xf32>, %res: memref<32x64x28x28xf32>, %y: memref<32x64x28x28xf32>) {
  %zero = arith.constant 0.0 : f32
  %t = memref.alloc() : memref<32x64x28x28xf32>
  linalg.copy ins(%r : memref<32x64x28x28xf32>) outs(%t : memref<32x64x28x28xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : memref<32x32x57x57xf32>, memref<64x32x3x3xf32>) outs(%t : memref<32x64x28x28xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%t, %res : memref<32x64x28x28xf32>, memref<32x64x28x28xf32>) outs(%y : memref<32x64x28x28xf32>) {
  ^bb0(%in: f32, %in2: f32, %out: f32):
    %s = arith.addf %in, %in2 : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A grouped convolution (conv_2d_ngchw_gfchw, as kiln-to-linalg emits for
// 1 < groups < channels): the group is a batch dimension, blockIdx.z.

// CHECK-LABEL: func.func @grouped
// CHECK: %[[GROUPS:.*]] = arith.constant 4 : index
// CHECK: gpu.launch blocks(%{{.*}}, %{{.*}}, %[[BZ:[a-z0-9_]+]]) in ({{.*}}, {{.*}}, {{.*}} = %[[GROUPS]]) threads({{.*}}) workgroup(
// CHECK: memref.load %arg1[%[[BZ]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<4x32x16x3x3xf32>
// CHECK: {kiln.kernel_kind = "tiled"}
func.func @grouped(%x: memref<1x4x16x30x30xf32>, %w: memref<4x32x16x3x3xf32>, %y: memref<1x4x32x28x28xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<1x4x32x28x28xf32>)
  linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : memref<1x4x16x30x30xf32>, memref<4x32x16x3x3xf32>) outs(%y : memref<1x4x32x28x28xf32>)
  return
}

// -----

// What stays one thread per point: a depthwise convolution (the channel
// indexes every operand: no M dimension), a matrix-vector product (M = 1),
// an integer matmul, a matmul with too few columns, and a max-plus
// "matmul" (not a multiply-accumulate).

// CHECK-LABEL: func.func @untiled
// CHECK-NOT: workgroup
// CHECK-NOT: gpu.barrier
// CHECK-NOT: tiled
// CHECK: return
func.func @untiled(%x: memref<1x64x30x30xf32>, %w: memref<64x3x3xf32>, %y: memref<1x64x28x28xf32>,
                   %m: memref<256x256xf32>, %v: memref<256xf32>, %mv: memref<256xf32>,
                   %i: memref<64x64xi32>, %io: memref<64x64xi32>,
                   %t: memref<256x16xf32>, %to: memref<256x16xf32>, %mo: memref<256x256xf32>) {
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : memref<1x64x30x30xf32>, memref<64x3x3xf32>) outs(%y : memref<1x64x28x28xf32>)
  linalg.matvec ins(%m, %v : memref<256x256xf32>, memref<256xf32>) outs(%mv : memref<256xf32>)
  linalg.matmul ins(%i, %i : memref<64x64xi32>, memref<64x64xi32>) outs(%io : memref<64x64xi32>)
  linalg.matmul ins(%m, %t : memref<256x256xf32>, memref<256x16xf32>) outs(%to : memref<256x16xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%m, %m : memref<256x256xf32>, memref<256x256xf32>) outs(%mo : memref<256x256xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    %r = arith.maximumf %o, %s : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A linalg.generic matmul with B transposed (C[m, n] += A[m, k] * B[n, k]),
// bf16 inputs widened to f32 in the body: matched by its indexing maps; B's
// innermost index is K, so consecutive threads load consecutive K of B too.

// CHECK-LABEL: func.func @generic_transposed
// CHECK: workgroup(%{{.*}} : memref<8x132xbf16, #gpu.address_space<workgroup>>, %{{.*}} : memref<8x132xbf16, #gpu.address_space<workgroup>>)
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: {kiln.kernel_kind = "tiled"}
func.func @generic_transposed(%a: memref<2048x64xbf16>, %b: memref<2048x64xbf16>, %c: memref<2048x2048xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<2048x64xbf16>, memref<2048x64xbf16>) outs(%c : memref<2048x2048xf32>) {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A bf16 matmul into f32 with its truncation to bf16 as epilogue (what
// kiln-to-linalg emits for kiln.matmul on bf16). By default the SIMT tile
// (bf16 in shared memory, widened in the FMA); with tensor-cores=true, 8
// warps of mma.sync m16n8k16 on 128 x 128 tiles: A and B staged as 32-bit
// words of two consecutive K (the even one in the low half; B transposed),
// 4 x 4 fragments per warp and k16 step (32 mma.sync per K slice of 32), K
// = 80 guarded (the last slice reads zeros past K), the 64 accumulators
// truncated to bf16 and stored.

// CHECK-LABEL: func.func @bf16_matmul
// CHECK: workgroup(%{{.*}} : memref<8x132xbf16, #gpu.address_space<workgroup>>, %{{.*}} : memref<8x132xbf16, #gpu.address_space<workgroup>>)
// CHECK-NOT: nvvm.mma.sync
// CHECK: {kiln.kernel_kind = "tiled_epilogue"}

// MMA-LABEL: func.func @bf16_matmul
// MMA: gpu.launch blocks({{.*}}) in (%{{.*}} = %c16, %{{.*}} = %c16{{(_[0-9]+)?}}, {{.*}}) threads({{.*}}) workgroup(%[[AS:[a-z0-9_]+]] : memref<128x20xi32, #gpu.address_space<workgroup>>, %[[BS:[a-z0-9_]+]] : memref<128x20xi32, #gpu.address_space<workgroup>>)
// MMA: %[[LO:.*]] = arith.bitcast %{{.*}} : bf16 to i16
// MMA: %[[HI:.*]] = arith.bitcast %{{.*}} : bf16 to i16
// MMA: %[[SHIFTED:.*]] = arith.shli %{{.*}}, %{{.*}} : i32
// MMA: arith.ori %{{.*}}, %[[SHIFTED]] : i32
// MMA: %[[C3:.*]] = arith.constant 3 : index
// MMA: scf.for %{{.*}} = %{{.*}} to %[[C3]] step %{{.*}} iter_args({{.*}}) -> ({{(f32, ){64}(i32, ){15}i32}}) {
// MMA:   memref.store %{{.*}}, %[[AS]][%{{.*}}, %{{.*}}] : memref<128x20xi32, #gpu.address_space<workgroup>>
// MMA:   memref.store %{{.*}}, %[[BS]][%{{.*}}, %{{.*}}] : memref<128x20xi32, #gpu.address_space<workgroup>>
// MMA:   gpu.barrier
// MMA:   memref.load %[[AS]]
// MMA:   nvvm.mma.sync A[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}]  B[%{{.*}}, %{{.*}}]  C[%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}]  {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// MMA-COUNT-31: nvvm.mma.sync
// MMA-NOT: nvvm.mma.sync
// MMA:   gpu.barrier
// MMA:   scf.yield
// MMA: %[[T:.*]] = arith.truncf %{{.*}} : f32 to bf16
// MMA: memref.store %[[T]], %arg3[%{{.*}}, %{{.*}}] : memref<2048x2048xbf16>
// MMA: {kiln.kernel_kind = "mma_epilogue"}
func.func @bf16_matmul(%a: memref<2048x80xbf16>, %b: memref<80x2048xbf16>, %c: memref<2048x2048xf32>, %y: memref<2048x2048xbf16>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<2048x2048xf32>)
  linalg.matmul ins(%a, %b : memref<2048x80xbf16>, memref<80x2048xbf16>) outs(%c : memref<2048x2048xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c : memref<2048x2048xf32>) outs(%y : memref<2048x2048xbf16>) {
  ^bb0(%in: f32, %out: bf16):
    %t = arith.truncf %in : f32 to bf16
    linalg.yield %t : bf16
  }
  return
}
