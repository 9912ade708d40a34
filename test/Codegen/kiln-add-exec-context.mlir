// RUN: kiln-opt %s --kiln-add-exec-context | FileCheck %s

// Public functions get the runtime's `const kiln_exec_ctx_t *` as argument 0.
// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr {kiln.exec_ctx}, %[[X:.*]]: tensor<4xf32>) -> tensor<4xf32>
// CHECK: return %[[X]]
func.func @model(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// A function that has one keeps it.
// CHECK-LABEL: func.func @already
// CHECK-SAME: (%{{.*}}: !llvm.ptr {kiln.exec_ctx}, %{{.*}}: tensor<4xf32>) -> tensor<4xf32>
func.func @already(%ctx: !llvm.ptr {kiln.exec_ctx}, %x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// Private functions and declarations run serially and are left alone.
// CHECK-LABEL: func.func private @helper
// CHECK-SAME: (%{{.*}}: tensor<4xf32>) -> tensor<4xf32>
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// CHECK: func.func private @external(tensor<4xf32>) -> tensor<4xf32>
func.func private @external(%x: tensor<4xf32>) -> tensor<4xf32>
