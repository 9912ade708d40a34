//===- kiln-opt.cpp - Kiln's mlir-opt-style driver ------------------------===//
//
// Parses MLIR with the kiln dialect, runs passes and pipelines, and prints
// the result. Malformed input yields diagnostics and a non-zero exit code.
//
//===----------------------------------------------------------------------===//

#include "kiln/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::kiln::registerAllPasses();
  mlir::DialectRegistry registry;
  mlir::kiln::registerAllDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Kiln optimizer driver\n", registry));
}
