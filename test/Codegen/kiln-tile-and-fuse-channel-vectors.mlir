// RUN: kiln-opt %s --kiln-conv-channel-vectors="vector-bits=64" --kiln-tile-and-fuse="vector-bits=64" --canonicalize --cse | FileCheck %s --check-prefix=TILE
// RUN: kiln-opt %s --kiln-conv-channel-vectors="vector-bits=64" --kiln-tile-and-fuse="vector-bits=64" --canonicalize --cse --kiln-vectorize --canonicalize --cse | FileCheck %s --check-prefix=VEC

// A convolution in panels (kiln-conv-channel-vectors; 64-bit vectors: panels
// of 4 channels) is tiled with the panel's 4 channels innermost and the 5
// pixels of a row, one input channel and one tap per step; the taps' loops
// (inside the input channels') are kept rolled in the machine code, the bias
// broadcast is computed in the tile and the ReLU is its epilogue.
// TILE: #[[ROLLED:.*]] = #llvm.loop_annotation<unroll = #{{.*}}>
// TILE-LABEL: func @bias_relu
// TILE: scf.for %{{.*}} = %c0 to %c2 step %c1
// TILE: scf.for %[[OH:.*]] = %c0 to %c5 step %c1
// TILE: linalg.broadcast {{.*}} outs(%{{.*}} : tensor<1x1x4x1x5xf32>) dimensions = [0, 3, 4]
// TILE: scf.for %{{.*}} = %c0 to %c4 step %c1
// TILE: scf.for %{{.*}} = %c0 to %c3 step %c1
// TILE: scf.for %{{.*}} = %c0 to %c3 step %c1
// TILE: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x4x1x5xf32>)
// TILE: } {llvm.loop_annotation = #[[ROLLED]]}
// TILE: } {llvm.loop_annotation = #[[ROLLED]]}
// TILE-NEXT: scf.yield
// TILE-NEXT: }
// TILE-NOT: loop_annotation
// TILE: arith.maximumf

// Vectorized: the accumulator is [5 pixels, 4 channels], initialized from
// the bias transposed in registers and carried through the three reduction
// loops; each step is one FMA of broadcast input values by a vector of the
// panel. The result is transposed back for the ReLU and written once.
// VEC-LABEL: func @bias_relu
// VEC: %[[B:.*]] = vector.transpose %{{.*}}, [1, 0] : vector<4x5xf32> to vector<5x4xf32>
// VEC: scf.for {{.*}} iter_args(%{{.*}} = %[[B]]) -> (vector<5x4xf32>)
// VEC: scf.for {{.*}} -> (vector<5x4xf32>)
// VEC: scf.for {{.*}} -> (vector<5x4xf32>)
// VEC: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<5x4xf32>
// VEC: vector.transpose %{{.*}}, [1, 0] : vector<5x4xf32> to vector<4x5xf32>
// VEC: arith.maximumf %{{.*}} : vector<4x5xf32>
// VEC: vector.transfer_write %{{.*}} : vector<4x1x5xf32>, tensor<1x2x4x5x5xf32>
func.func @bias_relu(%x: tensor<1x4x5x5xf32>, %b: tensor<8xf32>) -> tensor<1x8x5x5xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<"0x000000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041000050410000604100007041000080410000884100009041000098410000A0410000A8410000B0410000B8410000C0410000C8410000D0410000D8410000E0410000E8410000F0410000F84100000042000004420000084200000C4200001042000014420000184200001C4200002042000024420000284200002C4200003042000034420000384200003C4200004042000044420000484200004C4200005042000054420000584200005C4200006042000064420000684200006C4200007042000074420000784200007C42000080420000824200008442000086420000884200008A4200008C4200008E42000090420000924200009442000096420000984200009A4200009C4200009E420000A0420000A2420000A4420000A6420000A8420000AA420000AC420000AE420000B0420000B2420000B4420000B6420000B8420000BA420000BC420000BE420000C0420000C2420000C4420000C6420000C8420000CA420000CC420000CE420000D0420000D2420000D4420000D6420000D8420000DA420000DC420000DE420000E0420000E2420000E4420000E6420000E8420000EA420000EC420000EE420000F0420000F2420000F4420000F6420000F8420000FA420000FC420000FE420000004300000143000002430000034300000443000005430000064300000743000008430000094300000A4300000B4300000C4300000D4300000E4300000F430000104300001143000012430000134300001443000015430000164300001743000018430000194300001A4300001B4300001C4300001D4300001E4300001F430000204300002143000022430000234300002443000025430000264300002743000028430000294300002A4300002B4300002C4300002D4300002E4300002F430000304300003143000032430000334300003443000035430000364300003743000038430000394300003A4300003B4300003C4300003D4300003E4300003F430000404300004143000042430000434300004443000045430000464300004743000048430000494300004A4300004B4300004C4300004D4300004E4300004F430000504300005143000052430000534300005443000055430000564300005743000058430000594300005A4300005B4300005C4300005D4300005E4300005F430000604300006143000062430000634300006443000065430000664300006743000068430000694300006A4300006B4300006C4300006D4300006E4300006F430000704300007143000072430000734300007443000075430000764300007743000078430000794300007A4300007B4300007C4300007D4300007E4300007F43000080430080804300008143008081430000824300808243000083430080834300008443008084430000854300808543000086430080864300008743008087430000884300808843000089430080894300008A4300808A4300008B4300808B4300008C4300808C4300008D4300808D4300008E4300808E4300008F4300808F43"> : tensor<8x4x3x3xf32>
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x5x5xf32> to tensor<1x4x7x7xf32>
  %e = tensor.empty() : tensor<1x8x5x5xf32>
  %bias = linalg.broadcast ins(%b : tensor<8xf32>) outs(%e : tensor<1x8x5x5xf32>) dimensions = [0, 2, 3]
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x4x7x7xf32>, tensor<8x4x3x3xf32>) outs(%bias : tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%0 : tensor<1x8x5x5xf32>) outs(%e : tensor<1x8x5x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x5x5xf32>
  return %r : tensor<1x8x5x5xf32>
}
