//===- KilnPoolOps.td - Pooling and reductions -*- tablegen -*-===//
//
// Windowed and global pooling, and reductions over chosen dimensions.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNPOOLOPS_TD
#define KILN_DIALECT_KILN_IR_KILNPOOLOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

#endif // KILN_DIALECT_KILN_IR_KILNPOOLOPS_TD
