// RUN: kiln-opt %s --kiln-vectorize=depthwise-versioned-min-pixels=960 --canonicalize --cse | FileCheck %s
// RUN: kiln-opt %s --kiln-vectorize=depthwise-unpadded=false --canonicalize --cse | FileCheck %s --check-prefix=PADDED
// RUN: kiln-opt %s --kiln-vectorize=depthwise-versioned-min-pixels=961 --canonicalize --cse | FileCheck %s --check-prefix=PADDED
// RUN: kiln-opt %s --kiln-vectorize --canonicalize --cse | FileCheck %s --check-prefix=PADDED

// Register tiles of a 'same' 3x3 depthwise convolution (as kiln-tile-and-fuse
// leaves them: 4 output rows x 16 pixels, rows of 48 = 3 x 16) read the
// unpadded input %arg0 in place. Each tile has one version per placement of
// its window, chosen by scf.if on its offsets: rows inside the input or
// across its first or last rows (rows outside read row 0 and are selected
// away); columns at offset 0 (elements shifted right by one, a zero in
// front), at offset 32, the last tile, whose reads cross the last column
// (read inside the row, shifted left, a zero behind), or inside (plain reads,
// no shuffle). Offsets the column loop (0, 16, 32) never takes get no
// version. No padded copy is made.
// CHECK-LABEL: func.func @dw
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x20x48xf32>
// CHECK-NOT: tensor.pad
// CHECK: scf.for %[[R:.*]] = %c0 to %c20 step %c4
// CHECK:   scf.for %[[COL:.*]] = %c0 to %c48 step %c16
// CHECK:     scf.for %[[CH:.*]] = %c0 to %c2 step %c1
// CHECK:       %[[TOP:.*]] = arith.subi %[[R]], %c1
// CHECK:       %[[GE:.*]] = arith.cmpi sge, %[[TOP]], %c0
// CHECK:       %[[LE:.*]] = arith.cmpi sle, %[[TOP]], %c14
// CHECK:       %[[ROWS_IN:.*]] = arith.andi %[[GE]], %[[LE]]
// CHECK:       scf.if %[[ROWS_IN]] -> (vector<1x1x4x16xf32>)
// CHECK:         %[[FIRST:.*]] = arith.cmpi eq, %[[COL]], %c0
// CHECK:         scf.if %[[FIRST]] -> (vector<1x1x4x16xf32>)
// CHECK:           %[[L:.*]] = vector.transfer_read %[[X]][%c0, %[[CH]], %[[TOP]], %c0], %{{.*}} {in_bounds = [true]} : tensor<1x2x20x48xf32>, vector<16xf32>
// CHECK:           vector.shuffle %[[L]], %{{.*}} [16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
// CHECK:         } else {
// CHECK-NOT:       arith.cmpi eq, %[[COL]], %c1
// CHECK:           %[[LAST:.*]] = arith.cmpi eq, %[[COL]], %c32
// CHECK:           scf.if %[[LAST]] -> (vector<1x1x4x16xf32>)
// CHECK:             %[[RIGHT:.*]] = vector.transfer_read %[[X]][%c0, %[[CH]], %[[TOP]], %c32], %{{.*}} {in_bounds = [true]} : tensor<1x2x20x48xf32>, vector<16xf32>
// CHECK:             vector.shuffle %[[RIGHT]], %{{.*}} [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
// CHECK:           } else {
// CHECK-NOT:         vector.shuffle
// CHECK:             %[[I:.*]] = vector.transfer_read %[[X]][%c0, %[[CH]], %[[TOP]], %{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<1x2x20x48xf32>, vector<16xf32>
// CHECK-NOT:         vector.shuffle
// CHECK:             vector.fma %[[I]]
// CHECK-NOT:         vector.shuffle
// CHECK:             scf.yield
// Across the first or last rows: rows outside are selected away.
// CHECK:       } else {
// CHECK:         arith.cmpi eq, %[[COL]], %c0
// CHECK:         %[[ROW_IN:.*]] = arith.cmpi ult, %[[TOP]], %c20
// CHECK:         %[[SAFE:.*]] = arith.select %[[ROW_IN]], %[[TOP]], %c0 : index
// CHECK:         vector.transfer_read %[[X]][%c0, %[[CH]], %[[SAFE]], %c0]
// CHECK:         arith.select %[[ROW_IN]], %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-NOT: tensor.pad

