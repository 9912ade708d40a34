// exp, sigmoid, SiLU, GELU, tanh and erf (kiln-approximate-math's
// polynomials, sigmoid's reciprocal estimate) against float64 numpy on a
// sweep of f32 inputs and the special values: +-inf, NaN, 0, overflow and
// underflow thresholds, denormals.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/activations-special.py | FileCheck %s
// RUN: kiln-compile %s --parallel=false --vector-bits=128 -o %t-128.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t-128.so %S/Inputs/activations-special.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @activations_special {
  func.func @main(%x: tensor<4099xf32> {kiln.name = "x"})
      -> (tensor<4099xf32> {kiln.name = "exp"}, tensor<4099xf32> {kiln.name = "sigmoid"}, tensor<4099xf32> {kiln.name = "silu"}, tensor<4099xf32> {kiln.name = "gelu"}, tensor<4099xf32> {kiln.name = "gelu_tanh"}, tensor<4099xf32> {kiln.name = "tanh"}, tensor<4099xf32> {kiln.name = "erf"}) {
    %exp = kiln.exp %x : tensor<4099xf32>
    %sigmoid = kiln.sigmoid %x : tensor<4099xf32>
    %silu = kiln.silu %x : tensor<4099xf32>
    %gelu = kiln.gelu %x : tensor<4099xf32>
    %gelu_tanh = kiln.gelu %x {approximation = #kiln.gelu_approximation<tanh>} : tensor<4099xf32>
    %tanh = kiln.tanh %x : tensor<4099xf32>
    %erf = kiln.erf %x : tensor<4099xf32>
    return %exp, %sigmoid, %silu, %gelu, %gelu_tanh, %tanh, %erf
        : tensor<4099xf32>, tensor<4099xf32>, tensor<4099xf32>, tensor<4099xf32>, tensor<4099xf32>, tensor<4099xf32>, tensor<4099xf32>
  }
}
