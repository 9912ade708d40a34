//===- KilnAttentionOps.td - Rotary embedding and attention -*- tablegen -*-===//
//
// Rotary position embedding (RoPE) and scaled dot-product attention with optional fused RoPE.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_TD
#define KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_TD

include "kiln/Dialect/Kiln/IR/KilnAttrs.td"

#endif // KILN_DIALECT_KILN_IR_KILNATTENTIONOPS_TD
