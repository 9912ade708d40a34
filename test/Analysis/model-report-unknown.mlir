// An op whose cost the report does not know (here a call) gets "?" FLOPs and
// no receptive field, and so do the ops after it; the total says "+ ?".
// A report file that cannot be written is one error line.

// RUN: kiln-compile %s --emit=kiln -o /dev/null --report=- | FileCheck %s
// RUN: not kiln-compile %s --emit=kiln -o /dev/null --report=%t.missing/report.txt 2>&1 | FileCheck %s --check-prefix=ERROR
// RUN: not kiln-compile %s --emit=kiln -o /dev/null --report-graph=%t.missing/graph.dot 2>&1 | FileCheck %s --check-prefix=ERROR

// CHECK: model report of @main (4 layers)
// CHECK-NEXT: layer
// CHECK-NEXT: opaque {{ *}}func.call{{ *}}1x4x8x8{{ *}}?{{ *}}0{{ *}}-{{ *}}-{{ *}}-{{$}}
// CHECK-NEXT: after {{ *}}relu{{ *}}1x4x8x8{{ *}}256{{ *}}0{{ *}}-{{ *}}-{{ *}}-{{$}}
// CHECK-NEXT: direct {{ *}}neg{{ *}}1x4x8x8{{ *}}256{{ *}}0{{ *}}1{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: direct {{ *}}relu{{ *}}1x4x8x8{{ *}}256{{ *}}0{{ *}}1{{ *}}1{{ *}}0{{$}}
// CHECK-NEXT: total {{ *}}768 + ?{{ *}}0{{ *}}-{{ *}}-{{ *}}-{{$}}

// ERROR: kiln-compile: error: {{.*}}missing{{.*}}
// ERROR-NOT: error

func.func private @helper(tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>

func.func @main(%x: tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  %0 = func.call @helper(%x) : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> loc("opaque")
  %1 = kiln.relu %0 : tensor<1x4x8x8xf32> loc("after")
  %2 = kiln.neg %x : tensor<1x4x8x8xf32> loc("direct")
  %3 = kiln.relu %2 : tensor<1x4x8x8xf32> loc("direct")
  return %1, %3 : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
}
