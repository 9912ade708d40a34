//===- KilnContractionOps.td - Convolutions and matrix products -*- tablegen -*-===//
//
// Convolutions (regular, grouped, depthwise, pointwise, dilated, transposed) and matrix products.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_TD
#define KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

#endif // KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_TD
