//===- PlanArena.h - Plan intermediate buffers into one arena ---*- C++ -*-===//
//
// `kiln-plan-arena`: see PlanArena.cpp. Declared here rather than in
// Passes.td so that the pass and the model interface, which reads the arena
// size it records, stay apart from the other code generation passes.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_PLANARENA_H
#define KILN_CODEGEN_PLANARENA_H

#include "mlir/Pass/Pass.h"

namespace mlir::kiln {

/// Module attribute holding the arena size in bytes (an i64) once planned.
inline constexpr llvm::StringLiteral kArenaSizeAttrName = "kiln.arena_size";
/// Module attributes holding, for the report, the sum of the sizes of the
/// planned buffers and the largest sum of sizes live at one point.
inline constexpr llvm::StringLiteral kArenaBuffersAttrName =
    "kiln.arena_buffers_bytes";
inline constexpr llvm::StringLiteral kArenaPeakLiveAttrName =
    "kiln.arena_peak_live_bytes";
/// Alignment of every buffer in the arena (and of the arena), in bytes.
inline constexpr int64_t kArenaAlignment = 64;

/// Creates the `kiln-plan-arena` pass.
std::unique_ptr<Pass> createPlanArenaPass();

/// Registers `kiln-plan-arena`.
void registerPlanArenaPass();

} // namespace mlir::kiln

#endif // KILN_CODEGEN_PLANARENA_H
