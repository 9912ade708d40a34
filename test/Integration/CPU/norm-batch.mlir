// kiln.batch_norm (inference form) compiled for the CPU and compared with a
// numpy reference written from the op description (Inputs/normalization.py):
// rank 2 to 5, a single channel, epsilon 0 and 1e-3, f16, bf16 and f64.
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/norm-batch.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @norm_batch {
  func.func @main(
      %n2: tensor<4x3xf32> {kiln.name = "n2"},
      %n3: tensor<2x5x7xf32> {kiln.name = "n3"},
      %n4: tensor<2x3x5x7xf32> {kiln.name = "n4"},
      %n5: tensor<1x3x3x4x2xf32> {kiln.name = "n5"},
      %n1: tensor<3x1xf32> {kiln.name = "n1"},
      %nh: tensor<2x3x5x7xf16> {kiln.name = "nh"},
      %nb: tensor<2x3x4xbf16> {kiln.name = "nb"},
      %nd: tensor<4x3xf64> {kiln.name = "nd"},
      %sc3: tensor<3xf32> {kiln.name = "sc3"},
      %sc5: tensor<5xf32> {kiln.name = "sc5"},
      %sc1: tensor<1xf32> {kiln.name = "sc1"},
      %sch: tensor<3xf16> {kiln.name = "sch"},
      %scb: tensor<3xbf16> {kiln.name = "scb"},
      %scd: tensor<3xf64> {kiln.name = "scd"},
      %bi3: tensor<3xf32> {kiln.name = "bi3"},
      %bi5: tensor<5xf32> {kiln.name = "bi5"},
      %bi1: tensor<1xf32> {kiln.name = "bi1"},
      %bih: tensor<3xf16> {kiln.name = "bih"},
      %bib: tensor<3xbf16> {kiln.name = "bib"},
      %bid: tensor<3xf64> {kiln.name = "bid"},
      %mu3: tensor<3xf32> {kiln.name = "mu3"},
      %mu5: tensor<5xf32> {kiln.name = "mu5"},
      %mu1: tensor<1xf32> {kiln.name = "mu1"},
      %muh: tensor<3xf16> {kiln.name = "muh"},
      %mub: tensor<3xbf16> {kiln.name = "mub"},
      %mud: tensor<3xf64> {kiln.name = "mud"},
      %va3: tensor<3xf32> {kiln.name = "va3"},
      %va5: tensor<5xf32> {kiln.name = "va5"},
      %va1: tensor<1xf32> {kiln.name = "va1"},
      %vah: tensor<3xf16> {kiln.name = "vah"},
      %vab: tensor<3xbf16> {kiln.name = "vab"},
      %vad: tensor<3xf64> {kiln.name = "vad"})
    -> (
      tensor<4x3xf32> {kiln.name = "bn_rank2"},
      tensor<2x5x7xf32> {kiln.name = "bn_rank3"},
      tensor<2x3x5x7xf32> {kiln.name = "bn_rank4"},
      tensor<1x3x3x4x2xf32> {kiln.name = "bn_rank5"},
      tensor<3x1xf32> {kiln.name = "bn_c1"},
      tensor<2x3x5x7xf32> {kiln.name = "bn_eps1e-3"},
      tensor<2x3x5x7xf32> {kiln.name = "bn_eps0"},
      tensor<2x3x5x7xf16> {kiln.name = "bn_f16"},
      tensor<2x3x4xbf16> {kiln.name = "bn_bf16"},
      tensor<4x3xf64> {kiln.name = "bn_f64"}) {
    %bn_rank2 = kiln.batch_norm %n2, %sc3, %bi3, %mu3, %va3 : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    %bn_rank3 = kiln.batch_norm %n3, %sc5, %bi5, %mu5, %va5 : (tensor<2x5x7xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x5x7xf32>
    %bn_rank4 = kiln.batch_norm %n4, %sc3, %bi3, %mu3, %va3 : (tensor<2x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x5x7xf32>
    %bn_rank5 = kiln.batch_norm %n5, %sc3, %bi3, %mu3, %va3 : (tensor<1x3x3x4x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x3x4x2xf32>
    %bn_c1 = kiln.batch_norm %n1, %sc1, %bi1, %mu1, %va1 : (tensor<3x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<3x1xf32>
    %bn_eps1e-3 = kiln.batch_norm %n4, %sc3, %bi3, %mu3, %va3 {epsilon = 0.001 : f64} : (tensor<2x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x5x7xf32>
    %bn_eps0 = kiln.batch_norm %n4, %sc3, %bi3, %mu3, %va3 {epsilon = 0.0 : f64} : (tensor<2x3x5x7xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x5x7xf32>
    %bn_f16 = kiln.batch_norm %nh, %sch, %bih, %muh, %vah : (tensor<2x3x5x7xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<2x3x5x7xf16>
    %bn_bf16 = kiln.batch_norm %nb, %scb, %bib, %mub, %vab : (tensor<2x3x4xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>, tensor<3xbf16>) -> tensor<2x3x4xbf16>
    %bn_f64 = kiln.batch_norm %nd, %scd, %bid, %mud, %vad : (tensor<4x3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>) -> tensor<4x3xf64>
    return %bn_rank2, %bn_rank3, %bn_rank4, %bn_rank5, %bn_c1, %bn_eps1e-3, %bn_eps0, %bn_f16, %bn_bf16, %bn_f64
        : tensor<4x3xf32>, tensor<2x5x7xf32>, tensor<2x3x5x7xf32>, tensor<1x3x3x4x2xf32>, tensor<3x1xf32>, tensor<2x3x5x7xf32>, tensor<2x3x5x7xf32>, tensor<2x3x5x7xf16>, tensor<2x3x4xbf16>, tensor<4x3xf64>
  }
}
