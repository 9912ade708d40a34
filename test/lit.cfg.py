# -*- Python -*-
# lit configuration of the Kiln test suite.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "Kiln"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_obj_root, "test")

config.substitutions.append(("%kiln_src_root", config.kiln_src_root))
config.substitutions.append(("%kiln_obj_root", config.kiln_obj_root))

llvm_config.with_system_environment(["HOME", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.kiln_tools_dir, config.llvm_tools_dir]
tools = ["kiln-opt", "kiln-compile", "kiln-run", "FileCheck", "not", "count", "llvm-nm"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

import sys
config.substitutions.append(("%python", sys.executable))
# Debian's python3 with numpy (the first python3 on PATH may lack it).
config.substitutions.append(("%pynumpy", "/usr/bin/python3"))

# ptxas (CUDA toolkit) assembles the PTX of --target=cuda models; tests that
# run it require the `ptxas` feature and call it as %ptxas.
import shutil
ptxas = None
for root in [os.environ.get("CUDA_PATH"), os.environ.get("CUDA_HOME"),
             "/usr/local/cuda"]:
    if root and os.access(os.path.join(root, "bin", "ptxas"), os.X_OK):
        ptxas = os.path.join(root, "bin", "ptxas")
        break
if ptxas is None:
    ptxas = shutil.which("ptxas")
if ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
