//===- NormOps.cpp - kiln norm op family -------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnNormOps.h"

#include "OpUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnNormOps.cpp.inc"
