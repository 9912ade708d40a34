//===- KilnShuffleOps.h - kiln shuffle op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnShuffleOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_H
#define KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnShuffleOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNSHUFFLEOPS_H
