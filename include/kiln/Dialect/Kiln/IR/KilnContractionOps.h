//===- KilnContractionOps.h - kiln contraction op family --------------------*- C++ -*-===//
//
// Declares the ops defined in KilnContractionOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_H
#define KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_H

#include "kiln/Dialect/Kiln/IR/KilnDialect.h"

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h.inc"

#endif // KILN_DIALECT_KILN_IR_KILNCONTRACTIONOPS_H
