//===- PopulatePatterns.h - KilnToLinalg pattern families -------*- C++ -*-===//
//
// Private to the conversion: one populate function per op family; the pass
// file only assembles them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_LIB_CONVERSION_KILNTOLINALG_POPULATEPATTERNS_H
#define KILN_LIB_CONVERSION_KILNTOLINALG_POPULATEPATTERNS_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::kiln::lowering {

/// kiln.rope and kiln.attention.
void populateAttentionPatterns(RewritePatternSet &patterns);

/// Convolutions and matrix products.
void populateContractionPatterns(RewritePatternSet &patterns);

/// Elementwise ops, activations and constants.
void populateElementwisePatterns(RewritePatternSet &patterns);

/// Batch and layer normalization, softmax and log-softmax.
void populateNormPatterns(RewritePatternSet &patterns);

/// Windowed and global pooling, reductions.
void populatePoolPatterns(RewritePatternSet &patterns);

/// Channel shuffle, pixel shuffle and unshuffle, and resize.
void populateShufflePatterns(RewritePatternSet &patterns);

/// Tensor plumbing: reshapes, transpose, expand, concat, split, slice, pad,
/// gather.
void populateTensorPatterns(RewritePatternSet &patterns);

} // namespace mlir::kiln::lowering

#endif // KILN_LIB_CONVERSION_KILNTOLINALG_POPULATEPATTERNS_H
