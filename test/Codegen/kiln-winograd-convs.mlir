// RUN: kiln-opt %s --split-input-file --kiln-winograd-convs="min-multiply-adds=0" | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-winograd-convs="vector-bits=256 min-channels=16 min-multiply-adds=0" | FileCheck %s --check-prefix=AVX2
// RUN: kiln-opt %s --split-input-file --kiln-winograd-convs="remarks=true" 2>&1 | FileCheck %s --check-prefix=WORK
// RUN: not kiln-opt %s --split-input-file --kiln-winograd-convs="vector-bits=96" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not kiln-opt %s --split-input-file --kiln-winograd-convs="min-channels=0" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not kiln-opt %s --split-input-file --kiln-winograd-convs="large-blocks-min-pixels=-1" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not kiln-opt %s --split-input-file --kiln-winograd-convs="min-multiply-adds=-1" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: kiln-winograd-convs: vector-bits must be a positive multiple of 64, min-channels at least 1, min-multiply-adds and large-blocks-min-pixels at least 0

// A 3x3 convolution with a bias and a ReLU, 64 -> 64 channels on 6x8 (3 x 4
// blocks of 2x2 outputs): the filter becomes the 16 transformed matrices in
// panels of 32 output channels, the input is transposed to channels last,
// the input transform reads its 16 vectors per block (zero where the block
// reaches past the image: the padding) and writes [16, 12 blocks, 64] (one forall
// iteration per block), the 16 products are one linalg.contract into
// [16, 12, 2 panels, 32] from a zero fill, and the output transform (one
// iteration per block row, chunk of 8 blocks and panel) writes the NCHW
// result with the bias and the ReLU, which is gone. With 256-bit vectors the
// panels are of 16 channels. With the default min-multiply-adds (2^22) this
// small convolution (9 x 48 x 64 x 64 multiply-adds) is left alone.
// WORK-DAG: remark: convolution not computed by Winograd: fewer multiply-adds than min-multiply-adds
// WORK-DAG: remark: convolution not computed by Winograd: transformed filter over 64 MiB
// WORK-LABEL: func @relu
// WORK: kiln.conv2d
// CHECK-LABEL: func @relu
// CHECK-DAG: %[[U:.*]] = arith.constant {{.*}} : tensor<16x2x64x32xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%{{.*}} : tensor<1x64x6x8xf32>) outs(%{{.*}} : tensor<1x6x8x64xf32>) permutation = [0, 2, 3, 1] {kiln.kernel = "winograd_transpose_64x64x6x8"}
// CHECK: bufferization.to_buffer %[[T]] read_only : tensor<1x6x8x64xf32>
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<16x12x64xf32>
// CHECK: scf.forall ({{.*}}) in (1, 3, 4)
// CHECK-COUNT-16: arith.select
// CHECK-COUNT-16: vector.transfer_write
// CHECK: kiln.kernel = "winograd_input_64x64x6x8"
// CHECK: %[[V:.*]] = bufferization.to_tensor {{.*}} restrict writable : memref<16x12x64xf32>
// CHECK: %[[Z:.*]] = linalg.fill {{.*}} -> tensor<16x12x2x32xf32>
// CHECK: %[[M:.*]] = linalg.contract indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] {kiln.kernel = "winograd_products_64x64x6x8"} ins(%[[V]], %[[U]] : tensor<16x12x64xf32>, tensor<16x2x64x32xf32>) outs(%[[Z]] : tensor<16x12x2x32xf32>)
// CHECK: bufferization.to_buffer %[[M]] read_only
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<1x64x6x8xf32>
// CHECK: scf.forall ({{.*}}) in (1, 3, 1, 2)
// CHECK: arith.maximumf
// CHECK: vector.transpose {{.*}} [1, 0] : vector<16x16xf32> to vector<16x16xf32>
// CHECK: kiln.kernel = "winograd_output_64x64x6x8"
// CHECK: %[[Y:.*]] = bufferization.to_tensor {{.*}} : memref<1x64x6x8xf32>
// CHECK-NOT: kiln.relu
// CHECK-NOT: kiln.conv2d
// CHECK: return %[[Y]]
// AVX2-LABEL: func @relu
// AVX2: arith.constant {{.*}} : tensor<16x4x64x16xf32>
// AVX2: vector.transpose {{.*}} [1, 0] : vector<16x8xf32> to vector<8x16xf32>
func.func @relu(%x: tensor<1x64x6x8xf32>) -> tensor<1x64x6x8xf32> {
  %w = kiln.constant dense<0.125> : tensor<64x64x3x3xf32>
  %b = kiln.constant dense<0.5> : tensor<64xf32>
  %c = kiln.conv2d %x, %w, %b {padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x64x6x8xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x6x8xf32>
  %r = kiln.relu %c : tensor<1x64x6x8xf32>
  return %r : tensor<1x64x6x8xf32>
}

// -----

// RUN: kiln-opt %s --split-input-file --kiln-winograd-convs="remarks=true min-multiply-adds=0" 2>&1 | FileCheck %s --check-prefix=WHY
// WHY-DAG: remark: convolution not computed by Winograd: not a 3x3 convolution with unit strides and dilations, padded by 0 or 1, without groups
// WHY-DAG: remark: convolution not computed by Winograd: fewer channels than min-channels
// WHY-DAG: remark: convolution not computed by Winograd: input channels not whole vectors, or output channels not whole panels of two vectors
// WHY-DAG: remark: convolution not computed by Winograd: filter not constant
// Left alone: strided, padded by 2, 16 input channels (under
// the default min-channels of 32; taken with min-channels=16), output
// channels that are not whole panels (48 with 512-bit vectors; taken with
// 256-bit ones, 3 panels of 16), a filter that is not constant, grouped.
// CHECK-LABEL: func @left_alone
// CHECK-COUNT-6: kiln.conv2d
// CHECK-NOT: linalg.contract
// AVX2-LABEL: func @left_alone
// AVX2: kiln.conv2d {{.*}} -> tensor<1x64x4x4xf32>
// AVX2: kiln.conv2d {{.*}} -> tensor<1x64x10x10xf32>
// AVX2: linalg.contract {{.*}} -> tensor<16x16x4x16xf32>
// AVX2: linalg.contract {{.*}} -> tensor<16x16x3x16xf32>
// AVX2: kiln.conv2d {{.*}} -> tensor<1x64x8x8xf32>
// AVX2: kiln.conv2d {{.*}}groups = 2{{.*}} -> tensor<1x64x8x8xf32>
// AVX2-NOT: kiln.conv2d
func.func @left_alone(%x: tensor<1x64x8x8xf32>, %s: tensor<1x16x8x8xf32>, %wv: tensor<64x64x3x3xf32>)
    -> (tensor<1x64x4x4xf32>, tensor<1x64x10x10xf32>, tensor<1x64x8x8xf32>,
        tensor<1x48x8x8xf32>, tensor<1x64x8x8xf32>, tensor<1x64x8x8xf32>) {
  %w = kiln.constant dense<0.125> : tensor<64x64x3x3xf32>
  %ws = kiln.constant dense<0.125> : tensor<64x16x3x3xf32>
  %w48 = kiln.constant dense<0.125> : tensor<48x64x3x3xf32>
  %wg = kiln.constant dense<0.125> : tensor<64x32x3x3xf32>
  %a = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
      : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x4x4xf32>
  %b = kiln.conv2d %x, %w {padding = array<i64: 2, 2, 2, 2>}
      : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x10x10xf32>
  %d = kiln.conv2d %s, %ws {padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x16x8x8xf32>, tensor<64x16x3x3xf32>) -> tensor<1x64x8x8xf32>
  %e = kiln.conv2d %x, %w48 {padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x64x8x8xf32>, tensor<48x64x3x3xf32>) -> tensor<1x48x8x8xf32>
  %f = kiln.conv2d %x, %wv {padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x8x8xf32>
  %g = kiln.conv2d %x, %wg {groups = 2 : i64, padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x64x8x8xf32>, tensor<64x32x3x3xf32>) -> tensor<1x64x8x8xf32>
  return %a, %b, %d, %e, %f, %g : tensor<1x64x4x4xf32>, tensor<1x64x10x10xf32>,
      tensor<1x64x8x8xf32>, tensor<1x48x8x8xf32>, tensor<1x64x8x8xf32>, tensor<1x64x8x8xf32>
}

// -----

// Without padding (Inception-v3's 3x3 layers), or padded on some sides only:
// the input blocks start at the image's corner (rows 2 i + r, not 2 i + r - 1);
// the channels-last input keeps the input's size.
// CHECK-LABEL: func @unpadded
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x64x8x10xf32>) outs(%{{.*}} : tensor<1x8x10x64xf32>)
// CHECK: kiln.kernel = "winograd_input_64x64x6x8"
// CHECK: linalg.contract {{.*}} -> tensor<16x12x2x32xf32>
// CHECK: kiln.kernel = "winograd_output_64x64x6x8"
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x64x8x10xf32>) outs(%{{.*}} : tensor<1x8x10x64xf32>)
// CHECK: kiln.kernel = "winograd_output_64x64x6x10"
// CHECK-NOT: kiln.conv2d
func.func @unpadded(%x: tensor<1x64x8x10xf32>) -> (tensor<1x64x6x8xf32>, tensor<1x64x6x10xf32>) {
  %w = kiln.constant dense<0.125> : tensor<64x64x3x3xf32>
  %a = kiln.conv2d %x, %w : (tensor<1x64x8x10xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x6x8xf32>
  %b = kiln.conv2d %x, %w {padding = array<i64: 0, 1, 0, 1>}
      : (tensor<1x64x8x10xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x6x10xf32>
  return %a, %b : tensor<1x64x6x8xf32>, tensor<1x64x6x10xf32>
}

// -----

// F(4x4, 3x3) where the output rows and columns are multiples of 4 and the
// image has at least large-blocks-min-pixels pixels (784 by default: this
// 8x8 one gets F(2x2, 3x3) unless the option is lowered): 36 matrices, 6x6
// input blocks (the input transform reads 36 vectors per block and channel
// vector), 4 blocks of 4x4 outputs, 4 output rows per block row; 0 never
// uses it.
// RUN: kiln-opt %s --split-input-file --kiln-winograd-convs="large-blocks-min-pixels=64 min-multiply-adds=0" | FileCheck %s --check-prefix=LARGE
// RUN: kiln-opt %s --split-input-file --kiln-winograd-convs="large-blocks-min-pixels=0 min-multiply-adds=0" | FileCheck %s --check-prefix=SMALL
// CHECK-LABEL: func @large_blocks
// CHECK: arith.constant {{.*}} : tensor<16x2x64x32xf32>
// CHECK: linalg.contract {{.*}} -> tensor<16x16x2x32xf32>
// LARGE-LABEL: func @large_blocks
// LARGE-DAG: arith.constant {{.*}} : tensor<36x2x64x32xf32>
// LARGE: scf.forall ({{.*}}) in (1, 2, 2)
// LARGE-COUNT-36: vector.transfer_read
// LARGE-COUNT-36: vector.transfer_write
// LARGE: kiln.kernel = "winograd_input_64x64x8x8"
// LARGE: linalg.contract {{.*}} -> tensor<36x4x2x32xf32>
// LARGE: scf.forall ({{.*}}) in (1, 2, 1, 2)
// LARGE: kiln.kernel = "winograd_output_64x64x8x8"
// SMALL-LABEL: func @large_blocks
// SMALL: linalg.contract {{.*}} -> tensor<16x16x2x32xf32>
func.func @large_blocks(%x: tensor<1x64x8x8xf32>) -> tensor<1x64x8x8xf32> {
  %w = kiln.constant dense<0.125> : tensor<64x64x3x3xf32>
  %c = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x8x8xf32>
  return %c : tensor<1x64x8x8xf32>
}

// -----

// Odd output sizes, 7x9: 4 x 5 blocks, the last row and column of blocks
// reading zeros past the image; the output transform writes
// the second row of a block row only while it lies in the image (row 7 of
// the last block row does not), and its columns masked at 9.
// CHECK-LABEL: func @odd
// CHECK: memref<16x20x64xf32>
// CHECK: linalg.contract {{.*}} -> tensor<16x20x2x32xf32>
// CHECK: scf.forall ({{.*}}) in (1, 4, 1, 2)
// CHECK: %[[INSIDE:.*]] = arith.cmpi ult, %{{.*}}, %c7{{(_[0-9]+)?}} : index
// CHECK-NEXT: scf.if %[[INSIDE]]
// CHECK-COUNT-16: vector.transfer_write {{.*}} : vector<16xf32>, memref<1x64x7x9xf32>
// CHECK: kiln.kernel = "winograd_output_64x64x7x9"
func.func @odd(%x: tensor<1x64x7x9xf32>) -> tensor<1x64x7x9xf32> {
  %w = kiln.constant dense<0.125> : tensor<64x64x3x3xf32>
  %c = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x64x7x9xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x7x9xf32>
  return %c : tensor<1x64x7x9xf32>
}

// -----

// A transformed filter over 64 MiB is left alone: 1024 -> 1088 channels
// would need 16 x 1088 x 1024 floats (68 MiB); its remark is checked
// with the first function's.
// WORK-LABEL: func @large_filter
// WORK: kiln.conv2d {{.*}} -> tensor<1x1088x8x8xf32>
// CHECK-LABEL: func @large_filter
// CHECK: kiln.conv2d {{.*}} -> tensor<1x1088x8x8xf32>
// AVX2-LABEL: func @large_filter
// AVX2: kiln.conv2d {{.*}} -> tensor<1x1088x8x8xf32>
func.func @large_filter(%x: tensor<1x1024x8x8xf32>) -> tensor<1x1088x8x8xf32> {
  %w = kiln.constant dense<0.125> : tensor<1088x1024x3x3xf32>
  %c = kiln.conv2d %x, %w {padding = array<i64: 1, 1, 1, 1>}
      : (tensor<1x1024x8x8xf32>, tensor<1088x1024x3x3xf32>) -> tensor<1x1088x8x8xf32>
  return %c : tensor<1x1088x8x8xf32>
}
