//===- KilnBase.td - Kiln dialect definition and base classes -*- tablegen -*-===//
//
// The `kiln` dialect: tensor-level operations of convolutional networks and
// transformers, with value semantics and static shapes.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNBASE_TD
#define KILN_DIALECT_KILN_IR_KILNBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Kiln_Dialect : Dialect {
  let name = "kiln";
  let cppNamespace = "::mlir::kiln";
  let summary = "Tensor operations of convolutional networks and transformers";
  let description = [{
    The `kiln` dialect models the building blocks of the networks Kiln compiles:
    convolutions of every kind, matrix products, normalizations, activations,
    pooling and reductions, channel and pixel shuffles, resampling, rotary
    position embedding, attention, and the tensor plumbing between them.

    Every operation works on ranked tensors with static shapes and has value
    semantics. Activation tensors of image models are NCHW at this level;
    layout changes are decisions of later passes. Result types are inferred
    from operands and attributes (`InferTypeOpInterface`), so builders and
    importers never compute shapes themselves; the printed result type is
    checked against the inferred one.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Kiln_Float : AnyTypeOf<[F16, BF16, F32, F64]>;
def Kiln_Int : AnyTypeOf<[I1, I8, I16, I32, I64]>;
def Kiln_Element : AnyTypeOf<[Kiln_Float, Kiln_Int]>;

/// A statically shaped tensor of any element type Kiln supports.
def Kiln_Tensor : StaticShapeTensorOf<[Kiln_Element]>;
/// A statically shaped floating-point tensor.
def Kiln_FloatTensor : StaticShapeTensorOf<[Kiln_Float]>;
/// A statically shaped tensor of integer or floating-point numbers (not i1).
def Kiln_NumericTensor : StaticShapeTensorOf<[Kiln_Float, I8, I16, I32, I64]>;
/// A statically shaped boolean tensor.
def Kiln_BoolTensor : StaticShapeTensorOf<[I1]>;
/// A statically shaped tensor of indices.
def Kiln_IndexTensor : StaticShapeTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Base operation classes
//===----------------------------------------------------------------------===//

/// Every kiln op is side-effect free.
class Kiln_Op<string mnemonic, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic, !listconcat(traits, [Pure])>;

/// A kiln op whose result types are inferred from its operands and attributes.
/// The op's `verify()` runs before the inferred types are compared with the
/// declared ones, so inference can assume verified attributes.
class Kiln_InferOp<string mnemonic, list<Trait> traits = []>
    : Kiln_Op<mnemonic, !listconcat(traits, [InferTypeOpAdaptor])> {
  let hasVerifier = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNBASE_TD
