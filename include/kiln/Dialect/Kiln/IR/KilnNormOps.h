//===- KilnNormOps.h - kiln norm op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnNormOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNNORMOPS_H
#define KILN_DIALECT_KILN_IR_KILNNORMOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnNormOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNNORMOPS_H
