//===- GpuLaunchToLoops.cpp - gpu.launch as loops on the host -------------===//

#include "kiln/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_GPULAUNCHTOLOOPS
#include "kiln/Codegen/GPU/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;

namespace {
struct GpuLaunchToLoopsPass
    : kiln::impl::GpuLaunchToLoopsBase<GpuLaunchToLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<gpu::LaunchOp> launches;
    getOperation().walk(
        [&](gpu::LaunchOp launch) { launches.push_back(launch); });
    IRRewriter rewriter(&getContext());
    for (gpu::LaunchOp launch : launches) {
      Region &body = launch.getBody();
      if (!body.hasOneBlock() || launch.getAsyncToken() ||
          launch.getNumWorkgroupAttributions() ||
          launch.getNumPrivateAttributions()) {
        launch.emitError("only synchronous launches of one block without "
                         "memory attributions run as loops");
        return signalPassFailure();
      }
      Location loc = launch.getLoc();
      rewriter.setInsertionPoint(launch);
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
      gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
      gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
      // Block ids outermost (z, y, x), then thread ids (z, y, x).
      Value sizes[] = {grid.z, grid.y, grid.x, block.z, block.y, block.x};
      Value ivs[6];
      for (int i = 0; i < 6; ++i) {
        auto loop = scf::ForOp::create(rewriter, loc, zero, sizes[i], one);
        ivs[i] = loop.getInductionVar();
        rewriter.setInsertionPoint(loop.getBody()->getTerminator());
      }
      Block &kernel = body.front();
      rewriter.eraseOp(kernel.getTerminator());
      // Block arguments: block ids, thread ids, grid size, block size.
      SmallVector<Value> replacements = {ivs[2], ivs[1],  ivs[0],  ivs[5],
                                         ivs[4], ivs[3],  grid.x,  grid.y,
                                         grid.z, block.x, block.y, block.z};
      if (kernel.getNumArguments() != replacements.size()) {
        launch.emitError("unexpected launch body arguments");
        return signalPassFailure();
      }
      rewriter.inlineBlockBefore(&kernel, rewriter.getInsertionBlock(),
                                 rewriter.getInsertionPoint(), replacements);
      rewriter.eraseOp(launch);
    }
  }
};
} // namespace
