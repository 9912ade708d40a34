//===- KilnElementwiseOps.h - kiln elementwise op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnElementwiseOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_H
#define KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNELEMENTWISEOPS_H
