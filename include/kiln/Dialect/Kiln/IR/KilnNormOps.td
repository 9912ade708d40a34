//===- KilnNormOps.td - Normalizations and softmax -*- tablegen -*-===//
//
// Batch normalization (inference form), layer normalization, softmax and log-softmax.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNNORMOPS_TD
#define KILN_DIALECT_KILN_IR_KILNNORMOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

#endif // KILN_DIALECT_KILN_IR_KILNNORMOPS_TD
