//===- dnnl-layers.cpp - Time single layers with oneDNN -------------------===//
//
// The oneDNN side of bench/compare.py: times one layer with oneDNN's CPU
// primitives and prints the median latency.
//
//   dnnl-layers conv N C F H W K GROUPS RUNS
//       convolution, stride 1, 'same' padding, no bias; oneDNN picks the
//       layouts it likes best (format 'any'), as its own benchmarks do, and
//       only the convolution primitive is timed (no reorders).
//   dnnl-layers attention B H S D RUNS
//       softmax(Q K^T / sqrt(D)) V on [B, H, S, D] tensors: a batched matmul
//       with the scale as output scale, a softmax over the last dimension,
//       and a batched matmul, all three timed.
//
// Threads: the library's own threading (OMP_NUM_THREADS for the Debian
// build). Prints "median_ms X min_ms Y" after 50 ms of warm-up runs (at least 3).
//
//===----------------------------------------------------------------------===//

#include "oneapi/dnnl/dnnl.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;

static void fill(memory &m) {
  size_t n = m.get_desc().get_size() / sizeof(float);
  float *p = static_cast<float *>(m.get_data_handle());
  for (size_t i = 0; i < n; ++i)
    p[i] = static_cast<float>((i * 2654435761u) % 1000) / 1000.0f - 0.5f;
}

static void timeRuns(int runs, const std::function<void()> &run, stream &strm) {
  // Warm up for at least 3 runs and 50 ms, as bench/compare.py does for
  // kiln-run: the OpenMP threads get spread over the cores first.
  auto warmupStart = std::chrono::steady_clock::now();
  for (int i = 0; i < 3 || std::chrono::steady_clock::now() - warmupStart <
                               std::chrono::milliseconds(50);
       ++i) {
    run();
    strm.wait();
  }
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    strm.wait();
    auto end = std::chrono::steady_clock::now();
    ms.push_back(
        std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("median_ms %.4f min_ms %.4f\n", ms[ms.size() / 2], ms[0]);
}

static int conv(int argc, char **argv, engine &eng, stream &strm) {
  if (argc != 10)
    return 2;
  memory::dim n = atoi(argv[2]), c = atoi(argv[3]), f = atoi(argv[4]),
              h = atoi(argv[5]), w = atoi(argv[6]), k = atoi(argv[7]),
              g = atoi(argv[8]);
  int runs = atoi(argv[9]);
  memory::dim pad = k / 2;
  memory::desc src({n, c, h, w}, dt::f32, tag::any);
  memory::desc dst({n, f, h, w}, dt::f32, tag::any);
  memory::desc wei =
      g == 1 ? memory::desc({f, c, k, k}, dt::f32, tag::any)
             : memory::desc({g, f / g, c / g, k, k}, dt::f32, tag::any);
  convolution_forward::desc desc(prop_kind::forward_inference,
                                 algorithm::convolution_direct, src, wei, dst,
                                 {1, 1}, {pad, pad}, {pad, pad});
  convolution_forward::primitive_desc pd(desc, eng);
  memory srcMem(pd.src_desc(), eng), weiMem(pd.weights_desc(), eng),
      dstMem(pd.dst_desc(), eng);
  fill(srcMem);
  fill(weiMem);
  convolution_forward prim(pd);
  std::fprintf(stderr, "dnnl-layers: %s\n", pd.impl_info_str());
  timeRuns(
      runs,
      [&] {
        prim.execute(strm, {{DNNL_ARG_SRC, srcMem},
                            {DNNL_ARG_WEIGHTS, weiMem},
                            {DNNL_ARG_DST, dstMem}});
      },
      strm);
  return 0;
}

static int attention(int argc, char **argv, engine &eng, stream &strm) {
  if (argc != 7)
    return 2;
  memory::dim b = atoi(argv[2]), hd = atoi(argv[3]), s = atoi(argv[4]),
              d = atoi(argv[5]);
  int runs = atoi(argv[6]);
  memory::dim bh = b * hd;
  memory::desc q({bh, s, d}, dt::f32, tag::abc);
  memory::desc kt({bh, d, s}, dt::f32, tag::acb); // K read transposed
  memory::desc scores({bh, s, s}, dt::f32, tag::abc);
  memory::desc v({bh, s, d}, dt::f32, tag::abc);
  memory::desc out({bh, s, d}, dt::f32, tag::abc);
  primitive_attr scale;
  scale.set_output_scales(0, {1.0f / std::sqrt(static_cast<float>(d))});
  matmul::primitive_desc qkPd(matmul::desc(q, kt, scores), scale, eng);
  softmax_forward::primitive_desc smPd(
      softmax_forward::desc(prop_kind::forward_inference, scores, 2), eng);
  matmul::primitive_desc pvPd(matmul::desc(scores, v, out), eng);
  memory qMem(q, eng), kMem(kt, eng), vMem(v, eng), sMem(scores, eng),
      oMem(out, eng);
  fill(qMem);
  fill(kMem);
  fill(vMem);
  matmul qk(qkPd), pv(pvPd);
  softmax_forward sm(smPd);
  std::fprintf(stderr, "dnnl-layers: %s / %s / %s\n", qkPd.impl_info_str(),
               smPd.impl_info_str(), pvPd.impl_info_str());
  timeRuns(
      runs,
      [&] {
        qk.execute(strm, {{DNNL_ARG_SRC, qMem},
                          {DNNL_ARG_WEIGHTS, kMem},
                          {DNNL_ARG_DST, sMem}});
        sm.execute(strm, {{DNNL_ARG_SRC, sMem}, {DNNL_ARG_DST, sMem}});
        pv.execute(strm, {{DNNL_ARG_SRC, sMem},
                          {DNNL_ARG_WEIGHTS, vMem},
                          {DNNL_ARG_DST, oMem}});
      },
      strm);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dnnl-layers conv N C F H W K GROUPS RUNS\n"
                         "       dnnl-layers attention B H S D RUNS\n");
    return 2;
  }
  try {
    engine eng(engine::kind::cpu, 0);
    stream strm(eng);
    int status = 2;
    if (!std::strcmp(argv[1], "conv"))
      status = conv(argc, argv, eng, strm);
    else if (!std::strcmp(argv[1], "attention"))
      status = attention(argc, argv, eng, strm);
    if (status == 2)
      std::fprintf(stderr, "dnnl-layers: bad arguments\n");
    return status;
  } catch (dnnl::error &e) {
    std::fprintf(stderr, "dnnl-layers: oneDNN error: %s\n", e.what());
    return 1;
  }
}