// Without depthwise-unpadded the pad is copied (row by row) and read; so it
// is when the tiles would take more than two versions (here six: rows
// inside or across, columns at offset 0, 32 or inside) and the input plane
// (20 x 48 = 960 pixels) is smaller than depthwise-versioned-min-pixels
// (default 3136, 56 x 56).
// PADDED-LABEL: func.func @dw
// PADDED: tensor.empty() : tensor<1x2x22x50xf32>
// PADDED: vector.transfer_read %{{.*}} : tensor<1x2x22x50xf32>, vector<16xf32>
func.func @dw(%arg0: tensor<1x2x20x48xf32>, %arg1: tensor<2x3x3xf32>) -> tensor<1x2x20x48xf32> {
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c4 = arith.constant 4 : index
  %c2 = arith.constant 2 : index
  %c48 = arith.constant 48 : index
  %c20 = arith.constant 20 : index
  %c0 = arith.constant 0 : index
  %cst = arith.constant 0.000000e+00 : f32
  %padded = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%arg2: index, %arg3: index, %arg4: index, %arg5: index):
    tensor.yield %cst : f32
  } : tensor<1x2x20x48xf32> to tensor<1x2x22x50xf32>
  %0 = tensor.empty() : tensor<1x2x20x48xf32>
  %1 = scf.for %arg2 = %c0 to %c20 step %c4 iter_args(%arg3 = %0) -> (tensor<1x2x20x48xf32>) {
    %2 = scf.for %arg4 = %c0 to %c48 step %c16 iter_args(%arg5 = %arg3) -> (tensor<1x2x20x48xf32>) {
      %3 = scf.for %arg6 = %c0 to %c2 step %c1 iter_args(%arg7 = %arg5) -> (tensor<1x2x20x48xf32>) {
        %extracted_slice = tensor.extract_slice %padded[0, %arg6, %arg2, %arg4] [1, 1, 6, 18] [1, 1, 1, 1] : tensor<1x2x22x50xf32> to tensor<1x1x6x18xf32>
        %extracted_slice_0 = tensor.extract_slice %arg1[%arg6, 0, 0] [1, 3, 3] [1, 1, 1] : tensor<2x3x3xf32> to tensor<1x3x3xf32>
        %extracted_slice_1 = tensor.extract_slice %arg7[0, %arg6, %arg2, %arg4] [1, 1, 4, 16] [1, 1, 1, 1] : tensor<1x2x20x48xf32> to tensor<1x1x4x16xf32>
        %4 = linalg.fill ins(%cst : f32) outs(%extracted_slice_1 : tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
        %5 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%extracted_slice, %extracted_slice_0 : tensor<1x1x6x18xf32>, tensor<1x3x3xf32>) outs(%4 : tensor<1x1x4x16xf32>) -> tensor<1x1x4x16xf32>
        %inserted_slice = tensor.insert_slice %5 into %arg7[0, %arg6, %arg2, %arg4] [1, 1, 4, 16] [1, 1, 1, 1] : tensor<1x1x4x16xf32> into tensor<1x2x20x48xf32>
        scf.yield %inserted_slice : tensor<1x2x20x48xf32>
      }
      scf.yield %3 : tensor<1x2x20x48xf32>
    }
    scf.yield %2 : tensor<1x2x20x48xf32>
  }
  return %1 : tensor<1x2x20x48xf32>
}
