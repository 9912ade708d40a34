//===- KilnAttentionOps.h - kiln attention op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnAttentionOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_H
#define KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_H
