// The report of a RoFormer block exported from PyTorch: the decomposed
// attention and rotary embedding become one kiln.attention marked as fused
// by kiln-fuse-attention. Its FLOPs (B 1, H 2, S 16, D 32: 512 scores):
// 2 * 512 * 32 (Q K^T) + 2 * 512 * 32 (P V) + 6 * 512 (scale, softmax)
// + 3 * (1024 + 1024) (rope on Q and K) = 74,752. The inputs are not images
// (rank 3), so there is no receptive field.

// RUN: kiln-compile %S/../Integration/CPU/roformer-decomposed.mlir --emit=kiln -o /dev/null --report | FileCheck %s
// RUN: kiln-compile %S/../Integration/CPU/roformer-decomposed.mlir --emit=kiln -o /dev/null --report-graph=%t.dot
// RUN: FileCheck %s --check-prefix=DOT < %t.dot

// CHECK: model report of @main
// CHECK: layer_norm {{ *}}1x16x64{{ *}}8,192{{ *}}0{{ *}}-{{ *}}-{{ *}}-{{$}}
// CHECK: matmul {{ *}}1x16x64{{ *}}131,072{{ *}}0
// CHECK-NOT: {{ }}rope{{ }}
// CHECK: attention {{ *}}1x16x2x32{{ *}}74,752{{ *}}0{{ *}}-{{ *}}-{{ *}}-{{ *}}kiln-fuse-attention{{$}}
// CHECK: total {{ *}}608,256{{ *}}0{{ *}}-

// DOT: [label="{{.*}}\nattention 1x16x2x32\n74,752 FLOPs\nfused: kiln-fuse-attention", style=filled, fillcolor="#ffd27f"];
