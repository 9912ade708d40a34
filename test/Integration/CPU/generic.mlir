// linalg.generic and linalg.reduce forms the remaining lowerings produce: a
// two-result reduction with linalg.index (argmax, left scalar), a softmax
// chain (row reductions feeding elementwise ops), a transpose scaled by a
// rank-0 tensor, an op that only reads indices, and a reduction to a rank-0
// tensor. Compared with numpy.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/generic.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
module @generic {
  func.func @main(%x: tensor<300x77xf32> {kiln.name = "x"}, %y: tensor<77x300xf32> {kiln.name = "y"}, %s: tensor<f32> {kiln.name = "s"})
      -> (tensor<300xf32> {kiln.name = "rmax"}, tensor<300xi64> {kiln.name = "argmax"}, tensor<300x77xf32> {kiln.name = "softmax"},
          tensor<300x77xf32> {kiln.name = "transposed"}, tensor<300x77xf32> {kiln.name = "iota"}, tensor<f32> {kiln.name = "total"}) {
    %ninf = arith.constant 0xFF800000 : f32
    %zero = arith.constant 0.0 : f32
    %c0 = arith.constant 0 : i64
    %e = tensor.empty() : tensor<300xf32>
    %ei = tensor.empty() : tensor<300xi64>
    %fm = linalg.fill ins(%ninf : f32) outs(%e : tensor<300xf32>) -> tensor<300xf32>
    %fi = linalg.fill ins(%c0 : i64) outs(%ei : tensor<300xi64>) -> tensor<300xi64>
    // argmax with two results
    %r:2 = linalg.generic {indexing_maps = [#id2, #row, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<300x77xf32>) outs(%fm, %fi : tensor<300xf32>, tensor<300xi64>) {
    ^bb0(%v: f32, %m: f32, %i: i64):
      %j = linalg.index 1 : index
      %ji = arith.index_cast %j : index to i64
      %gt = arith.cmpf ogt, %v, %m : f32
      %nm = arith.select %gt, %v, %m : f32
      %ni = arith.select %gt, %ji, %i : i64
      linalg.yield %nm, %ni : f32, i64
    } -> (tensor<300xf32>, tensor<300xi64>)
    // softmax = exp(x - max) / sum
    %e2 = tensor.empty() : tensor<300x77xf32>
    %ex = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %r#0 : tensor<300x77xf32>, tensor<300xf32>) outs(%e2 : tensor<300x77xf32>) {
    ^bb0(%v: f32, %m: f32, %o: f32):
      %d = arith.subf %v, %m : f32
      %ee = math.exp %d : f32
      linalg.yield %ee : f32
    } -> tensor<300x77xf32>
    %fz = linalg.fill ins(%zero : f32) outs(%e : tensor<300xf32>) -> tensor<300xf32>
    %sum = linalg.reduce ins(%ex : tensor<300x77xf32>) outs(%fz : tensor<300xf32>) dimensions = [1]
      (%a: f32, %b: f32) {
        %t = arith.addf %a, %b : f32
        linalg.yield %t : f32
      }
    %sm = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%ex, %sum : tensor<300x77xf32>, tensor<300xf32>) outs(%e2 : tensor<300x77xf32>) {
    ^bb0(%v: f32, %t: f32, %o: f32):
      %q = arith.divf %v, %t : f32
      linalg.yield %q : f32
    } -> tensor<300x77xf32>
    // transpose times scalar
    %tr = linalg.generic {indexing_maps = [#tr, affine_map<(d0, d1) -> ()>, #id2], iterator_types = ["parallel", "parallel"]} ins(%y, %s : tensor<77x300xf32>, tensor<f32>) outs(%e2 : tensor<300x77xf32>) {
    ^bb0(%v: f32, %k: f32, %o: f32):
      %q = arith.mulf %v, %k : f32
      linalg.yield %q : f32
    } -> tensor<300x77xf32>
    // iota from indices
    %io = linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]} outs(%e2 : tensor<300x77xf32>) {
    ^bb0(%o: f32):
      %i = linalg.index 0 : index
      %j = linalg.index 1 : index
      %k = arith.muli %i, %j : index
      %ki = arith.index_cast %k : index to i64
      %f = arith.sitofp %ki : i64 to f32
      linalg.yield %f : f32
    } -> tensor<300x77xf32>
    // total sum to a 0-d tensor
    %e0 = tensor.empty() : tensor<f32>
    %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
    %tot = linalg.reduce ins(%x : tensor<300x77xf32>) outs(%f0 : tensor<f32>) dimensions = [0, 1]
      (%a: f32, %b: f32) {
        %t = arith.addf %a, %b : f32
        linalg.yield %t : f32
      }
    return %r#0, %r#1, %sm, %tr, %io, %tot : tensor<300xf32>, tensor<300xi64>, tensor<300x77xf32>, tensor<300x77xf32>, tensor<300x77xf32>, tensor<f32>
  }
}
