//===- ContractionOps.cpp - kiln contraction op family -------------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnContractionOps.h"

#include "OpUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnContractionOps.cpp.inc"
