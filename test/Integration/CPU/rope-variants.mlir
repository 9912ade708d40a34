// Every RoPE form kiln-recognize-rope knows, and a LLaMA-style attention
// (grouped-query, causal mask, rotate_half on Q and K) that
// kiln-fuse-attention turns into one kiln.attention, compiled through the
// whole pipeline and compared with the decomposed expressions in numpy. The
// tables are what torch computes in f32 (generated with numpy):
//   inv_freq = 1 / theta ** (arange(0, D, 2) / D)
//   f = outer(arange(S) + offset, inv_freq)
//   cos/sin(cat(f, f)) (half) or cos/sin(repeat_interleave(f, 2)) (interleaved)
// RUN: kiln-compile %s --emit=kiln -o - | FileCheck %s --check-prefix=KILN
// KILN-LABEL: func.func @main
// KILN-NOT: kiln.{{slice|concat|neg|split|softmax|transpose|expand}}
// KILN-DAG: kiln.rope %arg0 : (tensor<1x2x6x8xf32>)
// KILN-DAG: kiln.rope %arg1 {layout = #kiln.sequence_layout<bshd>, position_offset = 3 : i64, theta = 5.000000e+05 : f64}
// KILN-DAG: kiln.rope %arg2 : (tensor<1x2x6x8xf32>)
// KILN-DAG: kiln.rope %arg0 {pairing = #kiln.rope_pairing<interleaved>}
// KILN-DAG: kiln.rope %arg1 {layout = #kiln.sequence_layout<bshd>, pairing = #kiln.rope_pairing<interleaved>, theta = 1.000000e+02 : f64}
// KILN-DAG: kiln.rope %arg3 tables(%{{.*}}, %{{.*}}) :
// KILN-DAG: kiln.rope %arg4 {rotary_dim = 4 : i64}
// KILN-DAG: kiln.attention %arg5, %arg6, %arg7 {causal, layout = #kiln.sequence_layout<bshd>, rope = #kiln.rope<>, scale = 0.35355339{{[0-9]*}} : f64}
// KILN-NOT: kiln.{{slice|concat|neg|split|softmax|transpose|expand}}
// KILN: return
// RUN: kiln-compile %s -o %t.so
// RUN: %pynumpy %kiln_src_root/utils/check-model.py %t.so %S/Inputs/rope-variants.py | FileCheck %s
// CHECK-NOT: FAIL
// CHECK: PASS

