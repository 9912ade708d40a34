//===- Passes.h - Graph rewrites of the kiln dialect ------------*- C++ -*-===//

#ifndef KILN_DIALECT_KILN_TRANSFORMS_PASSES_H
#define KILN_DIALECT_KILN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
namespace func {
class FuncOp;
} // namespace func
} // namespace mlir

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "kiln/Dialect/Kiln/Transforms/Passes.h.inc"

/// Adds the pattern that folds a batch norm into the convolution before it.
void populateFoldBatchNormPatterns(RewritePatternSet &patterns);

/// Adds the pattern of kiln-fold-gates: conv2d(mul(x, g), W) with `g` a
/// per-channel scale -> conv2d(x, W * g) where that moves less data.
void populateFoldGatePatterns(RewritePatternSet &patterns);

/// Adds the patterns of kiln-fold-shuffles, which move channel permutations
/// (shuffles, constant gathers on the channels) into the convolutions,
/// concats, slices and other permutations next to them.
void populateFoldShufflePatterns(RewritePatternSet &patterns);

/// Adds the patterns that replace rotary embeddings written with elementwise
/// ops by kiln.rope, join partial ropes and turn theta tables into theta.
void populateRecognizeRopePatterns(RewritePatternSet &patterns);

/// Adds the patterns that fuse softmax attention into kiln.attention and fold
/// ropes, scales, layout transposes and causal masks into it.
void populateFuseAttentionPatterns(RewritePatternSet &patterns);

/// Adds every pattern of kiln-recognize-patterns (the four groups below).
void populateRecognizePatterns(RewritePatternSet &patterns);

/// Adds the patterns that recognize decomposed SiLU, hard-swish,
/// hard-sigmoid and GELU (erf and tanh forms) as their activation ops.
void populateRecognizeActivationPatterns(RewritePatternSet &patterns);

/// Adds the pattern that recognizes a decomposed layer norm (mean, variance,
/// division, optional scale and bias) as `kiln.layer_norm`.
void populateRecognizeNormalizationPatterns(RewritePatternSet &patterns);

/// Adds the patterns that recognize reshape-transpose-reshape chains as
/// channel shuffles, pixel shuffles and pixel unshuffles.
void populateRecognizeShufflePatterns(RewritePatternSet &patterns);

/// Adds the patterns that bring squeeze-excitation blocks to their canonical
/// form (global_avg_pool, 1x1 convolutions, gate, broadcasting mul).
void populateSqueezeExcitationPatterns(RewritePatternSet &patterns);

} // namespace mlir::kiln

#endif // KILN_DIALECT_KILN_TRANSFORMS_PASSES_H
