//===- KilnTensorOps.td - Constants and tensor plumbing ---*- tablegen -*-===//
//
// Constants (weights) and the operations that move, reshape, cut and join
// tensors without arithmetic.
//
// All shapes are static. The ONNX importer resolves the dynamic conventions of
// ONNX (`-1` and `0` in Reshape shapes, out-of-range Slice bounds, negative
// indices) before it builds these ops; where an attribute below accepts a
// negative axis `a` of a rank-`r` tensor, it means axis `a + r`.
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

//===----------------------------------------------------------------------===//
// Reshapes: reshape, flatten, squeeze, unsqueeze
//===----------------------------------------------------------------------===//

def Kiln_ReshapeOp : Kiln_InferOp<"reshape", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "reinterprets a tensor with another shape";
  let description = [{
    Returns the elements of `input`, in row-major order, as a tensor of shape
    `shape`. Every entry of `shape` is an explicit size `>= 0` (ONNX `-1` and
    `0` are resolved by the importer), and the element counts must match:

    ```
    prod(shape) == prod(input.shape)
    output[j] = input[i]   where linear(j, shape) == linear(i, input.shape)
    ```

    Folds: a reshape to the input's type is the input;
    `reshape(reshape(x))`, and a reshape of a `kiln.flatten`, `kiln.squeeze`
    or `kiln.unsqueeze`, becomes one reshape of `x`; a reshape of a constant
    (`dense` splat or not) is the reshaped constant. Canonicalization moves a
    reshape that only drops dimensions of size 1 above a transpose it reads
    (`reshape(transpose(x))` becomes `transpose(reshape(x))`), where the
    transpose can meet another one.

    ```mlir
    %0 = kiln.reshape %x {shape = array<i64: 2, 3, 4>}
        : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Kiln_FlattenOp : Kiln_InferOp<"flatten", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "flattens a tensor into a matrix (ONNX Flatten)";
  let description = [{
    Reshapes `input` (rank `r`) into a 2-D tensor, splitting the dimensions
    before `axis` from those from `axis` on; `axis` is in `[0, r]` (an empty
    product is 1):

    ```
    output.shape = [prod(input.shape[0:axis]), prod(input.shape[axis:r])]
    ```

    Folds: a flatten that does not change the type is the input; a flatten of
    a constant is the reshaped constant. Canonicalization: a flatten of a
    `kiln.reshape`, `kiln.flatten`, `kiln.squeeze` or `kiln.unsqueeze`
    becomes one `kiln.reshape`.

    ```mlir
    %0 = kiln.flatten %x {axis = 1 : i64}
        : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input,
                       DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Kiln_SqueezeOp : Kiln_InferOp<"squeeze", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "removes dimensions of size 1 (ONNX Squeeze)";
  let description = [{
    Removes the dimensions listed in `axes` from `input` (rank `r`). Each entry
    is in `[-r, r)` (negative `a` means `a + r`), names a dimension of size 1,
    and no dimension is named twice. With `axes` empty (the default), every
    dimension of size 1 is removed, as in ONNX.

    ```
    output.shape = [input.shape[d] for d in 0..r-1 if d not in axes]
    ```

    Folds: a squeeze that does not change the type is the input;
    `squeeze(unsqueeze(x))` (or any reshape-like producer) that gives back
    the type of `x` is `x`; a squeeze of a constant is the reshaped constant.
    Canonicalization: a squeeze of a `kiln.reshape`, `kiln.flatten`,
    `kiln.squeeze` or `kiln.unsqueeze` becomes one `kiln.reshape`.

    ```mlir
    %0 = kiln.squeeze %x {axes = array<i64: 0, -1>}
        : (tensor<1x3x4x1xf32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$axes);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Kiln_UnsqueezeOp : Kiln_InferOp<"unsqueeze", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "inserts dimensions of size 1 (ONNX Unsqueeze)";
  let description = [{
    Inserts a dimension of size 1 at each position of `axes`, which are
    positions in the OUTPUT: for an input of rank `r` and `n = len(axes)`, the
    output has rank `r + n`, each entry is in `[-(r+n), r+n)` (negative `a`
    means `a + r + n`) and no position is named twice. The other output
    dimensions are the input dimensions in order:

    ```
    output.shape[p] = 1                 if p in axes
    output.shape[p] = input.shape[k]    otherwise, for the k-th such p
    ```

    Folds: an unsqueeze with empty `axes` is the input; an unsqueeze of a
    reshape-like producer that gives back that producer's input type is that
    input; an unsqueeze of a constant is the reshaped constant.
    Canonicalization: an unsqueeze of a `kiln.reshape`, `kiln.flatten`,
    `kiln.squeeze` or `kiln.unsqueeze` becomes one `kiln.reshape`.

    ```mlir
    %0 = kiln.unsqueeze %x {axes = array<i64: 0, 3>}
        : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Transpose and expand
//===----------------------------------------------------------------------===//

def Kiln_TransposeOp : Kiln_InferOp<"transpose", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "permutes the dimensions of a tensor (ONNX Transpose)";
  let description = [{
    Output dimension `i` is input dimension `permutation[i]`, where
    `permutation` is a permutation of `0 .. r-1` for an input of rank `r`:

    ```
    output.shape[i] = input.shape[permutation[i]]
    output[j] = input[k]   where k[permutation[i]] = j[i] for all i
    ```

    Folds: the identity permutation gives the input;
    `transpose(transpose(x, p), q)` becomes `transpose(x, c)` with
    `c[i] = p[q[i]]`; a transpose of a splat constant is the splat constant of
    the result type. Canonicalization makes a transpose that keeps the order
    of the dimensions larger than 1 (it moves only dimensions of size 1) a
    `kiln.reshape`, which copies nothing.

    ```mlir
    %0 = kiln.transpose %x {permutation = array<i64: 0, 2, 3, 1>}
        : (tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Kiln_ExpandOp : Kiln_InferOp<"expand", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "broadcasts a tensor to a shape (ONNX Expand)";
  let description = [{
    Broadcasts `input` against `shape` in both directions, as ONNX `Expand`:
    the output shape is the numpy broadcast of `input.shape` and `shape`
    (aligned on trailing dimensions, a missing leading dimension counts as 1,
    each pair of sizes must be equal or contain a 1). So `shape` may be
    shorter than the input's rank or hold 1 where the input is larger. Entries
    of `shape` are `>= 0`. In a broadcast error, operand #0 is the input and
    operand #1 is `shape`.

    ```
    output.shape = broadcast(input.shape, shape)
    output[j] = input[i]   with i[d] = (input.shape[d] == 1 ? 0 : j[d + offset])
    ```

    Folds: an expand that does not change the type is the input; an expand of
    a splat constant is the splat constant of the result type.

    ```mlir
    %0 = kiln.expand %x {shape = array<i64: 2, 1, 4>}
        : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Joining and cutting: concat, split, slice, pad, gather
//===----------------------------------------------------------------------===//

def Kiln_ConcatOp : Kiln_InferOp<"concat"> {
  let summary = "joins tensors along one dimension (ONNX Concat)";
  let description = [{
    Concatenates one or more `inputs` of equal rank `r` and element type along
    `axis`, which is in `[-r, r)` (negative `a` means `a + r`). Every other
    dimension has the same size in all inputs:

    ```
    output.shape[axis] = sum_k inputs[k].shape[axis]
    output[.., o_k + j, ..] = inputs[k][.., j, ..]
        where o_k = sum_{m < k} inputs[m].shape[axis]
    ```

    Folds: a concat of a single input is that input.

    ```mlir
    %0 = kiln.concat %a, %b {axis = 1 : i64}
        : (tensor<1x16x8x8xf32>, tensor<1x32x8x8xf32>) -> tensor<1x48x8x8xf32>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$inputs attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_SplitOp : Kiln_InferOp<"split"> {
  let summary = "cuts a tensor into pieces along one dimension (ONNX Split)";
  let description = [{
    Cuts `input` (rank `r`) along `axis` (in `[-r, r)`, negative `a` means
    `a + r`) into one result per entry of `sizes`. The sizes are `>= 0`, there
    is at least one, and they sum to `input.shape[axis]`:

    ```
    outputs[k].shape[axis] = sizes[k]
    outputs[k][.., j, ..] = input[.., o_k + j, ..]
        where o_k = sum_{m < k} sizes[m]
    ```

    Folds: a split into one piece is the input.

    ```mlir
    %0:2 = kiln.split %x {axis = 1 : i64, sizes = array<i64: 16, 48>}
        : (tensor<1x64x8x8xf32>) -> (tensor<1x16x8x8xf32>, tensor<1x48x8x8xf32>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DenseI64ArrayAttr:$sizes);
  let results = (outs Variadic<Kiln_Tensor>:$outputs);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_SliceOp : Kiln_InferOp<"slice", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "takes a strided window of a tensor (ONNX Slice)";
  let description = [{
    `starts`, `ends` and `steps` have one entry per dimension of `input` and
    are already normalized (the importer clamps ONNX bounds, resolves negative
    indices and fills in omitted axes). Per dimension `d` of size `n`, with
    `s = starts[d]`, `e = ends[d]`, `k = steps[d]`, `k != 0`:

    * `k > 0`: `0 <= s <= e <= n`; indices `s, s+k, s+2k, ...` below `e`.
    * `k < 0`: `-1 <= e <= s <= n-1`; indices `s, s+k, ...` above `e`
      (reverse traversal; `e = -1` means "through index 0").

    ```
    output.shape[d] = max(0, ceil((e - s) / k))
    output[j] = input[i]   with i[d] = starts[d] + j[d] * steps[d]
    ```

    Folds: a slice with all steps 1 that keeps the input's type (so it covers
    the whole tensor) is the input; a slice of a splat constant is the splat
    constant of the result type.

    ```mlir
    %0 = kiln.slice %x {starts = array<i64: 0, 7>, ends = array<i64: 4, -1>,
                        steps = array<i64: 2, -1>}
        : (tensor<5x8xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$ends, DenseI64ArrayAttr:$steps);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_PadOp : Kiln_InferOp<"pad", [
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "pads the borders of a tensor (ONNX Pad)";
  let description = [{
    Adds `pads[d]` elements before and `pads[r + d]` elements after every
    dimension `d` of `input` (rank `r`): `pads` has `2 * r` entries in ONNX
    order (all begins, then all ends). For now every entry is `>= 0`
    (negative pads, i.e. cropping, are expressed with `kiln.slice`).

    ```
    output.shape[d] = pads[d] + input.shape[d] + pads[r + d]
    ```

    `mode` says what fills the border:

    * `constant` (default): `value` (default 0, converted to the element
      type); `value` is ignored in the other modes.
    * `reflect`: the input mirrored at its edge, without repeating the edge
      element (`[1, 2, 3]` padded by 2 before: `[3, 2, 1, 2, 3]`); each pad of
      a dimension must be smaller than that dimension's size.
    * `edge`: the edge element repeated; a dimension that is padded must not be
      empty.

    Folds: a pad with all pads 0 is the input.

    ```mlir
    %0 = kiln.pad %x {mode = #kiln.pad_mode<reflect>,
                      pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<Kiln_PadModeAttr,
                           "::mlir::kiln::PadMode::Constant">:$mode,
                       DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_GatherOp : Kiln_InferOp<"gather", [
    AllElementTypesMatch<["data", "output"]>]> {
  let summary = "gathers slices of a tensor by index (ONNX Gather)";
  let description = [{
    Picks the slices of `data` (rank `r`) along `axis` (in `[-r, r)`,
    negative `a` means `a + r`) named by `indices` (any shape, `i32` or `i64`,
    rank 0 removes the dimension):

    ```
    output.shape = data.shape[:axis] + indices.shape + data.shape[axis+1:]
    output[a.., j.., b..] = data[a.., indices[j..], b..]
    ```

    As in ONNX, index values are checked only at run time: a negative index
    `i` means `i + data.shape[axis]`, and an index outside
    `[-data.shape[axis], data.shape[axis])` is undefined behavior.

    ```mlir
    %0 = kiln.gather %table, %ids {axis = 0 : i64}
        : (tensor<32000x512xf32>, tensor<1x16xi64>) -> tensor<1x16x512xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$data `,` $indices attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_DIALECT_KILN_IR_KILNTENSOROPS_TD
