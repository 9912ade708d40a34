//===- ActivationOps.cpp - Activation functions ---------------------------===//

#include "kiln/Dialect/Kiln/IR/KilnActivationOps.h"

#include "OpUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::detail;

#define GET_OP_CLASSES
#include "kiln/Dialect/Kiln/IR/KilnActivationOps.cpp.inc"

OpFoldResult ReluOp::fold(FoldAdaptor) {
  // relu(relu(x)) = relu(x)
  if (auto inner = getInput().getDefiningOp<ReluOp>())
    return inner.getResult();
  return {};
}

LogicalResult ClipOp::verify() {
  if (!getMin() || !getMax())
    return success();
  double min = getMin()->convertToDouble(), max = getMax()->convertToDouble();
  if (min > max)
    return emitOpError() << "'min' (" << min
                         << ") must not be greater than 'max' (" << max << ")";
  return success();
}

OpFoldResult ClipOp::fold(FoldAdaptor) {
  // A clip without bounds is the identity.
  if (!getMin() && !getMax())
    return getInput();
  return {};
}

LogicalResult PReluOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &results) {
  results.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult PReluOp::verify() {
  auto inputShape = getInput().getType().getShape();
  auto slopeShape = getSlope().getType().getShape();
  if (!broadcastsTo(slopeShape, inputShape))
    return emitOpError() << "'slope' of shape [" << slopeShape
                         << "] does not broadcast to the input shape ["
                         << inputShape << "]";
  return success();
}
