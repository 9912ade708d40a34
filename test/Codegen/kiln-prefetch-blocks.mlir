// RUN: kiln-opt %s --split-input-file --kiln-prefetch-blocks | FileCheck %s

// A loop over the input channels of a block of 4, marked by
// kiln-tile-and-fuse: each iteration prefetches the rows of the constant
// filter that the iteration 4 steps further reads, [c + 4, 0..2, 0..2,
// 0..15] (9 x 16 floats, 9 cache lines), into L2 (locality 2).
// CHECK-LABEL: func @block
// CHECK: %[[F:.*]] = memref.get_global @filter
// CHECK: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK: %[[NEXT:.*]] = arith.addi %[[C]], %c4
// CHECK-NEXT: %[[BLOCK:.*]] = affine.apply #{{.*}}()[%{{.*}}, %[[NEXT]]]
// CHECK: memref.prefetch %[[F]][%[[BLOCK]], %c0{{.*}}, %c0{{.*}}, %c0{{.*}}], read, locality<2>, data
// CHECK: memref.prefetch %[[F]][%[[BLOCK]], %c0{{.*}}, %c1{{.*}}, %c0{{.*}}], read, locality<2>, data
// CHECK-COUNT-7: memref.prefetch %[[F]]
// CHECK-NOT: memref.prefetch
// CHECK-NOT: kiln.prefetch_ahead
memref.global "private" constant @filter : memref<8x3x3x16xf32> = dense<1.0>
func.func @block(%x: memref<8x3x3xf32>, %b: index) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  %f = memref.get_global @filter : memref<8x3x3x16xf32>
  %r = scf.for %c = %c0 to %c4 step %c1 iter_args(%acc = %init) -> (vector<16xf32>) {
    %ci = affine.apply affine_map<()[s0, s1] -> (s0 + s1)>()[%b, %c]
    %s = scf.for %kh = %c0 to %c3 step %c1 iter_args(%a1 = %acc) -> (vector<16xf32>) {
      %t = scf.for %kw = %c0 to %c3 step %c1 iter_args(%a2 = %a1) -> (vector<16xf32>) {
        %w = vector.transfer_read %f[%ci, %kh, %kw, %c0], %zero {in_bounds = [true]} : memref<8x3x3x16xf32>, vector<16xf32>
        %v = memref.load %x[%ci, %kh, %kw] : memref<8x3x3xf32>
        %vb = vector.broadcast %v : f32 to vector<16xf32>
        %n = vector.fma %vb, %w, %a2 : vector<16xf32>
        scf.yield %n : vector<16xf32>
      }
      scf.yield %t : vector<16xf32>
    }
    scf.yield %s : vector<16xf32>
  } {kiln.prefetch_ahead = 4 : i64}
  return %r : vector<16xf32>
}

// -----

// A read of a buffer that is not a constant global (an input, an
// intermediate): nothing to prefetch, and the mark is dropped.
// CHECK-LABEL: func @not_constant
// CHECK-NOT: memref.prefetch
// CHECK-NOT: kiln.prefetch_ahead
func.func @not_constant(%f: memref<8x16xf32>) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  %r = scf.for %c = %c0 to %c4 step %c1 iter_args(%acc = %init) -> (vector<16xf32>) {
    %w = vector.transfer_read %f[%c, %c0], %zero {in_bounds = [true]} : memref<8x16xf32>, vector<16xf32>
    %n = arith.addf %w, %acc : vector<16xf32>
    scf.yield %n : vector<16xf32>
  } {kiln.prefetch_ahead = 4 : i64}
  return %r : vector<16xf32>
}

// -----

// A mark that is not a positive integer prefetches nothing and is dropped.
// CHECK-LABEL: func @bad_marks
// CHECK-NOT: memref.prefetch
// CHECK-NOT: kiln.prefetch_ahead
memref.global "private" constant @weights : memref<8x16xf32> = dense<1.0>
func.func @bad_marks() -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<16xf32>
  %f = memref.get_global @weights : memref<8x16xf32>
  %r = scf.for %c = %c0 to %c4 step %c1 iter_args(%acc = %init) -> (vector<16xf32>) {
    %w = vector.transfer_read %f[%c, %c0], %zero {in_bounds = [true]} : memref<8x16xf32>, vector<16xf32>
    %n = arith.addf %w, %acc : vector<16xf32>
    scf.yield %n : vector<16xf32>
  } {kiln.prefetch_ahead = 0 : i64}
  %s = scf.for %c = %c0 to %c4 step %c1 iter_args(%acc = %r) -> (vector<16xf32>) {
    %w = vector.transfer_read %f[%c, %c0], %zero {in_bounds = [true]} : memref<8x16xf32>, vector<16xf32>
    %n = arith.addf %w, %acc : vector<16xf32>
    scf.yield %n : vector<16xf32>
  } {kiln.prefetch_ahead = "four"}
  return %s : vector<16xf32>
}

// -----

