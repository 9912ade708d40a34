// RUN: kiln-compile %s --emit=llvm -o - | FileCheck %s
// RUN: kiln-compile %s -O0 --emit=llvm -o - | FileCheck %s --check-prefix=ENTRY

// The shared object's interface: the descriptor (ABI version 1, struct size,
// names, dtypes, shapes), the entry wrapper that unpacks the buffer arrays,
// and the one exported query function.

// CHECK-DAG: %kiln_model_desc_t = type { i32, i32, ptr, ptr, i32, i32, ptr, ptr, i64, i64, ptr }
// CHECK-DAG: @kiln.model.name = private unnamed_addr constant [6 x i8] c"model\00"
// CHECK-DAG: @kiln.model.target = private unnamed_addr constant [4 x i8] c"cpu\00"
// CHECK-DAG: @kiln.inputs.0.name = private unnamed_addr constant [6 x i8] c"image\00"
// CHECK-DAG: @kiln.inputs.1.name = private unnamed_addr constant [7 x i8] c"input1\00"
// CHECK-DAG: @kiln.outputs.0.name = private unnamed_addr constant [6 x i8] c"score\00"
// CHECK-DAG: @kiln.outputs.1.name = private unnamed_addr constant [5 x i8] c"mask\00"
// Equal shape arrays may be merged by LLVM.
// CHECK-DAG: @[[SHAPE:kiln\..*\.shape]] = private unnamed_addr constant [3 x i64] [i64 2, i64 3, i64 5]
// Input #1 is a rank-0 tensor: no shape array.
// CHECK-DAG: @kiln.inputs = private unnamed_addr constant [2 x %kiln_tensor_desc_t] [%kiln_tensor_desc_t { ptr @kiln.inputs.0.name, i32 1, i32 3, ptr @[[SHAPE]] }, %kiln_tensor_desc_t { ptr @kiln.inputs.1.name, i32 1, i32 0, ptr null }]
// f32 is dtype 1, bool (i1) is dtype 10.
// CHECK-DAG: @kiln.outputs = private unnamed_addr constant [2 x %kiln_tensor_desc_t] [%kiln_tensor_desc_t { ptr @kiln.outputs.0.name, i32 1, i32 3, ptr @[[SHAPE]] }, %kiln_tensor_desc_t { ptr @kiln.outputs.1.name, i32 10, i32 3, ptr @[[SHAPE]] }]
// CHECK-DAG: @kiln.model = private unnamed_addr constant %kiln_model_desc_t { i32 1, i32 72, ptr @kiln.model.name, ptr @kiln.model.target, i32 2, i32 2, ptr @kiln.inputs, ptr @kiln.outputs, i64 0, i64 64, ptr @kiln.entry }

// The entry passes its execution context through as the model function's
// first argument, then the input and output buffers.
// ENTRY-LABEL: define internal i32 @kiln.entry(ptr %0, ptr %1, ptr %2, ptr %3)
// ENTRY: %[[IN0:.*]] = load ptr, ptr %{{.*}}
// ENTRY: %[[IN1:.*]] = load ptr, ptr %{{.*}}
// ENTRY: %[[OUT0:.*]] = load ptr, ptr %{{.*}}
// ENTRY: %[[OUT1:.*]] = load ptr, ptr %{{.*}}
// ENTRY: call void @main(ptr %0, ptr %[[IN0]], ptr %[[IN1]], ptr %[[OUT0]], ptr %[[OUT1]])
// ENTRY: ret i32 0

// CHECK: define internal {{.*}}i32 @kiln.entry(ptr {{.*}}, ptr {{.*}}, ptr {{.*}}, ptr {{.*}})
// CHECK: ret i32 0
// CHECK: define {{.*}}ptr @kiln_query_model(i32 {{.*}})
// CHECK-NEXT: ret ptr @kiln.model
// The model function itself is not exported.
// CHECK-NOT: define {{(dso_local )?}}void @main

module @model {
  func.func @main(%x: tensor<2x3x5xf32> {kiln.name = "image"}, %t: tensor<f32>)
      -> (tensor<2x3x5xf32> {kiln.name = "score"}, tensor<2x3x5xi1> {kiln.name = "mask"}) {
    %0 = kiln.mul %x, %t : (tensor<2x3x5xf32>, tensor<f32>) -> tensor<2x3x5xf32>
    %1 = kiln.equal %0, %x : (tensor<2x3x5xf32>, tensor<2x3x5xf32>) -> tensor<2x3x5xi1>
    return %0, %1 : tensor<2x3x5xf32>, tensor<2x3x5xi1>
  }
  // Private helpers are allowed next to the model function.
  func.func private @unused(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}
