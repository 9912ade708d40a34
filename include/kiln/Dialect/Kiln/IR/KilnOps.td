//===- KilnOps.td - All kiln operations ------------------*- tablegen -*-===//
//
// Includes every op family; used to generate the dialect reference.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNOPS_TD
#define KILN_DIALECT_KILN_IR_KILNOPS_TD

include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.td"
include "kiln/Dialect/Kiln/IR/KilnActivationOps.td"
include "kiln/Dialect/Kiln/IR/KilnContractionOps.td"
include "kiln/Dialect/Kiln/IR/KilnNormOps.td"
include "kiln/Dialect/Kiln/IR/KilnPoolOps.td"
include "kiln/Dialect/Kiln/IR/KilnShuffleOps.td"
include "kiln/Dialect/Kiln/IR/KilnAttentionOps.td"
include "kiln/Dialect/Kiln/IR/KilnTensorOps.td"

#endif // KILN_DIALECT_KILN_IR_KILNOPS_TD
