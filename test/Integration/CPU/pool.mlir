// Pooling and reductions through the kiln lowering (pooling_nchw_max/sum
// after tensor.pad, linalg.reduce), with sizes small enough to run serially
// and large enough for thread tiles; rows and columns reduced. Compared with
// numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/pool.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @pools {
  func.func @main(%x: tensor<1x3x11x13xf32> {kiln.name = "x"}, %y: tensor<2x24x30x31xf32> {kiln.name = "y"}, %r: tensor<3x4x5x6xf32> {kiln.name = "r"}, %s: tensor<64x1000xf32> {kiln.name = "s"})
      -> (tensor<1x3x6x7xf32> {kiln.name = "maxpool"}, tensor<2x24x15x16xf32> {kiln.name = "maxpool_big"}, tensor<2x24x15x16xf32> {kiln.name = "avgpool_big"}, tensor<2x24x1x1xf32> {kiln.name = "gap"}, tensor<4x6xf32> {kiln.name = "rsum"}, tensor<3x1x5x1xf32> {kiln.name = "rmean"}, tensor<64x1xf32> {kiln.name = "rowmax"}, tensor<1x1000xf32> {kiln.name = "colsum"}) {
    %0 = kiln.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x3x11x13xf32>) -> tensor<1x3x6x7xf32>
    %1 = kiln.max_pool2d %y {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<2x24x30x31xf32>) -> tensor<2x24x15x16xf32>
    %2 = kiln.avg_pool2d %y {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<2x24x30x31xf32>) -> tensor<2x24x15x16xf32>
    %3 = kiln.global_avg_pool %y : (tensor<2x24x30x31xf32>) -> tensor<2x24x1x1xf32>
    %4 = kiln.reduce_sum %r {axes = array<i64: -2, 0>, keep_dims = false} : (tensor<3x4x5x6xf32>) -> tensor<4x6xf32>
    %5 = kiln.reduce_mean %r {axes = array<i64: -1, 1>} : (tensor<3x4x5x6xf32>) -> tensor<3x1x5x1xf32>
    %6 = kiln.reduce_max %s {axes = array<i64: 1>} : (tensor<64x1000xf32>) -> tensor<64x1xf32>
    %7 = kiln.reduce_sum %s {axes = array<i64: 0>} : (tensor<64x1000xf32>) -> tensor<1x1000xf32>
    return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<1x3x6x7xf32>, tensor<2x24x15x16xf32>, tensor<2x24x15x16xf32>, tensor<2x24x1x1xf32>, tensor<4x6xf32>, tensor<3x1x5x1xf32>, tensor<64x1xf32>, tensor<1x1000xf32>
  }
}
