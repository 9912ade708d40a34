//===- Canonicalize.cpp - Canonicalization without unsafe patterns --------===//

#include "kiln/Codegen/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

ArrayRef<std::string> mlir::kiln::getUnsafeCanonicalizationPatterns() {
  // MLIR 22's vector.shape_cast folder rewrites
  //   shape_cast(broadcast %x : vector<5x1xf32> to vector<5x5x1xf32>)
  //     : vector<5x5xf32>
  // into `broadcast %x : vector<5x1xf32> to vector<5x5xf32>`, which stretches
  // the other dimension (x[i] instead of x[j] at [i, j]). Unrolled transfer
  // reads with broadcast dimensions produce exactly that (the key operand of
  // Q.K^T tiles in attention).
  static const std::string patterns[] = {
      "(anonymous namespace)::ShapeCastBroadcastFolder"};
  return patterns;
}

std::unique_ptr<Pass>
mlir::kiln::createSafeCanonicalizerPass(bool simplifyRegions) {
  GreedyRewriteConfig config;
  if (!simplifyRegions)
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
  return createCanonicalizerPass(config, getUnsafeCanonicalizationPatterns());
}
