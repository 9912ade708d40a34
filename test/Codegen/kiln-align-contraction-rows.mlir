// RUN: kiln-opt %s --kiln-align-contraction-rows="vector-bits=256" --cse | FileCheck %s
// RUN: not kiln-opt %s --kiln-align-contraction-rows="vector-bits=32" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not kiln-opt %s --kiln-align-contraction-rows="vector-bits=256 rows=0" 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: kiln-align-contraction-rows: vector-bits must be a multiple of 8 and at least 64, rows at least 1

// 1x1 convolutions as kiln lowers them: weights [F, C] times the image
// [1, C, H*W]. At 7x7 the image's rows of 49 floats are padded to 56 (whole
// 32-byte vectors) and the products read a slice of the padded image; two
// products of the same image share one pad.
#mw = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
#mx = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
#mo = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @pixels49
// CHECK-SAME:    (%[[X:.*]]: tensor<1x512x49xf32>, %[[W:.*]]: tensor<64x512xf32>, %[[W2:.*]]: tensor<32x512xf32>
// CHECK:         %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 0] high[0, 0, 7]
// CHECK:         } : tensor<1x512x49xf32> to tensor<1x512x56xf32>
// CHECK:         %[[S:.*]] = tensor.extract_slice %[[P]][0, 0, 0] [1, 512, 49] [1, 1, 1] : tensor<1x512x56xf32> to tensor<1x512x49xf32>
// CHECK:         linalg.contract {{.*}} ins(%[[W]], %[[S]] : tensor<64x512xf32>, tensor<1x512x49xf32>)
// CHECK-NOT:     tensor.pad
// CHECK:         linalg.contract {{.*}} ins(%[[W2]], %[[S]] : tensor<32x512xf32>, tensor<1x512x49xf32>)
func.func @pixels49(%x: tensor<1x512x49xf32>, %w: tensor<64x512xf32>, %w2: tensor<32x512xf32>,
                    %acc: tensor<1x64x49xf32>, %acc2: tensor<1x32x49xf32>)
    -> (tensor<1x64x49xf32>, tensor<1x32x49xf32>) {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x : tensor<64x512xf32>, tensor<1x512x49xf32>) outs(%acc : tensor<1x64x49xf32>) -> tensor<1x64x49xf32>
  %1 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w2, %x : tensor<32x512xf32>, tensor<1x512x49xf32>) outs(%acc2 : tensor<1x32x49xf32>) -> tensor<1x32x49xf32>
  return %0, %1 : tensor<1x64x49xf32>, tensor<1x32x49xf32>
}

// A matmul's right operand [K, N] with N = 100: rows padded to 104.
// CHECK-LABEL: func.func @matmul
// CHECK:         tensor.pad %{{.*}} low[0, 0] high[0, 4]
// CHECK:         } : tensor<64x100xf32> to tensor<64x104xf32>
// CHECK:         linalg.matmul
func.func @matmul(%a: tensor<12x64xf32>, %b: tensor<64x100xf32>, %acc: tensor<12x100xf32>) -> tensor<12x100xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<12x64xf32>, tensor<64x100xf32>) outs(%acc : tensor<12x100xf32>) -> tensor<12x100xf32>
  return %0 : tensor<12x100xf32>
}

// Left as they are: rows of whole vectors (56 pixels), rows no longer than
// a vector (4 pixels), products of fewer than 2 x 6 rows (each row of the
// image read once or twice), the left operand (its rows are read one
// element at a time), and dynamic shapes.
// CHECK-LABEL: func.func @kept
// CHECK-NOT:     tensor.pad
// CHECK:         return
func.func @kept(%x56: tensor<1x64x56xf32>, %w: tensor<64x64xf32>, %acc56: tensor<1x64x56xf32>,
                %x4: tensor<1x64x4xf32>, %acc4: tensor<1x64x4xf32>,
                %x49: tensor<1x64x49xf32>, %w8: tensor<8x64xf32>, %acc8: tensor<1x8x49xf32>,
                %a: tensor<12x50xf32>, %b: tensor<50x64xf32>, %accab: tensor<12x64xf32>,
                %xd: tensor<1x64x?xf32>, %accd: tensor<1x64x?xf32>)
    -> (tensor<1x64x56xf32>, tensor<1x64x4xf32>, tensor<1x8x49xf32>, tensor<12x64xf32>, tensor<1x64x?xf32>) {
  %0 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x56 : tensor<64x64xf32>, tensor<1x64x56xf32>) outs(%acc56 : tensor<1x64x56xf32>) -> tensor<1x64x56xf32>
  %1 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %x4 : tensor<64x64xf32>, tensor<1x64x4xf32>) outs(%acc4 : tensor<1x64x4xf32>) -> tensor<1x64x4xf32>
  %2 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w8, %x49 : tensor<8x64xf32>, tensor<1x64x49xf32>) outs(%acc8 : tensor<1x8x49xf32>) -> tensor<1x8x49xf32>
  %3 = linalg.matmul ins(%a, %b : tensor<12x50xf32>, tensor<50x64xf32>) outs(%accab : tensor<12x64xf32>) -> tensor<12x64xf32>
  %4 = linalg.contract indexing_maps = [#mw, #mx, #mo] ins(%w, %xd : tensor<64x64xf32>, tensor<1x64x?xf32>) outs(%accd : tensor<1x64x?xf32>) -> tensor<1x64x?xf32>
  return %0, %1, %2, %3, %4 : tensor<1x64x56xf32>, tensor<1x64x4xf32>, tensor<1x8x49xf32>, tensor<12x64xf32>, tensor<1x64x?xf32>
}
