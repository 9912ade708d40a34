// Every elementwise op and activation, compiled for the CPU and compared with
// numpy on random inputs (broadcasting, integer and boolean cases included).
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/elementwise.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @elementwise_ops {
  func.func @main(%a: tensor<3x5x7xf32> {kiln.name = "a"}, %b: tensor<5x1xf32> {kiln.name = "b"}, %p: tensor<3x5x7xf32> {kiln.name = "p"}, %s: tensor<5x1xf32> {kiln.name = "s"}, %c: tensor<3x5x7xi1> {kiln.name = "c"}, %i: tensor<3x5x7xi64> {kiln.name = "i"}, %j: tensor<7xi64> {kiln.name = "j"}, %q: tensor<7xi64> {kiln.name = "q"})
      -> (tensor<3x5x7xf32> {kiln.name = "add"}, tensor<3x5x7xf32> {kiln.name = "sub"}, tensor<3x5x7xf32> {kiln.name = "mul"}, tensor<3x5x7xf32> {kiln.name = "div"}, tensor<3x5x7xf32> {kiln.name = "pow"}, tensor<3x5x7xf32> {kiln.name = "max"}, tensor<3x5x7xf32> {kiln.name = "min"}, tensor<3x5x7xf32> {kiln.name = "neg"}, tensor<3x5x7xf32> {kiln.name = "abs"}, tensor<3x5x7xf32> {kiln.name = "exp"}, tensor<3x5x7xf32> {kiln.name = "log"}, tensor<3x5x7xf32> {kiln.name = "sqrt"}, tensor<3x5x7xf32> {kiln.name = "tanh"}, tensor<3x5x7xf32> {kiln.name = "erf"}, tensor<3x5x7xf32> {kiln.name = "relu"}, tensor<3x5x7xf32> {kiln.name = "clip"}, tensor<3x5x7xf32> {kiln.name = "clip_max"}, tensor<3x5x7xf32> {kiln.name = "leaky_relu"}, tensor<3x5x7xf32> {kiln.name = "prelu"}, tensor<3x5x7xf32> {kiln.name = "elu"}, tensor<3x5x7xf32> {kiln.name = "selu"}, tensor<3x5x7xf32> {kiln.name = "sigmoid"}, tensor<3x5x7xf32> {kiln.name = "hard_sigmoid"}, tensor<3x5x7xf32> {kiln.name = "hard_swish"}, tensor<3x5x7xf32> {kiln.name = "silu"}, tensor<3x5x7xf32> {kiln.name = "gelu"}, tensor<3x5x7xf32> {kiln.name = "gelu_tanh"}, tensor<3x5x7xf32> {kiln.name = "softplus"}, tensor<3x5x7xf32> {kiln.name = "where"}, tensor<3x5x7xf16> {kiln.name = "cast_f16"}, tensor<3x5x7xi64> {kiln.name = "iadd"}, tensor<3x5x7xi64> {kiln.name = "imul"}, tensor<3x5x7xi64> {kiln.name = "idiv"}, tensor<3x5x7xi64> {kiln.name = "imax"}, tensor<3x5x7xi64> {kiln.name = "ineg"}, tensor<3x5x7xi64> {kiln.name = "iabs"}, tensor<3x5x7xi1> {kiln.name = "equal"}, tensor<3x5x7xi32> {kiln.name = "cast_i32"}, tensor<3x5x7xi1> {kiln.name = "cast_bool"}, tensor<3x5x7xf32> {kiln.name = "cast_from_bool"}) {
    %add = kiln.add %a, %b : (tensor<3x5x7xf32>, tensor<5x1xf32>) -> tensor<3x5x7xf32>
    %sub = kiln.sub %b, %a : (tensor<5x1xf32>, tensor<3x5x7xf32>) -> tensor<3x5x7xf32>
    %mul = kiln.mul %a, %b : (tensor<3x5x7xf32>, tensor<5x1xf32>) -> tensor<3x5x7xf32>
    %div = kiln.div %a, %p : (tensor<3x5x7xf32>, tensor<3x5x7xf32>) -> tensor<3x5x7xf32>
    %pow = kiln.pow %p, %a : (tensor<3x5x7xf32>, tensor<3x5x7xf32>) -> tensor<3x5x7xf32>
    %max = kiln.max %a, %b : (tensor<3x5x7xf32>, tensor<5x1xf32>) -> tensor<3x5x7xf32>
    %min = kiln.min %a, %b : (tensor<3x5x7xf32>, tensor<5x1xf32>) -> tensor<3x5x7xf32>
    %neg = kiln.neg %a : tensor<3x5x7xf32>
    %abs = kiln.abs %a : tensor<3x5x7xf32>
    %exp = kiln.exp %a : tensor<3x5x7xf32>
    %log = kiln.log %p : tensor<3x5x7xf32>
    %sqrt = kiln.sqrt %p : tensor<3x5x7xf32>
    %tanh = kiln.tanh %a : tensor<3x5x7xf32>
    %erf = kiln.erf %a : tensor<3x5x7xf32>
    %relu = kiln.relu %a : tensor<3x5x7xf32>
    %clip = kiln.clip %a {min = -0.5, max = 0.75} : tensor<3x5x7xf32>
    %clip_max = kiln.clip %a {max = 0.25} : tensor<3x5x7xf32>
    %leaky_relu = kiln.leaky_relu %a {alpha = 0.1} : tensor<3x5x7xf32>
    %prelu = kiln.prelu %a, %s : (tensor<3x5x7xf32>, tensor<5x1xf32>) -> tensor<3x5x7xf32>
    %elu = kiln.elu %a {alpha = 0.7} : tensor<3x5x7xf32>
    %selu = kiln.selu %a : tensor<3x5x7xf32>
    %sigmoid = kiln.sigmoid %a : tensor<3x5x7xf32>
    %hard_sigmoid = kiln.hard_sigmoid %a {alpha = 0.16666666666666666} : tensor<3x5x7xf32>
    %hard_swish = kiln.hard_swish %a : tensor<3x5x7xf32>
    %silu = kiln.silu %a : tensor<3x5x7xf32>
    %gelu = kiln.gelu %a : tensor<3x5x7xf32>
    %gelu_tanh = kiln.gelu %a {approximation = #kiln.gelu_approximation<tanh>} : tensor<3x5x7xf32>
    %softplus = kiln.softplus %a : tensor<3x5x7xf32>
    %where = kiln.where %c, %a, %b : (tensor<3x5x7xi1>, tensor<3x5x7xf32>, tensor<5x1xf32>) -> tensor<3x5x7xf32>
    %cast_f16 = kiln.cast %a : tensor<3x5x7xf32> to tensor<3x5x7xf16>
    %iadd = kiln.add %i, %j : (tensor<3x5x7xi64>, tensor<7xi64>) -> tensor<3x5x7xi64>
    %imul = kiln.mul %i, %j : (tensor<3x5x7xi64>, tensor<7xi64>) -> tensor<3x5x7xi64>
    %idiv = kiln.div %i, %q : (tensor<3x5x7xi64>, tensor<7xi64>) -> tensor<3x5x7xi64>
    %imax = kiln.max %i, %j : (tensor<3x5x7xi64>, tensor<7xi64>) -> tensor<3x5x7xi64>
    %ineg = kiln.neg %i : tensor<3x5x7xi64>
    %iabs = kiln.abs %i : tensor<3x5x7xi64>
    %equal = kiln.equal %i, %j : (tensor<3x5x7xi64>, tensor<7xi64>) -> tensor<3x5x7xi1>
    %cast_i32 = kiln.cast %a : tensor<3x5x7xf32> to tensor<3x5x7xi32>
    %cast_bool = kiln.cast %i : tensor<3x5x7xi64> to tensor<3x5x7xi1>
    %cast_from_bool = kiln.cast %c : tensor<3x5x7xi1> to tensor<3x5x7xf32>
    return %add, %sub, %mul, %div, %pow, %max, %min, %neg, %abs, %exp, %log, %sqrt, %tanh, %erf, %relu, %clip, %clip_max, %leaky_relu, %prelu, %elu, %selu, %sigmoid, %hard_sigmoid, %hard_swish, %silu, %gelu, %gelu_tanh, %softplus, %where, %cast_f16, %iadd, %imul, %idiv, %imax, %ineg, %iabs, %equal, %cast_i32, %cast_bool, %cast_from_bool
        : tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf32>, tensor<3x5x7xf16>, tensor<3x5x7xi64>, tensor<3x5x7xi64>, tensor<3x5x7xi64>, tensor<3x5x7xi64>, tensor<3x5x7xi64>, tensor<3x5x7xi64>, tensor<3x5x7xi1>, tensor<3x5x7xi32>, tensor<3x5x7xi1>, tensor<3x5x7xf32>
  }
}
