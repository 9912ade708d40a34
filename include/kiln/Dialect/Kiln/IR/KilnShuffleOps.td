//===- KilnShuffleOps.td - Shuffles and resampling -*- tablegen -*-===//
//
// Channel shuffle, pixel shuffle and unshuffle (depth-to-space, space-to-depth), and resize.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_TD
#define KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

#endif // KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_TD
