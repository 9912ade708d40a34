// Every tensor plumbing op (reshape, flatten, squeeze, unsqueeze, transpose,
// expand, concat, split, slice, pad, gather), compiled for the CPU and
// compared element for element with numpy: negative axes, steps and indices,
// the three pad modes, f16, integer and boolean elements, empty pieces and
// chains of views.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/tensor.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @tensor_ops {
  func.func @main(%r_a: tensor<6x4xf32> {kiln.name = "r_a"}, %r_b: tensor<2x3x5xf32> {kiln.name = "r_b"}, %r_c: tensor<3x5x2xi64> {kiln.name = "r_c"}, %r_d: tensor<1x1xf32> {kiln.name = "r_d"}, %r_e: tensor<f32> {kiln.name = "r_e"}, %x: tensor<2x3x5x4xf32> {kiln.name = "x"}, %sq: tensor<1x3x1x5x1xf16> {kiln.name = "sq"}, %us: tensor<3x5xi8> {kiln.name = "us"}, %t: tensor<2x3x5x7xf32> {kiln.name = "t"}, %t16: tensor<3x5xf16> {kiln.name = "t16"}, %e1: tensor<3x1xf32> {kiln.name = "e1"}, %e2: tensor<2x1x3xf32> {kiln.name = "e2"}, %e3: tensor<1x5xi64> {kiln.name = "e3"}, %e4: tensor<7x1x3xf32> {kiln.name = "e4"}, %c1: tensor<2x1x3xf32> {kiln.name = "c1"}, %c2: tensor<2x4x3xf32> {kiln.name = "c2"}, %c3: tensor<2x2x3xf32> {kiln.name = "c3"}, %ci1: tensor<1x3x5xi32> {kiln.name = "ci1"}, %ci2: tensor<3x3x5xi32> {kiln.name = "ci2"}, %ci3: tensor<2x3x5xi32> {kiln.name = "ci3"}, %cb1: tensor<3x2xi1> {kiln.name = "cb1"}, %cb2: tensor<3x5xi1> {kiln.name = "cb2"}, %ce1: tensor<2x3x3xf32> {kiln.name = "ce1"}, %ce2: tensor<2x1x3xf32> {kiln.name = "ce2"}, %sp1: tensor<2x7x3xf32> {kiln.name = "sp1"}, %sp2: tensor<3x5x9xf32> {kiln.name = "sp2"}, %sp3: tensor<6x4xi64> {kiln.name = "sp3"}, %sp4: tensor<5x3xf32> {kiln.name = "sp4"}, %sl1: tensor<5x8xf32> {kiln.name = "sl1"}, %sl2: tensor<7x9x5xf32> {kiln.name = "sl2"}, %sl3: tensor<4x7xf32> {kiln.name = "sl3"}, %sl4: tensor<5x6x3xf32> {kiln.name = "sl4"}, %sl5: tensor<5x6xi32> {kiln.name = "sl5"}, %sl6: tensor<5x6xf32> {kiln.name = "sl6"}, %sl7: tensor<3x5x7x9xf16> {kiln.name = "sl7"}, %p_hw: tensor<1x3x7x6xf32> {kiln.name = "p_hw"}, %p_big: tensor<2x1x3xf32> {kiln.name = "p_big"}, %p_i32: tensor<3x4xi32> {kiln.name = "p_i32"}, %p_f16: tensor<3x4xf16> {kiln.name = "p_f16"}, %p_i64: tensor<4x5xi64> {kiln.name = "p_i64"}, %g0: tensor<7x5xf32> {kiln.name = "g0"}, %g0_idx: tensor<2x3xi64> {kiln.name = "g0_idx"}, %g1: tensor<3x6x4xf32> {kiln.name = "g1"}, %g1_idx: tensor<5xi32> {kiln.name = "g1_idx"}, %g2_idx: tensor<3x2xi64> {kiln.name = "g2_idx"}, %g3: tensor<4x5xi64> {kiln.name = "g3"}, %g3_idx: tensor<i64> {kiln.name = "g3_idx"}, %g4: tensor<11x3xf16> {kiln.name = "g4"}, %g4_idx: tensor<2x1x2xi32> {kiln.name = "g4_idx"}, %ch1: tensor<4x6x5xf32> {kiln.name = "ch1"}, %ch2: tensor<2x9x3xf32> {kiln.name = "ch2"}, %ch3: tensor<1x2x4x5xf32> {kiln.name = "ch3"})
      -> (tensor<2x3x4xf32> {kiln.name = "reshape_expand"}, tensor<5x6xf32> {kiln.name = "reshape_nogroup"}, tensor<30xi64> {kiln.name = "reshape_collapse_i64"}, tensor<f32> {kiln.name = "reshape_to_rank0"}, tensor<1x1x1xf32> {kiln.name = "reshape_from_rank0"}, tensor<1x120xf32> {kiln.name = "flatten_0"}, tensor<6x20xf32> {kiln.name = "flatten_2"}, tensor<120x1xf32> {kiln.name = "flatten_4"}, tensor<3x5xf16> {kiln.name = "squeeze_all_f16"}, tensor<1x3x5xf16> {kiln.name = "squeeze_neg_axes"}, tensor<1x3x5x1xi8> {kiln.name = "unsqueeze_i8"}, tensor<3x1x5x1xi8> {kiln.name = "unsqueeze_mid"}, tensor<7x3x2x5xf32> {kiln.name = "transpose_4d"}, tensor<5x3xf16> {kiln.name = "transpose_f16"}, tensor<2x3x4xf32> {kiln.name = "expand_both"}, tensor<2x5x3xf32> {kiln.name = "expand_short_shape"}, tensor<3x1x5xi64> {kiln.name = "expand_i64"}, tensor<2x7x4x3xf32> {kiln.name = "expand_ones"}, tensor<2x7x3xf32> {kiln.name = "concat3_mid"}, tensor<6x3x5xi32> {kiln.name = "concat3_axis0_i32"}, tensor<3x7xi1> {kiln.name = "concat_i1_last"}, tensor<2x7x3xf32> {kiln.name = "concat_with_empty"}, tensor<2x1x3xf32> {kiln.name = "split3_mid_0"}, tensor<2x4x3xf32> {kiln.name = "split3_mid_1"}, tensor<2x2x3xf32> {kiln.name = "split3_mid_2"}, tensor<3x5x2xf32> {kiln.name = "split3_neg_axis_0"}, tensor<3x5x3xf32> {kiln.name = "split3_neg_axis_1"}, tensor<3x5x4xf32> {kiln.name = "split3_neg_axis_2"}, tensor<3x4xi64> {kiln.name = "split3_axis0_i64_0"}, tensor<1x4xi64> {kiln.name = "split3_axis0_i64_1"}, tensor<2x4xi64> {kiln.name = "split3_axis0_i64_2"}, tensor<2x3xf32> {kiln.name = "split_with_empty_0"}, tensor<3x3xf32> {kiln.name = "split_with_empty_2"}, tensor<2x8xf32> {kiln.name = "slice_doc"}, tensor<2x4x5xf32> {kiln.name = "slice_3d_mixed"}, tensor<4x3xf32> {kiln.name = "slice_neg3"}, tensor<3x6x2xf32> {kiln.name = "slice_prefix"}, tensor<3x4xi32> {kiln.name = "slice_prefix_neg_i32"}, tensor<1x1xf32> {kiln.name = "slice_size1"}, tensor<1x3xf32> {kiln.name = "slice_size1_neg"}, tensor<3x2x2x3xf16> {kiln.name = "slice_4d_f16"}, tensor<3x4x8x7xf32> {kiln.name = "pad_const_4d"}, tensor<3x3x8x6xf32> {kiln.name = "pad_const_zero"}, tensor<3x6x11x10xf32> {kiln.name = "pad_reflect_4d"}, tensor<3x6x11x10xf32> {kiln.name = "pad_edge_4d"}, tensor<1x3x16x13xf32> {kiln.name = "pad_reflect_hw"}, tensor<8x4x10xf32> {kiln.name = "pad_edge_big"}, tensor<6x7xi32> {kiln.name = "pad_const_i32"}, tensor<5x5xf16> {kiln.name = "pad_const_f16"}, tensor<9x9xi64> {kiln.name = "pad_reflect_i64"}, tensor<2x3x5xf32> {kiln.name = "gather_axis0_neg"}, tensor<3x5x4xf32> {kiln.name = "gather_axis1_i32"}, tensor<3x6x3x2xf32> {kiln.name = "gather_axis_neg1_2d_idx"}, tensor<4xi64> {kiln.name = "gather_scalar_idx_i64"}, tensor<2x1x2x3xf16> {kiln.name = "gather_embed_f16"}, tensor<3x15xf32> {kiln.name = "chain_slice_reshape_add"}, tensor<2x9x3xf32> {kiln.name = "chain_split_concat"}, tensor<3x8xf32> {kiln.name = "chain_transpose_flatten"}, tensor<1x3x7x8xf32> {kiln.name = "chain_pad_pad"}) {
    // Reshapes: expand and collapse groups, no common group, to and from rank 0.
    %reshape_expand = kiln.reshape %r_a {shape = array<i64: 2, 3, 4>} : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
    %reshape_nogroup = kiln.reshape %r_b {shape = array<i64: 5, 6>} : (tensor<2x3x5xf32>) -> tensor<5x6xf32>
    %reshape_collapse_i64 = kiln.reshape %r_c {shape = array<i64: 30>} : (tensor<3x5x2xi64>) -> tensor<30xi64>
    %reshape_to_rank0 = kiln.reshape %r_d {shape = array<i64>} : (tensor<1x1xf32>) -> tensor<f32>
    %reshape_from_rank0 = kiln.reshape %r_e {shape = array<i64: 1, 1, 1>} : (tensor<f32>) -> tensor<1x1x1xf32>
    %flatten_0 = kiln.flatten %x {axis = 0 : i64} : (tensor<2x3x5x4xf32>) -> tensor<1x120xf32>
    %flatten_2 = kiln.flatten %x {axis = 2 : i64} : (tensor<2x3x5x4xf32>) -> tensor<6x20xf32>
    %flatten_4 = kiln.flatten %x {axis = 4 : i64} : (tensor<2x3x5x4xf32>) -> tensor<120x1xf32>
    %squeeze_all_f16 = kiln.squeeze %sq : (tensor<1x3x1x5x1xf16>) -> tensor<3x5xf16>
    %squeeze_neg_axes = kiln.squeeze %sq {axes = array<i64: -1, 2>} : (tensor<1x3x1x5x1xf16>) -> tensor<1x3x5xf16>
    %unsqueeze_i8 = kiln.unsqueeze %us {axes = array<i64: 0, -1>} : (tensor<3x5xi8>) -> tensor<1x3x5x1xi8>
    %unsqueeze_mid = kiln.unsqueeze %us {axes = array<i64: 1, 3>} : (tensor<3x5xi8>) -> tensor<3x1x5x1xi8>

    // Transpose and expand (ONNX two-way broadcast: shorter shape, 1 where the input is larger).
    %transpose_4d = kiln.transpose %t {permutation = array<i64: 3, 1, 0, 2>} : (tensor<2x3x5x7xf32>) -> tensor<7x3x2x5xf32>
    %transpose_f16 = kiln.transpose %t16 {permutation = array<i64: 1, 0>} : (tensor<3x5xf16>) -> tensor<5x3xf16>
    %expand_both = kiln.expand %e1 {shape = array<i64: 2, 1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
    %expand_short_shape = kiln.expand %e2 {shape = array<i64: 5, 1>} : (tensor<2x1x3xf32>) -> tensor<2x5x3xf32>
    %expand_i64 = kiln.expand %e3 {shape = array<i64: 3, 1, 1>} : (tensor<1x5xi64>) -> tensor<3x1x5xi64>
    %expand_ones = kiln.expand %e4 {shape = array<i64: 2, 1, 4, 1>} : (tensor<7x1x3xf32>) -> tensor<2x7x4x3xf32>

    // Concat: negative axis, integers, booleans, empty pieces and a repeated operand.
    %concat3_mid = kiln.concat %c1, %c2, %c3 {axis = -2 : i64} : (tensor<2x1x3xf32>, tensor<2x4x3xf32>, tensor<2x2x3xf32>) -> tensor<2x7x3xf32>
    %concat3_axis0_i32 = kiln.concat %ci1, %ci2, %ci3 {axis = 0 : i64} : (tensor<1x3x5xi32>, tensor<3x3x5xi32>, tensor<2x3x5xi32>) -> tensor<6x3x5xi32>
    %concat_i1_last = kiln.concat %cb1, %cb2 {axis = 1 : i64} : (tensor<3x2xi1>, tensor<3x5xi1>) -> tensor<3x7xi1>
    // A zero-size tensor cannot be a model input, so the empty piece is an empty slice.
    %empty = kiln.slice %ce1 {starts = array<i64: 0, 1, 0>, ends = array<i64: 2, 1, 3>, steps = array<i64: 1, 1, 1>} : (tensor<2x3x3xf32>) -> tensor<2x0x3xf32>
    %concat_with_empty = kiln.concat %empty, %ce1, %empty, %ce2, %ce1 {axis = 1 : i64} : (tensor<2x0x3xf32>, tensor<2x3x3xf32>, tensor<2x0x3xf32>, tensor<2x1x3xf32>, tensor<2x3x3xf32>) -> tensor<2x7x3xf32>

    // Split: negative axis, integers, an empty piece (not returned: a zero-size output is not allowed).
    %split3_mid:3 = kiln.split %sp1 {axis = 1 : i64, sizes = array<i64: 1, 4, 2>} : (tensor<2x7x3xf32>) -> (tensor<2x1x3xf32>, tensor<2x4x3xf32>, tensor<2x2x3xf32>)
    %split3_neg_axis:3 = kiln.split %sp2 {axis = -1 : i64, sizes = array<i64: 2, 3, 4>} : (tensor<3x5x9xf32>) -> (tensor<3x5x2xf32>, tensor<3x5x3xf32>, tensor<3x5x4xf32>)
    %split3_axis0_i64:3 = kiln.split %sp3 {axis = 0 : i64, sizes = array<i64: 3, 1, 2>} : (tensor<6x4xi64>) -> (tensor<3x4xi64>, tensor<1x4xi64>, tensor<2x4xi64>)
    %split_with_empty:3 = kiln.split %sp4 {axis = 0 : i64, sizes = array<i64: 2, 0, 3>} : (tensor<5x3xf32>) -> (tensor<2x3xf32>, tensor<0x3xf32>, tensor<3x3xf32>)

    // Slice: negative steps (ends = -1 runs through index 0), steps that do not divide the extent.
    %slice_doc = kiln.slice %sl1 {starts = array<i64: 0, 7>, ends = array<i64: 4, -1>, steps = array<i64: 2, -1>} : (tensor<5x8xf32>) -> tensor<2x8xf32>
    %slice_3d_mixed = kiln.slice %sl2 {starts = array<i64: 1, 8, 0>, ends = array<i64: 7, 0, 5>, steps = array<i64: 3, -2, 1>} : (tensor<7x9x5xf32>) -> tensor<2x4x5xf32>
    %slice_neg3 = kiln.slice %sl3 {starts = array<i64: 0, 6>, ends = array<i64: 4, -1>, steps = array<i64: 1, -3>} : (tensor<4x7xf32>) -> tensor<4x3xf32>
    %slice_prefix = kiln.slice %sl4 {starts = array<i64: 0, 0, 0>, ends = array<i64: 3, 6, 2>, steps = array<i64: 1, 1, 1>} : (tensor<5x6x3xf32>) -> tensor<3x6x2xf32>
    %slice_prefix_neg_i32 = kiln.slice %sl5 {starts = array<i64: 0, 4>, ends = array<i64: 3, 0>, steps = array<i64: 1, -1>} : (tensor<5x6xi32>) -> tensor<3x4xi32>
    %slice_size1 = kiln.slice %sl6 {starts = array<i64: 0, 3>, ends = array<i64: 1, 4>, steps = array<i64: 1, 1>} : (tensor<5x6xf32>) -> tensor<1x1xf32>
    %slice_size1_neg = kiln.slice %sl6 {starts = array<i64: 4, 5>, ends = array<i64: 3, -1>, steps = array<i64: -1, -2>} : (tensor<5x6xf32>) -> tensor<1x3xf32>
    %slice_4d_f16 = kiln.slice %sl7 {starts = array<i64: 2, 1, 6, 0>, ends = array<i64: -1, 5, 0, 9>, steps = array<i64: -1, 2, -4, 4>} : (tensor<3x5x7x9xf16>) -> tensor<3x2x2x3xf16>

    // Pad: constant (default 0 and explicit values), reflect, edge (pads larger than the dimension).
    %pad_const_4d = kiln.pad %x {pads = array<i64: 0, 1, 2, 0, 1, 0, 1, 3>, value = -2.5 : f64} : (tensor<2x3x5x4xf32>) -> tensor<3x4x8x7xf32>
    %pad_const_zero = kiln.pad %x {pads = array<i64: 1, 0, 0, 2, 0, 0, 3, 0>} : (tensor<2x3x5x4xf32>) -> tensor<3x3x8x6xf32>
    %pad_reflect_4d = kiln.pad %x {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 1, 2, 3, 1, 2, 4, 3>} : (tensor<2x3x5x4xf32>) -> tensor<3x6x11x10xf32>
    %pad_edge_4d = kiln.pad %x {mode = #kiln.pad_mode<edge>, pads = array<i64: 0, 1, 2, 3, 1, 2, 4, 3>} : (tensor<2x3x5x4xf32>) -> tensor<3x6x11x10xf32>
    %pad_reflect_hw = kiln.pad %p_hw {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 0, 3, 5, 0, 0, 6, 2>} : (tensor<1x3x7x6xf32>) -> tensor<1x3x16x13xf32>
    %pad_edge_big = kiln.pad %p_big {mode = #kiln.pad_mode<edge>, pads = array<i64: 2, 3, 0, 4, 0, 7>} : (tensor<2x1x3xf32>) -> tensor<8x4x10xf32>
    %pad_const_i32 = kiln.pad %p_i32 {pads = array<i64: 1, 2, 2, 1>, value = 7.0 : f64} : (tensor<3x4xi32>) -> tensor<6x7xi32>
    %pad_const_f16 = kiln.pad %p_f16 {pads = array<i64: 0, 1, 2, 0>, value = 0.1 : f64} : (tensor<3x4xf16>) -> tensor<5x5xf16>
    %pad_reflect_i64 = kiln.pad %p_i64 {mode = #kiln.pad_mode<reflect>, pads = array<i64: 3, 0, 2, 4>} : (tensor<4x5xi64>) -> tensor<9x9xi64>

    // Gather: negative indices (make_inputs draws them in [-n, n), both ends included), i32 and
    // i64 indices, a negative axis, multi-dimensional and rank-0 indices.
    %gather_axis0_neg = kiln.gather %g0, %g0_idx {axis = 0 : i64} : (tensor<7x5xf32>, tensor<2x3xi64>) -> tensor<2x3x5xf32>
    %gather_axis1_i32 = kiln.gather %g1, %g1_idx {axis = 1 : i64} : (tensor<3x6x4xf32>, tensor<5xi32>) -> tensor<3x5x4xf32>
    %gather_axis_neg1_2d_idx = kiln.gather %g1, %g2_idx {axis = -1 : i64} : (tensor<3x6x4xf32>, tensor<3x2xi64>) -> tensor<3x6x3x2xf32>
    %gather_scalar_idx_i64 = kiln.gather %g3, %g3_idx {axis = -1 : i64} : (tensor<4x5xi64>, tensor<i64>) -> tensor<4xi64>
    %gather_embed_f16 = kiln.gather %g4, %g4_idx {axis = 0 : i64} : (tensor<11x3xf16>, tensor<2x1x2xi32>) -> tensor<2x1x2x3xf16>

    // Chains: a reversed slice feeding a reshape and an add; split pieces reordered by a
    // concat and transposed into a flatten; a reflect pad under a constant pad.
    %ch1_slice = kiln.slice %ch1 {starts = array<i64: 1, 5, 0>, ends = array<i64: 4, -1, 5>, steps = array<i64: 1, -2, 1>} : (tensor<4x6x5xf32>) -> tensor<3x3x5xf32>
    %ch1_flat = kiln.reshape %ch1_slice {shape = array<i64: 3, 15>} : (tensor<3x3x5xf32>) -> tensor<3x15xf32>
    %one = kiln.constant dense<1.0> : tensor<1xf32>
    %chain_slice_reshape_add = kiln.add %ch1_flat, %one : (tensor<3x15xf32>, tensor<1xf32>) -> tensor<3x15xf32>
    %ch2_split:3 = kiln.split %ch2 {axis = 1 : i64, sizes = array<i64: 2, 4, 3>} : (tensor<2x9x3xf32>) -> (tensor<2x2x3xf32>, tensor<2x4x3xf32>, tensor<2x3x3xf32>)
    %ch2_sq = kiln.mul %ch2_split#0, %ch2_split#0 : (tensor<2x2x3xf32>, tensor<2x2x3xf32>) -> tensor<2x2x3xf32>
    %chain_split_concat = kiln.concat %ch2_split#2, %ch2_sq, %ch2_split#1 {axis = 1 : i64} : (tensor<2x3x3xf32>, tensor<2x2x3xf32>, tensor<2x4x3xf32>) -> tensor<2x9x3xf32>
    %ch2_t = kiln.transpose %ch2_split#1 {permutation = array<i64: 2, 0, 1>} : (tensor<2x4x3xf32>) -> tensor<3x2x4xf32>
    %chain_transpose_flatten = kiln.flatten %ch2_t {axis = 1 : i64} : (tensor<3x2x4xf32>) -> tensor<3x8xf32>
    %ch3_reflect = kiln.pad %ch3 {mode = #kiln.pad_mode<reflect>, pads = array<i64: 0, 0, 1, 2, 0, 0, 2, 1>} : (tensor<1x2x4x5xf32>) -> tensor<1x2x7x8xf32>
    %chain_pad_pad = kiln.pad %ch3_reflect {pads = array<i64: 0, 1, 0, 0, 0, 0, 0, 0>} : (tensor<1x2x7x8xf32>) -> tensor<1x3x7x8xf32>
    return %reshape_expand, %reshape_nogroup, %reshape_collapse_i64, %reshape_to_rank0, %reshape_from_rank0, %flatten_0, %flatten_2, %flatten_4, %squeeze_all_f16, %squeeze_neg_axes, %unsqueeze_i8, %unsqueeze_mid, %transpose_4d, %transpose_f16, %expand_both, %expand_short_shape, %expand_i64, %expand_ones, %concat3_mid, %concat3_axis0_i32, %concat_i1_last, %concat_with_empty, %split3_mid#0, %split3_mid#1, %split3_mid#2, %split3_neg_axis#0, %split3_neg_axis#1, %split3_neg_axis#2, %split3_axis0_i64#0, %split3_axis0_i64#1, %split3_axis0_i64#2, %split_with_empty#0, %split_with_empty#2, %slice_doc, %slice_3d_mixed, %slice_neg3, %slice_prefix, %slice_prefix_neg_i32, %slice_size1, %slice_size1_neg, %slice_4d_f16, %pad_const_4d, %pad_const_zero, %pad_reflect_4d, %pad_edge_4d, %pad_reflect_hw, %pad_edge_big, %pad_const_i32, %pad_const_f16, %pad_reflect_i64, %gather_axis0_neg, %gather_axis1_i32, %gather_axis_neg1_2d_idx, %gather_scalar_idx_i64, %gather_embed_f16, %chain_slice_reshape_add, %chain_split_concat, %chain_transpose_flatten, %chain_pad_pad
        : tensor<2x3x4xf32>, tensor<5x6xf32>, tensor<30xi64>, tensor<f32>, tensor<1x1x1xf32>, tensor<1x120xf32>, tensor<6x20xf32>, tensor<120x1xf32>, tensor<3x5xf16>, tensor<1x3x5xf16>, tensor<1x3x5x1xi8>, tensor<3x1x5x1xi8>, tensor<7x3x2x5xf32>, tensor<5x3xf16>, tensor<2x3x4xf32>, tensor<2x5x3xf32>, tensor<3x1x5xi64>, tensor<2x7x4x3xf32>, tensor<2x7x3xf32>, tensor<6x3x5xi32>, tensor<3x7xi1>, tensor<2x7x3xf32>, tensor<2x1x3xf32>, tensor<2x4x3xf32>, tensor<2x2x3xf32>, tensor<3x5x2xf32>, tensor<3x5x3xf32>, tensor<3x5x4xf32>, tensor<3x4xi64>, tensor<1x4xi64>, tensor<2x4xi64>, tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x8xf32>, tensor<2x4x5xf32>, tensor<4x3xf32>, tensor<3x6x2xf32>, tensor<3x4xi32>, tensor<1x1xf32>, tensor<1x3xf32>, tensor<3x2x2x3xf16>, tensor<3x4x8x7xf32>, tensor<3x3x8x6xf32>, tensor<3x6x11x10xf32>, tensor<3x6x11x10xf32>, tensor<1x3x16x13xf32>, tensor<8x4x10xf32>, tensor<6x7xi32>, tensor<5x5xf16>, tensor<9x9xi64>, tensor<2x3x5xf32>, tensor<3x5x4xf32>, tensor<3x6x3x2xf32>, tensor<4xi64>, tensor<2x1x2x3xf16>, tensor<3x15xf32>, tensor<2x9x3xf32>, tensor<3x8xf32>, tensor<1x3x7x8xf32>
  }
}