// A reduction loop over the rows of an input that is not constant, marked
// kiln.prefetch_input_ahead = 32 (the input channels of a pointwise
// convolution along output channels, the k of a product): before the first
// and the last scalar load of %x (pixels 3 and 10 of row c, 784 bytes
// apart from row to row) and before the vector read of %y (columns 0..31 of
// row c, 832 bytes apart), a prefetch of the same element in row
// min(c + 32, 63) (computed once per iteration) into L1 (locality 3): the
// first and the last element the group reads, at most a line apart. The
// marks are dropped.
// CHECK-LABEL: func @input_rows
// CHECK: scf.for %[[C:.*]] = %c0 to %c64 step %c1
// CHECK: %[[LAST:.*]] = arith.subi %c64, %c1
// CHECK: %[[AHEAD:.*]] = arith.addi %[[C]], %c32
// CHECK: %[[ROW:.*]] = arith.minsi %[[AHEAD]], %[[LAST]]
// CHECK-NEXT: memref.prefetch %{{.*}}[%[[ROW]], %c3], read, locality<3>, data
// CHECK-NEXT: memref.load %{{.*}}[%[[C]], %c3]
// CHECK-NEXT: memref.prefetch %{{.*}}[%[[ROW]], %c10], read, locality<3>, data
// CHECK-NEXT: memref.load %{{.*}}[%[[C]], %c10]
// CHECK: memref.prefetch %{{.*}}[%[[ROW]], %c0], read, locality<3>, data
// CHECK: %[[COL:.*]] = arith.addi %c0, %c31
// CHECK: memref.prefetch %{{.*}}[%[[ROW]], %[[COL]]], read, locality<3>, data
// CHECK-NEXT: vector.transfer_read
// CHECK-NOT: memref.prefetch
// CHECK-NOT: kiln.prefetch_input_ahead
func.func @input_rows(%x: memref<64x196xf32>, %y: memref<64x208xf32>) -> vector<32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c10 = arith.constant 10 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<32xf32>
  %r = scf.for %c = %c0 to %c64 step %c1 iter_args(%acc = %init) -> (vector<32xf32>) {
    %a = memref.load %x[%c, %c3] : memref<64x196xf32>
    %b = memref.load %x[%c, %c10] : memref<64x196xf32>
    %s = arith.addf %a, %b : f32
    %w = vector.transfer_read %y[%c, %c0], %zero {in_bounds = [true]} : memref<64x208xf32>, vector<32xf32>
    %sb = vector.broadcast %s : f32 to vector<32xf32>
    %n = vector.fma %sb, %w, %acc : vector<32xf32>
    scf.yield %n : vector<32xf32>
  } {kiln.prefetch_input_ahead = 32 : i64}
  return %r : vector<32xf32>
}

// -----

// The reads of a register tile of a pointwise convolution along output
// channels, channels last (kiln-conv-channel-vectors): the 7 pixels' values
// broadcast along the 32 output channels (map (d2, 0): rows 1280 bytes
// apart, but the loop walks their innermost dimension) and the panel of 32
// output channels of a constant filter broadcast to the 7 pixels (map
// (0, d4), 128 bytes per step): the panel's first and last element of step
// min(c + 32, 319) are prefetched into L2 (locality 2: the tile's next
// register tiles read the panel again), the input rows not at all.
// CHECK-LABEL: func @filter_panel
// CHECK: scf.for %[[C:.*]] = %c0 to %c320 step %c1
// CHECK: %[[ROW:.*]] = arith.minsi
// CHECK: vector.transfer_read %{{.*}}[%c0, %c0, %c0, %[[C]]]
// CHECK: memref.prefetch %[[F:.*]][%c3, %[[ROW]], %c0, %c0, %c0], read, locality<2>, data
// CHECK: %[[LASTCOL:.*]] = arith.addi %c0, %c31
// CHECK: memref.prefetch %[[F]][%c3, %[[ROW]], %c0, %c0, %[[LASTCOL]]], read, locality<2>, data
// CHECK-NEXT: vector.transfer_read %[[F]][%c3, %[[C]], %c0, %c0, %c0]
// CHECK-NOT: memref.prefetch
// CHECK-NOT: kiln.prefetch_input_ahead
memref.global "private" constant @panels : memref<40x320x1x1x32xf32> = dense<1.0>
func.func @filter_panel(%x: memref<1x1x49x320xf32>) -> vector<7x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c320 = arith.constant 320 : index
  %zero = arith.constant 0.0 : f32
  %init = arith.constant dense<0.0> : vector<7x32xf32>
  %f = memref.get_global @panels : memref<40x320x1x1x32xf32>
  %r = scf.for %c = %c0 to %c320 step %c1 iter_args(%acc = %init) -> (vector<7x32xf32>) {
    %a = vector.transfer_read %x[%c0, %c0, %c0, %c], %zero {in_bounds = [true, true], permutation_map = affine_map<(d0, d1, d2, d3) -> (d2, 0)>} : memref<1x1x49x320xf32>, vector<7x32xf32>
    %w = vector.transfer_read %f[%c3, %c, %c0, %c0, %c0], %zero {in_bounds = [true, true], permutation_map = affine_map<(d0, d1, d2, d3, d4) -> (0, d4)>} : memref<40x320x1x1x32xf32>, vector<7x32xf32>
    %n = vector.fma %a, %w, %acc : vector<7x32xf32>
    scf.yield %n : vector<7x32xf32>
  } {kiln.prefetch_input_ahead = 32 : i64}
  return %r : vector<7x32xf32>
}

// -----

// Rows less than a cache line apart (the loop walks the innermost
// dimension, which the hardware prefetchers follow), and a mark of 0:
// nothing prefetched, the marks dropped.
// CHECK-LABEL: func @input_contiguous
// CHECK-NOT: memref.prefetch
// CHECK-NOT: kiln.prefetch_input_ahead
func.func @input_contiguous(%x: memref<4x64xf32>, %y: memref<64x196xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %c = %c0 to %c64 step %c1 iter_args(%acc = %zero) -> (f32) {
    %a = memref.load %x[%c0, %c] : memref<4x64xf32>
    %n = arith.addf %a, %acc : f32
    scf.yield %n : f32
  } {kiln.prefetch_input_ahead = 32 : i64}
  %q = scf.for %c = %c0 to %c64 step %c1 iter_args(%acc = %r) -> (f32) {
    %a = memref.load %y[%c, %c0] : memref<64x196xf32>
    %n = arith.addf %a, %acc : f32
    scf.yield %n : f32
  } {kiln.prefetch_input_ahead = 0 : i64}
  return %q : f32
}
