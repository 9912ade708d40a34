//===- KilnOps.h - All kiln operations --------------------------*- C++ -*-===//
//
// Convenience header declaring every kiln op. Files that use one family only
// include that family's header instead.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNOPS_H
#define KILN_DIALECT_KILN_IR_KILNOPS_H

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"
#include "kiln/Dialect/Kiln/IR/KilnAttentionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"
#include "kiln/Dialect/Kiln/IR/KilnElementwiseOps.h"
#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"
#include "kiln/Dialect/Kiln/IR/KilnPoolOps.h"
#include "kiln/Dialect/Kiln/IR/KilnShuffleOps.h"
#include "kiln/Dialect/Kiln/IR/KilnTensorOps.h"

#endif // KILN_DIALECT_KILN_IR_KILNOPS_H