module @rope_variants {
  func.func @main(%xa: tensor<1x2x6x8xf32> {kiln.name = "xa"},
                  %xb: tensor<1x6x2x8xf32> {kiln.name = "xb"},
                  %xc: tensor<1x2x6x8xf32> {kiln.name = "xc"},
                  %xd: tensor<1x2x6x8xf32> {kiln.name = "xd"},
                  %xe: tensor<1x2x6x8xf32> {kiln.name = "xe"},
                  %q: tensor<1x6x4x8xf32> {kiln.name = "q"},
                  %k: tensor<1x6x2x8xf32> {kiln.name = "k"},
                  %v: tensor<1x6x2x8xf32> {kiln.name = "v"})
      -> (tensor<1x2x6x8xf32> {kiln.name = "y1"},
          tensor<1x6x2x8xf32> {kiln.name = "y2"},
          tensor<1x2x6x8xf32> {kiln.name = "y3"},
          tensor<1x2x6x8xf32> {kiln.name = "y4"},
          tensor<1x6x2x8xf32> {kiln.name = "y5"},
          tensor<1x2x6x8xf32> {kiln.name = "y6"},
          tensor<1x2x6x8xf32> {kiln.name = "y7"},
          tensor<1x6x32xf32> {kiln.name = "y8"}) {
    // y1: rotate_half on [B, H, S, D], theta 10000.
    %c1 = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.989992499, 0.955336511, 0.999550045, 0.99999553, -0.989992499, 0.955336511, 0.999550045, 0.99999553], [-0.653643608, 0.921060979, 0.999200106, 0.999992013, -0.653643608, 0.921060979, 0.999200106, 0.999992013], [0.28366217, 0.87758255, 0.998750269, 0.999987483, 0.28366217, 0.87758255, 0.998750269, 0.999987483]]]]> : tensor<1x1x6x8xf32>
    %s1 = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.141120002, 0.295520216, 0.0299954992, 0.0029999956, 0.141120002, 0.295520216, 0.0299954992, 0.0029999956], [-0.756802499, 0.389418334, 0.0399893336, 0.00399998948, -0.756802499, 0.389418334, 0.0399893336, 0.00399998948], [-0.958924294, 0.47942555, 0.0499791652, 0.0049999794, -0.958924294, 0.47942555, 0.0499791652, 0.0049999794]]]]> : tensor<1x1x6x8xf32>
    %ahi = kiln.slice %xa {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 6, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %alo = kiln.slice %xa {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 6, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %ang = kiln.neg %ahi : tensor<1x2x6x4xf32>
    %arot = kiln.concat %ang, %alo {axis = -1 : i64} : (tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>) -> tensor<1x2x6x8xf32>
    %axc = kiln.mul %xa, %c1 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %ars = kiln.mul %arot, %s1 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %y1 = kiln.add %axc, %ars : (tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32>

    // y2: rotate_half on [B, S, H, D], theta 500000, positions 3..8.
    %c2 = kiln.constant dense<[[[[-0.989992499, 0.993642807, 0.999991, 1.0, -0.989992499, 0.993642807, 0.999991, 1.0]], [[-0.653643608, 0.988707602, 0.999984026, 1.0, -0.653643608, 0.988707602, 0.999984026, 1.0]], [[0.28366217, 0.98237437, 0.999975026, 0.99999994, 0.28366217, 0.98237437, 0.999975026, 0.99999994]], [[0.960170269, 0.974651992, 0.999963999, 0.99999994, 0.960170269, 0.974651992, 0.999963999, 0.99999994]], [[0.753902256, 0.965551376, 0.999951005, 0.99999994, 0.753902256, 0.965551376, 0.999951005, 0.99999994]], [[-0.145500034, 0.955085456, 0.999935985, 0.999999881, -0.145500034, 0.955085456, 0.999935985, 0.999999881]]]]> : tensor<1x6x1x8xf32>
    %s2 = kiln.constant dense<[[[[0.141120002, 0.112578921, 0.00424262788, 0.000159548872, 0.141120002, 0.112578921, 0.00424262788, 0.000159548872]], [[-0.756802499, 0.149857476, 0.00565682352, 0.000212731829, -0.756802499, 0.149857476, 0.00565682352, 0.000212731829]], [[-0.958924294, 0.18692413, 0.00707100797, 0.000265914772, -0.958924294, 0.18692413, 0.00707100797, 0.000265914772]], [[-0.279415488, 0.223726466, 0.00848517939, 0.000319097744, -0.279415488, 0.223726466, 0.00848517939, 0.000319097744]], [[0.656986594, 0.260212451, 0.00989933219, 0.000372280716, 0.656986594, 0.260212451, 0.00989933219, 0.000372280716]], [[0.989358246, 0.296330452, 0.0113134664, 0.000425463659, 0.989358246, 0.296330452, 0.0113134664, 0.000425463659]]]]> : tensor<1x6x1x8xf32>
    %bhi = kiln.slice %xb {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 6, 2, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x6x2x8xf32>) -> tensor<1x6x2x4xf32>
    %blo = kiln.slice %xb {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 6, 2, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x6x2x8xf32>) -> tensor<1x6x2x4xf32>
    %bng = kiln.neg %bhi : tensor<1x6x2x4xf32>
    %brot = kiln.concat %bng, %blo {axis = -1 : i64} : (tensor<1x6x2x4xf32>, tensor<1x6x2x4xf32>) -> tensor<1x6x2x8xf32>
    %bxc = kiln.mul %xb, %c2 : (tensor<1x6x2x8xf32>, tensor<1x6x1x8xf32>) -> tensor<1x6x2x8xf32>
    %brs = kiln.mul %brot, %s2 : (tensor<1x6x2x8xf32>, tensor<1x6x1x8xf32>) -> tensor<1x6x2x8xf32>
    %y2 = kiln.add %bxc, %brs : (tensor<1x6x2x8xf32>, tensor<1x6x2x8xf32>) -> tensor<1x6x2x8xf32>

    // y3 (on xc): halves from a split, concat(x2, -x1) with -x1 = x1 * -1, and
    // x * cos - rotate(x) * sin.
    %m1 = kiln.constant dense<-1.0> : tensor<f32>
    %clo, %chi = kiln.split %xc {axis = 3 : i64, sizes = array<i64: 4, 4>} : (tensor<1x2x6x8xf32>) -> (tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>)
    %cng = kiln.mul %clo, %m1 : (tensor<1x2x6x4xf32>, tensor<f32>) -> tensor<1x2x6x4xf32>
    %crot = kiln.concat %chi, %cng {axis = 3 : i64} : (tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>) -> tensor<1x2x6x8xf32>
    %cxc = kiln.mul %c1, %xc : (tensor<1x1x6x8xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32>
    %crs = kiln.mul %crot, %s1 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %y3 = kiln.sub %cxc, %crs : (tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32>

    // y4: interleaved (RoFormer's stack/reshape) on [B, H, S, D].
    %c4 = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.540302277, 0.540302277, 0.995004177, 0.995004177, 0.999949992, 0.999949992, 0.999999523, 0.999999523], [-0.416146815, -0.416146815, 0.980066597, 0.980066597, 0.999800026, 0.999800026, 0.999997973, 0.999997973], [-0.989992499, -0.989992499, 0.955336511, 0.955336511, 0.999550045, 0.999550045, 0.99999553, 0.99999553], [-0.653643608, -0.653643608, 0.921060979, 0.921060979, 0.999200106, 0.999200106, 0.999992013, 0.999992013], [0.28366217, 0.28366217, 0.87758255, 0.87758255, 0.998750269, 0.998750269, 0.999987483, 0.999987483]]]]> : tensor<1x1x6x8xf32>
    %s4 = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.841471016, 0.841471016, 0.0998334214, 0.0998334214, 0.00999983307, 0.00999983307, 0.000999999931, 0.000999999931], [0.909297407, 0.909297407, 0.198669329, 0.198669329, 0.0199986659, 0.0199986659, 0.0019999987, 0.0019999987], [0.141120002, 0.141120002, 0.295520216, 0.295520216, 0.0299954992, 0.0299954992, 0.0029999956, 0.0029999956], [-0.756802499, -0.756802499, 0.389418334, 0.389418334, 0.0399893336, 0.0399893336, 0.00399998948, 0.00399998948], [-0.958924294, -0.958924294, 0.47942555, 0.47942555, 0.0499791652, 0.0499791652, 0.0049999794, 0.0049999794]]]]> : tensor<1x1x6x8xf32>
    %dodd = kiln.slice %xa {starts = array<i64: 0, 0, 0, 1>, ends = array<i64: 1, 2, 6, 8>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %deven = kiln.slice %xa {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 6, 7>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %dng = kiln.neg %dodd : tensor<1x2x6x4xf32>
    %du1 = kiln.unsqueeze %dng {axes = array<i64: -1>} : (tensor<1x2x6x4xf32>) -> tensor<1x2x6x4x1xf32>
    %du2 = kiln.unsqueeze %deven {axes = array<i64: -1>} : (tensor<1x2x6x4xf32>) -> tensor<1x2x6x4x1xf32>
    %dst = kiln.concat %du1, %du2 {axis = -1 : i64} : (tensor<1x2x6x4x1xf32>, tensor<1x2x6x4x1xf32>) -> tensor<1x2x6x4x2xf32>
    %drot = kiln.reshape %dst {shape = array<i64: 1, 2, 6, 8>} : (tensor<1x2x6x4x2xf32>) -> tensor<1x2x6x8xf32>
    %dxc = kiln.mul %xa, %c4 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %drs = kiln.mul %drot, %s4 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %y4 = kiln.add %drs, %dxc : (tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32>

    // y5: interleaved on [B, S, H, D], theta 100, negation after the
    // unsqueeze, one unsqueeze written as a reshape.
    %c5 = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]], [[0.540302277, 0.540302277, 0.950415254, 0.950415254, 0.995004177, 0.995004177, 0.999500036, 0.999500036]], [[-0.416146815, -0.416146815, 0.806578398, 0.806578398, 0.980066597, 0.980066597, 0.998000681, 0.998000681]], [[-0.989992499, -0.989992499, 0.582753599, 0.582753599, 0.955336511, 0.955336511, 0.995503366, 0.995503366]], [[-0.653643608, -0.653643608, 0.301137477, 0.301137477, 0.921060979, 0.921060979, 0.992010653, 0.992010653]], [[0.28366217, 0.28366217, -0.0103423381, -0.0103423381, 0.87758255, 0.87758255, 0.987526, 0.987526]]]]> : tensor<1x6x1x8xf32>
    %s5 = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]], [[0.841471016, 0.841471016, 0.310983598, 0.310983598, 0.0998334214, 0.0998334214, 0.0316175073, 0.0316175073]], [[0.909297407, 0.909297407, 0.591127098, 0.591127098, 0.198669329, 0.198669329, 0.0632034019, 0.0632034019]], [[0.141120002, 0.141120002, 0.812648892, 0.812648892, 0.295520216, 0.295520216, 0.0947260931, 0.0947260931]], [[-0.756802499, -0.756802499, 0.953580737, 0.953580737, 0.389418334, 0.389418334, 0.12615408, 0.12615408]], [[-0.958924294, -0.958924294, 0.999946535, 0.999946535, 0.47942555, 0.47942555, 0.157455906, 0.157455906]]]]> : tensor<1x6x1x8xf32>
    %eodd = kiln.slice %xb {starts = array<i64: 0, 0, 0, 1>, ends = array<i64: 1, 6, 2, 8>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x6x2x8xf32>) -> tensor<1x6x2x4xf32>
    %eeven = kiln.slice %xb {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 6, 2, 7>, steps = array<i64: 1, 1, 1, 2>} : (tensor<1x6x2x8xf32>) -> tensor<1x6x2x4xf32>
    %eu0 = kiln.unsqueeze %eodd {axes = array<i64: 4>} : (tensor<1x6x2x4xf32>) -> tensor<1x6x2x4x1xf32>
    %eu1 = kiln.neg %eu0 : tensor<1x6x2x4x1xf32>
    %eu2 = kiln.reshape %eeven {shape = array<i64: 1, 6, 2, 4, 1>} : (tensor<1x6x2x4xf32>) -> tensor<1x6x2x4x1xf32>
    %est = kiln.concat %eu1, %eu2 {axis = -1 : i64} : (tensor<1x6x2x4x1xf32>, tensor<1x6x2x4x1xf32>) -> tensor<1x6x2x4x2xf32>
    %erot = kiln.reshape %est {shape = array<i64: 1, 6, 2, 8>} : (tensor<1x6x2x4x2xf32>) -> tensor<1x6x2x8xf32>
    %exc = kiln.mul %xb, %c5 : (tensor<1x6x2x8xf32>, tensor<1x6x1x8xf32>) -> tensor<1x6x2x8xf32>
    %ers = kiln.mul %erot, %s5 : (tensor<1x6x2x8xf32>, tensor<1x6x1x8xf32>) -> tensor<1x6x2x8xf32>
    %y5 = kiln.add %exc, %ers : (tensor<1x6x2x8xf32>, tensor<1x6x2x8xf32>) -> tensor<1x6x2x8xf32>

    // y6 (on xd): position interpolation (angles of p / 2): explicit tables.
    %c6 = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], [0.87758255, 0.998750269, 0.999987483, 0.999999881, 0.87758255, 0.998750269, 0.999987483, 0.999999881], [0.540302277, 0.995004177, 0.999949992, 0.999999523, 0.540302277, 0.995004177, 0.999949992, 0.999999523], [0.070737198, 0.988771081, 0.999887526, 0.999998868, 0.070737198, 0.988771081, 0.999887526, 0.999998868], [-0.416146815, 0.980066597, 0.999800026, 0.999997973, -0.416146815, 0.980066597, 0.999800026, 0.999997973], [-0.801143587, 0.968912423, 0.999687493, 0.999996901, -0.801143587, 0.968912423, 0.999687493, 0.999996901]]]]> : tensor<1x1x6x8xf32>
    %s6 = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.47942555, 0.0499791689, 0.00499997893, 0.000500000024, 0.47942555, 0.0499791689, 0.00499997893, 0.000500000024], [0.841471016, 0.0998334214, 0.00999983307, 0.000999999931, 0.841471016, 0.0998334214, 0.00999983307, 0.000999999931], [0.997494996, 0.149438143, 0.0149994371, 0.00149999943, 0.997494996, 0.149438143, 0.0149994371, 0.00149999943], [0.909297407, 0.198669329, 0.0199986659, 0.0019999987, 0.909297407, 0.198669329, 0.0199986659, 0.0019999987], [0.598472178, 0.247403964, 0.0249973945, 0.00249999762, 0.598472178, 0.247403964, 0.0249973945, 0.00249999762]]]]> : tensor<1x1x6x8xf32>
    %fhi = kiln.slice %xd {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 6, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %flo = kiln.slice %xd {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 6, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %fng = kiln.neg %fhi : tensor<1x2x6x4xf32>
    %frot = kiln.concat %fng, %flo {axis = -1 : i64} : (tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>) -> tensor<1x2x6x8xf32>
    %fxc = kiln.mul %xd, %c6 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %frs = kiln.mul %frot, %s6 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %y6 = kiln.add %fxc, %frs : (tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32>

    // y7 (on xe): partial rotary, the first 4 of 8 features.
    %c7 = kiln.constant dense<[[[[1.0, 1.0, 1.0, 1.0], [0.540302277, 0.999949992, 0.540302277, 0.999949992], [-0.416146815, 0.999800026, -0.416146815, 0.999800026], [-0.989992499, 0.999550045, -0.989992499, 0.999550045], [-0.653643608, 0.999200106, -0.653643608, 0.999200106], [0.28366217, 0.998750269, 0.28366217, 0.998750269]]]]> : tensor<1x1x6x4xf32>
    %s7 = kiln.constant dense<[[[[0.0, 0.0, 0.0, 0.0], [0.841471016, 0.00999983307, 0.841471016, 0.00999983307], [0.909297407, 0.0199986659, 0.909297407, 0.0199986659], [0.141120002, 0.0299954992, 0.141120002, 0.0299954992], [-0.756802499, 0.0399893336, -0.756802499, 0.0399893336], [-0.958924294, 0.0499791652, -0.958924294, 0.0499791652]]]]> : tensor<1x1x6x4xf32>
    %gxr = kiln.slice %xe {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 6, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %gxp = kiln.slice %xe {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 6, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %ghi = kiln.slice %gxr {starts = array<i64: 0, 0, 0, 2>, ends = array<i64: 1, 2, 6, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x4xf32>) -> tensor<1x2x6x2xf32>
    %glo = kiln.slice %gxr {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 6, 2>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x4xf32>) -> tensor<1x2x6x2xf32>
    %gng = kiln.neg %ghi : tensor<1x2x6x2xf32>
    %grot = kiln.concat %gng, %glo {axis = -1 : i64} : (tensor<1x2x6x2xf32>, tensor<1x2x6x2xf32>) -> tensor<1x2x6x4xf32>
    %gxc = kiln.mul %gxr, %c7 : (tensor<1x2x6x4xf32>, tensor<1x1x6x4xf32>) -> tensor<1x2x6x4xf32>
    %grs = kiln.mul %grot, %s7 : (tensor<1x2x6x4xf32>, tensor<1x1x6x4xf32>) -> tensor<1x2x6x4xf32>
    %gyr = kiln.add %gxc, %grs : (tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>) -> tensor<1x2x6x4xf32>
    %y7 = kiln.concat %gyr, %gxp {axis = 3 : i64} : (tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>) -> tensor<1x2x6x8xf32>

    // y8: LLaMA-style grouped-query attention: [B, S, H, D] projections
    // transposed to [B, H, S, D], rotate_half on Q and K, K and V heads
    // repeated (repeat_kv), scores / sqrt(D) plus a causal -inf mask.
    %qt = kiln.transpose %q {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x6x4x8xf32>) -> tensor<1x4x6x8xf32>
    %kt = kiln.transpose %k {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x6x2x8xf32>) -> tensor<1x2x6x8xf32>
    %vt = kiln.transpose %v {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x6x2x8xf32>) -> tensor<1x2x6x8xf32>
    %qhi = kiln.slice %qt {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 4, 6, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x6x8xf32>) -> tensor<1x4x6x4xf32>
    %qlo = kiln.slice %qt {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 4, 6, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x4x6x8xf32>) -> tensor<1x4x6x4xf32>
    %qng = kiln.neg %qhi : tensor<1x4x6x4xf32>
    %qrot = kiln.concat %qng, %qlo {axis = -1 : i64} : (tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32>) -> tensor<1x4x6x8xf32>
    %qxc = kiln.mul %qt, %c1 : (tensor<1x4x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x4x6x8xf32>
    %qrs = kiln.mul %qrot, %s1 : (tensor<1x4x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x4x6x8xf32>
    %qr = kiln.add %qxc, %qrs : (tensor<1x4x6x8xf32>, tensor<1x4x6x8xf32>) -> tensor<1x4x6x8xf32>
    %khi = kiln.slice %kt {starts = array<i64: 0, 0, 0, 4>, ends = array<i64: 1, 2, 6, 8>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %klo = kiln.slice %kt {starts = array<i64: 0, 0, 0, 0>, ends = array<i64: 1, 2, 6, 4>, steps = array<i64: 1, 1, 1, 1>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x6x4xf32>
    %kng = kiln.neg %khi : tensor<1x2x6x4xf32>
    %krot = kiln.concat %kng, %klo {axis = -1 : i64} : (tensor<1x2x6x4xf32>, tensor<1x2x6x4xf32>) -> tensor<1x2x6x8xf32>
    %kxc = kiln.mul %kt, %c1 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %krs = kiln.mul %krot, %s1 : (tensor<1x2x6x8xf32>, tensor<1x1x6x8xf32>) -> tensor<1x2x6x8xf32>
    %kr = kiln.add %kxc, %krs : (tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32>
    %kk1 = kiln.unsqueeze %kr {axes = array<i64: 2>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x1x6x8xf32>
    %kk2 = kiln.expand %kk1 {shape = array<i64: 1, 2, 2, 6, 8>} : (tensor<1x2x1x6x8xf32>) -> tensor<1x2x2x6x8xf32>
    %kk3 = kiln.reshape %kk2 {shape = array<i64: 1, 4, 6, 8>} : (tensor<1x2x2x6x8xf32>) -> tensor<1x4x6x8xf32>
    %vv1 = kiln.unsqueeze %vt {axes = array<i64: 2>} : (tensor<1x2x6x8xf32>) -> tensor<1x2x1x6x8xf32>
    %vv2 = kiln.expand %vv1 {shape = array<i64: 1, 2, 2, 6, 8>} : (tensor<1x2x1x6x8xf32>) -> tensor<1x2x2x6x8xf32>
    %vv3 = kiln.reshape %vv2 {shape = array<i64: 1, 4, 6, 8>} : (tensor<1x2x2x6x8xf32>) -> tensor<1x4x6x8xf32>
    %kT = kiln.transpose %kk3 {permutation = array<i64: 0, 1, 3, 2>} : (tensor<1x4x6x8xf32>) -> tensor<1x4x8x6xf32>
    %sc = kiln.matmul %qr, %kT : (tensor<1x4x6x8xf32>, tensor<1x4x8x6xf32>) -> tensor<1x4x6x6xf32>
    %rt = kiln.constant dense<2.82842708> : tensor<f32>
    %sd = kiln.div %sc, %rt : (tensor<1x4x6x6xf32>, tensor<f32>) -> tensor<1x4x6x6xf32>
    %causal = kiln.constant dense<[[[[0.0, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0xFF800000, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0xFF800000, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0.0, 0xFF800000], [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]]]> : tensor<1x1x6x6xf32>
    %sm = kiln.add %sd, %causal : (tensor<1x4x6x6xf32>, tensor<1x1x6x6xf32>) -> tensor<1x4x6x6xf32>
    %p = kiln.softmax %sm {axis = -1 : i64} : tensor<1x4x6x6xf32>
    %o = kiln.matmul %p, %vv3 : (tensor<1x4x6x6xf32>, tensor<1x4x6x8xf32>) -> tensor<1x4x6x8xf32>
    %ot = kiln.transpose %o {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x4x6x8xf32>) -> tensor<1x6x4x8xf32>
    %y8 = kiln.reshape %ot {shape = array<i64: 1, 6, 32>} : (tensor<1x6x4x8xf32>) -> tensor<1x6x32xf32>
    return %y1, %y2, %y3, %y4, %y5, %y6, %y7, %y8 : tensor<1x2x6x8xf32>, tensor<1x6x2x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x6x2x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x6x32xf32>
  }
}
