//===- KilnTensorOps.td - Constants and tensor plumbing ---*- tablegen -*-===//
//
// Constants (weights) and the operations that move, reshape, cut and join
// tensors without arithmetic.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD
#define KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

def Kiln_ConstantOp : Kiln_Op<"constant", [ConstantLike, InferTypeOpAdaptor]> {
  let summary = "a constant tensor (weights, biases, shape data)";
  let description = [{
    Produces the tensor held by `value`. Weights are held as
    `dense_resource<name>` attributes: their bytes live in the file's resource
    section (or, after import, in memory only) and are never printed as
    decimal text; small constants may be `dense<...>` literals.

    ```mlir
    %w = kiln.constant dense_resource<conv1_weight> : tensor<16x3x3x3xf32>
    %b = kiln.constant dense<0.5> : tensor<16xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "$value attr-dict";
  let hasFolder = 1;
  let hasVerifier = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD
