// RUN: kiln-opt %s --kiln-llvm-loop-annotations | FileCheck %s

// The annotation that convert-scf-to-cf put on a loop's back edge, and
// convert-cf-to-llvm kept as a discardable attribute, becomes the branch's
// loop_annotation (what the translation to LLVM IR reads); branches without
// one are left alone.
// CHECK: #[[ROLLED:.*]] = #llvm.loop_annotation<unroll = #{{.*}}>
// CHECK-LABEL: llvm.func @loop
// CHECK: llvm.br ^bb1(%{{.*}} : i64)
// CHECK-NOT: loop_annotation
// CHECK: llvm.cond_br
// CHECK-NOT: llvm.loop_annotation
// CHECK: llvm.br ^bb1(%{{.*}} : i64) {loop_annotation = #[[ROLLED]]}
#unroll = #llvm.loop_unroll<disable = true>
#rolled = #llvm.loop_annotation<unroll = #unroll>
llvm.func @loop(%n: i64, %p: !llvm.ptr) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %f = llvm.mlir.constant(1.0 : f32) : f32
  llvm.br ^bb1(%c0 : i64)
^bb1(%i: i64):
  %c = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %c, ^bb2, ^bb3
^bb2:
  %q = llvm.getelementptr %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  llvm.store %f, %q : f32, !llvm.ptr
  %j = llvm.add %i, %c1 : i64
  llvm.br ^bb1(%j : i64) {llvm.loop_annotation = #rolled}
^bb3:
  llvm.return
}
