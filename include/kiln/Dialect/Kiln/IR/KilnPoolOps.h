//===- KilnPoolOps.h - kiln pool op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnPoolOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNPOOLOPS_H
#define KILN_DIALECT_KILN_IR_KILNPOOLOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNPOOLOPS_H
