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

/// Elementwise ops, activations and constants.
void populateElementwisePatterns(RewritePatternSet &patterns);

/// Channel shuffle, pixel shuffle and unshuffle, and resize.
void populateShufflePatterns(RewritePatternSet &patterns);

} // namespace mlir::kiln::lowering

#endif // KILN_LIB_CONVERSION_KILNTOLINALG_POPULATEPATTERNS_H
