//===- KilnAttrs.td - Kiln enumerations and attributes ---*- tablegen -*-===//
//
// Enumerations shared by several kiln op families. Each prints as
// `#kiln.<name><value>` in an attribute dictionary and as `<value>` where an
// op's assembly format names it directly.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNATTRS_TD
#define KILN_DIALECT_KILN_IR_KILNATTRS_TD

include "kiln/Dialect/Kiln/IR/KilnBase.td"

class Kiln_EnumAttr<EnumAttrInfo info, string name>
    : EnumAttr<Kiln_Dialect, info, name> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// kiln.pad
//===----------------------------------------------------------------------===//

def Kiln_PadMode : I32EnumAttr<"PadMode", "how kiln.pad fills the border", [
    I32EnumAttrCase<"Constant", 0, "constant">,
    I32EnumAttrCase<"Reflect", 1, "reflect">,
    I32EnumAttrCase<"Edge", 2, "edge">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_PadModeAttr : Kiln_EnumAttr<Kiln_PadMode, "pad_mode">;

//===----------------------------------------------------------------------===//
// kiln.resize
//===----------------------------------------------------------------------===//

def Kiln_ResizeMode : I32EnumAttr<"ResizeMode", "interpolation of kiln.resize", [
    I32EnumAttrCase<"Nearest", 0, "nearest">,
    I32EnumAttrCase<"Linear", 1, "linear">,
    I32EnumAttrCase<"Cubic", 2, "cubic">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_ResizeModeAttr : Kiln_EnumAttr<Kiln_ResizeMode, "resize_mode">;

def Kiln_CoordinateTransform : I32EnumAttr<"CoordinateTransform",
    "how kiln.resize maps an output coordinate to an input coordinate", [
    I32EnumAttrCase<"HalfPixel", 0, "half_pixel">,
    I32EnumAttrCase<"PytorchHalfPixel", 1, "pytorch_half_pixel">,
    I32EnumAttrCase<"AlignCorners", 2, "align_corners">,
    I32EnumAttrCase<"Asymmetric", 3, "asymmetric">,
    I32EnumAttrCase<"TfHalfPixelForNn", 4, "tf_half_pixel_for_nn">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_CoordinateTransformAttr
    : Kiln_EnumAttr<Kiln_CoordinateTransform, "coordinate_transform">;

def Kiln_NearestMode : I32EnumAttr<"NearestMode",
    "how kiln.resize in nearest mode rounds a coordinate", [
    I32EnumAttrCase<"RoundPreferFloor", 0, "round_prefer_floor">,
    I32EnumAttrCase<"RoundPreferCeil", 1, "round_prefer_ceil">,
    I32EnumAttrCase<"Floor", 2, "floor">,
    I32EnumAttrCase<"Ceil", 3, "ceil">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_NearestModeAttr : Kiln_EnumAttr<Kiln_NearestMode, "nearest_mode">;

//===----------------------------------------------------------------------===//
// kiln.pixel_shuffle / kiln.pixel_unshuffle
//===----------------------------------------------------------------------===//

def Kiln_PixelShuffleOrder : I32EnumAttr<"PixelShuffleOrder",
    "channel order of a depth-to-space rearrangement", [
    // ONNX DepthToSpace mode "DCR": channel index = (i * r + j) * C + c.
    I32EnumAttrCase<"DCR", 0, "dcr">,
    // ONNX "CRD" and torch.nn.PixelShuffle: channel index = c * r * r + i * r + j.
    I32EnumAttrCase<"CRD", 1, "crd">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_PixelShuffleOrderAttr
    : Kiln_EnumAttr<Kiln_PixelShuffleOrder, "pixel_shuffle_order">;

//===----------------------------------------------------------------------===//
// kiln.rope / kiln.attention
//===----------------------------------------------------------------------===//

def Kiln_RopePairing : I32EnumAttr<"RopePairing",
    "which features of a head rotary embedding rotates together", [
    // GPT-NeoX / LLaMA `rotate_half`: feature i pairs with i + d/2.
    I32EnumAttrCase<"Half", 0, "half">,
    // RoFormer / GPT-J: feature 2i pairs with 2i + 1.
    I32EnumAttrCase<"Interleaved", 1, "interleaved">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_RopePairingAttr : Kiln_EnumAttr<Kiln_RopePairing, "rope_pairing">;

def Kiln_SequenceLayout : I32EnumAttr<"SequenceLayout",
    "order of the batch, head, sequence and feature dimensions", [
    I32EnumAttrCase<"BHSD", 0, "bhsd">,
    I32EnumAttrCase<"BSHD", 1, "bshd">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_SequenceLayoutAttr
    : Kiln_EnumAttr<Kiln_SequenceLayout, "sequence_layout">;

//===----------------------------------------------------------------------===//
// kiln.gelu
//===----------------------------------------------------------------------===//

def Kiln_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "which formula kiln.gelu evaluates", [
    // x * 0.5 * (1 + erf(x / sqrt(2)))
    I32EnumAttrCase<"None", 0, "none">,
    // x * 0.5 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))
    I32EnumAttrCase<"Tanh", 1, "tanh">]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::kiln";
}
def Kiln_GeluApproximationAttr
    : Kiln_EnumAttr<Kiln_GeluApproximation, "gelu_approximation">;

//===----------------------------------------------------------------------===//
// #kiln.rope: rotary position embedding parameters (kiln.attention)
//===----------------------------------------------------------------------===//

/// An enum parameter with a default value (omitted when printed).
class Kiln_DefaultedEnumParameter<EnumAttrInfo info, string value>
    : EnumParameter<info> {
  let defaultValue = value;
}
def Kiln_RopePairingParameter : Kiln_DefaultedEnumParameter<Kiln_RopePairing,
    "::mlir::kiln::RopePairing::Half">;

/// An f64 parameter with a default, written as a float literal (`10000.0`,
/// `5.0e+05`, or hexadecimal) and printed so that it round-trips exactly.
class Kiln_F64Parameter<string value, string desc>
    : APFloatParameter<desc> {
  let defaultValue = "::llvm::APFloat(" # value # ")";
  let parser = [{[&]() -> ::mlir::FailureOr<::llvm::APFloat> {
      ::llvm::APFloat result(0.0);
      if ($_parser.parseFloat(::llvm::APFloat::IEEEdouble(), result))
        return ::mlir::failure();
      return result;
    }()}];
}

def Kiln_RopeAttr : AttrDef<Kiln_Dialect, "Rope"> {
  let mnemonic = "rope";
  let summary = "rotary position embedding applied to Q and K";
  let description = [{
    The parameters of a rotary position embedding, with exactly the meaning
    of the attributes of the same names on `kiln.rope` (see there for the
    math): `pairing` (default `half`), `rotary_dim` (absent = the head
    dimension D; otherwise even and at least 2, and at most D where used),
    `theta` (the frequency base, finite and positive, default 10000.0) and
    `position_offset` (non-negative, default 0). Parameters equal to their
    default are omitted when printed.

    ```mlir
    #kiln.rope<pairing = interleaved, rotary_dim = 64, theta = 5.0e+05, position_offset = 0>
    #kiln.rope<>   // half pairing over the whole head, theta 10000, offset 0
    ```
  }];
  let parameters = (ins
    Kiln_RopePairingParameter:$pairing,
    OptionalParameter<"std::optional<int64_t>",
                      "number of rotated features (absent: all)">:$rotary_dim,
    Kiln_F64Parameter<"10000.0",
                      "base of the rotation frequencies">:$theta,
    DefaultValuedParameter<"int64_t", "0",
                           "position of the first sequence row">:$position_offset
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // KILN_DIALECT_KILN_IR_KILNATTRS_TD
