//===- KilnActivationOps.h - kiln activation op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnActivationOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNACTIVATIONOPS_H
#define KILN_DIALECT_KILN_IR_KILNACTIVATIONOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNACTIVATIONOPS_H
