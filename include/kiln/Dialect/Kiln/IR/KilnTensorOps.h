//===- KilnTensorOps.h - kiln tensor op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnTensorOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNTENSOROPS_H
#define KILN_DIALECT_KILN_IR_KILNTENSOROPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNTENSOROPS_H
