//===- KilnToLinalg.h - Lower kiln to linalg on tensors ---------*- C++ -*-===//

#ifndef KILN_CONVERSION_KILNTOLINALG_KILNTOLINALG_H
#define KILN_CONVERSION_KILNTOLINALG_KILNTOLINALG_H

namespace mlir {
class ConversionTarget;
class RewritePatternSet;
} // namespace mlir

namespace mlir::kiln {

/// Adds the patterns that lower kiln ops to linalg, tensor, arith and math.
void populateKilnToLinalgConversionPatterns(RewritePatternSet &patterns);

/// Marks the kiln dialect illegal and the dialects the lowering produces
/// legal.
void configureKilnToLinalgTarget(ConversionTarget &target);

} // namespace mlir::kiln

#endif // KILN_CONVERSION_KILNTOLINALG_KILNTOLINALG_H
