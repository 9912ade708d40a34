#!/usr/bin/python3
"""Writes test/Integration/CPU/roformer-decomposed.mlir (the model part) from
an actual torch.onnx.export of a small RoFormer-style block.

usage: /usr/bin/python3 roformer-decomposed-export.py [--interleaved] > model.mlir

The block (2 heads of 32 features, 16 tokens) is exported with opset 17 and
the ONNX graph is written out op by op as kiln ops, the way the ONNX importer
maps them (after it folds Shape/Constant inputs into attributes): the rotary
embedding stays slices, negations, concats and multiplications with the
constant cos/sin buffers, and attention stays matmul / div / softmax / matmul.
The projection and layer-norm weights become function arguments (so that the
numpy reference can use random weights); the cos/sin buffers stay constants,
as dense_resource blobs. Requires torch and onnx (Debian's python3).
"""
import io
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import onnx.shape_inference
import torch

B, S, HEADS, DIM = 1, 16, 2, 32
WIDTH = HEADS * DIM


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def rotate_interleaved(x):
    return torch.stack([-x[..., 1::2], x[..., ::2]], dim=-1).reshape_as(x)


class RoFormerBlock(torch.nn.Module):
    def __init__(self, interleaved):
        super().__init__()
        self.ln = torch.nn.LayerNorm(WIDTH)
        self.q = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.k = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.v = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.o = torch.nn.Linear(WIDTH, WIDTH, bias=False)
        self.interleaved = interleaved
        inv_freq = 1.0 / (10000 ** (torch.arange(0, DIM, 2).float() / DIM))
        freqs = torch.outer(torch.arange(S).float(), inv_freq)
        if interleaved:
            emb = torch.repeat_interleave(freqs, 2, dim=-1)
        else:
            emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos", emb.cos()[None, None])
        self.register_buffer("sin", emb.sin()[None, None])

    def rope(self, x):
        rotate = rotate_interleaved if self.interleaved else rotate_half
        return x * self.cos + rotate(x) * self.sin

    def forward(self, x):
        h = self.ln(x)
        b, s, _ = x.shape
        q = self.q(h).view(b, s, HEADS, DIM).transpose(1, 2)
        k = self.k(h).view(b, s, HEADS, DIM).transpose(1, 2)
        v = self.v(h).view(b, s, HEADS, DIM).transpose(1, 2)
        q, k = self.rope(q), self.rope(k)
        scores = torch.matmul(q, k.transpose(-1, -2)) / (DIM ** 0.5)
        a = torch.matmul(scores.softmax(dim=-1), v)
        a = a.transpose(1, 2).reshape(b, s, WIDTH)
        return x + self.o(a)


def tensor_type(shape, element="f32"):
    return "tensor<" + "".join(f"{d}x" for d in shape) + element + ">"


def fold_shapes(model):
    """Replaces Shape nodes by constants and infers every static shape."""
    while True:
        model = onnx.shape_inference.infer_shapes(model)
        known = {}
        for info in list(model.graph.input) + list(model.graph.value_info):
            dims = info.type.tensor_type.shape.dim
            if all(d.HasField("dim_value") for d in dims):
                known[info.name] = [d.dim_value for d in dims]
        folded = False
        for i, node in enumerate(model.graph.node):
            if node.op_type == "Shape" and node.input[0] in known:
                shape = np.array(known[node.input[0]], dtype=np.int64)
                model.graph.node.remove(node)
                model.graph.node.insert(i, onnx.helper.make_node(
                    "Constant", [], [node.output[0]],
                    value=onnx.numpy_helper.from_array(shape)))
                folded = True
        if not folded:
            return model


def translate(model):
    model = fold_shapes(model)
    graph = model.graph
    shapes = {}
    for info in list(graph.input) + list(graph.value_info) + list(graph.output):
        shapes[info.name] = [d.dim_value for d in info.type.tensor_type.shape.dim]
    initializers = {i.name: onnx.numpy_helper.to_array(i) for i in graph.initializer}
    for name, array in initializers.items():
        shapes[name] = list(array.shape)

    # Function arguments: x, then the weights by the node that uses them.
    arg_names = {"x": "x", "ln.weight": "gamma", "ln.bias": "beta"}
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in initializers:
            arg_names[node.input[1]] = "w" + node.name.split("/")[1]
    names = {}
    args = []
    for name, arg in arg_names.items():
        names[name] = "%" + arg
        args.append(f'%{arg}: {tensor_type(shapes[name])} {{kiln.name = "{arg}"}}')

    lines, blobs, constants = [], {}, {}
    counter = [0]

    def fresh(hint):
        counter[0] += 1
        return f"%{hint}{counter[0]}"

    def value(name):
        if name in names:
            return names[name]
        array = initializers[name]
        result = "%" + name
        lines.append(f"    {result} = kiln.constant dense_resource<{name}> : "
                     f"{tensor_type(array.shape)}")
        blobs[name] = "0x04000000" + array.astype("<f4").tobytes().hex().upper()
        names[name] = result
        return result

    def ints(values):
        return "array<i64: " + ", ".join(str(int(v)) for v in values) + ">"

    def attrs(node):
        return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}

    simple = {"Add": "add", "Sub": "sub", "Mul": "mul", "Div": "div"}
    for node in graph.node:
        a = attrs(node)
        out = node.output[0]
        if node.op_type == "Constant":
            constants[out] = onnx.numpy_helper.to_array(a["value"])
            continue
        if node.op_type == "Shape":
            constants[out] = np.array(shapes[node.input[0]], dtype=np.int64)
            continue
        result = fresh(node.op_type.lower())
        out_type = tensor_type(shapes[out])

        def operand(i):
            name = node.input[i]
            if name in constants:
                c = constants[name]
                scalar = fresh("c")
                lines.append(f"    {scalar} = kiln.constant dense<{float(c):.9g}> : "
                             f"{tensor_type(c.shape)}")
                return scalar, tensor_type(c.shape)
            return value(name), tensor_type(shapes[name])

        if node.op_type in simple:
            (l, lt), (r, rt) = operand(0), operand(1)
            lines.append(f"    {result} = kiln.{simple[node.op_type]} {l}, {r} : "
                         f"({lt}, {rt}) -> {out_type}")
        elif node.op_type == "MatMul":
            (l, lt), (r, rt) = operand(0), operand(1)
            lines.append(f"    {result} = kiln.matmul {l}, {r} : ({lt}, {rt}) -> {out_type}")
        elif node.op_type == "Neg":
            x, _ = operand(0)
            lines.append(f"    {result} = kiln.neg {x} : {out_type}")
        elif node.op_type == "Softmax":
            x, _ = operand(0)
            lines.append(f"    {result} = kiln.softmax {x} {{axis = {a.get('axis', -1)} : i64}} : {out_type}")
        elif node.op_type == "LayerNormalization":
            (x, xt), (g, gt), (b, bt) = operand(0), operand(1), operand(2)
            lines.append(f"    {result} = kiln.layer_norm {x} scale {g} bias {b} "
                         f"{{epsilon = {a['epsilon']:.9g} : f64}} : ({xt}, {gt}, {bt}) -> {out_type}")
        elif node.op_type == "Reshape":
            x, xt = operand(0)
            lines.append(f"    {result} = kiln.reshape {x} {{shape = {ints(shapes[out])}}} : ({xt}) -> {out_type}")
        elif node.op_type == "Transpose":
            x, xt = operand(0)
            lines.append(f"    {result} = kiln.transpose {x} {{permutation = {ints(a['perm'])}}} : ({xt}) -> {out_type}")
        elif node.op_type == "Unsqueeze":
            x, xt = operand(0)
            lines.append(f"    {result} = kiln.unsqueeze {x} {{axes = {ints(constants[node.input[1]])}}} : ({xt}) -> {out_type}")
        elif node.op_type == "Concat":
            ins = [operand(i) for i in range(len(node.input))]
            lines.append(f"    {result} = kiln.concat {', '.join(v for v, _ in ins)} {{axis = {a['axis']} : i64}} : "
                         f"({', '.join(t for _, t in ins)}) -> {out_type}")
        elif node.op_type == "Slice":
            x, xt = operand(0)
            in_shape = shapes[node.input[0]]
            rank = len(in_shape)
            starts, ends, steps = [0] * rank, list(in_shape), [1] * rank
            axes = constants[node.input[3]] if len(node.input) > 3 else range(rank)
            step_values = constants[node.input[4]] if len(node.input) > 4 else [1] * len(axes)
            for axis, s, e, k in zip(axes, constants[node.input[1]], constants[node.input[2]], step_values):
                axis = int(axis) % rank
                n = in_shape[axis]
                assert k > 0, "only positive steps"
                s = min(max(int(s) + n if s < 0 else int(s), 0), n)
                e = min(max(int(e) + n if e < 0 else int(e), 0), n)
                starts[axis], ends[axis], steps[axis] = s, e, int(k)
            lines.append(f"    {result} = kiln.slice {x} {{starts = {ints(starts)}, ends = {ints(ends)}, "
                         f"steps = {ints(steps)}}} : ({xt}) -> {out_type}")
        else:
            raise SystemExit(f"unsupported ONNX op {node.op_type}")
        names[out] = result

    output = graph.output[0].name
    text = io.StringIO()
    text.write("module @roformer_decomposed {\n")
    text.write("  func.func @main(" + ",\n                  ".join(args) + ")\n")
    text.write(f'      -> ({tensor_type(shapes[output])} {{kiln.name = "y"}}) {{\n')
    text.write("\n".join(lines) + "\n")
    text.write(f"    return {names[output]} : {tensor_type(shapes[output])}\n  }}\n}}\n\n")
    text.write("{-#\n  dialect_resources: {\n    builtin: {\n")
    text.write(",\n".join(f'      {name}: "{blob}"' for name, blob in blobs.items()))
    text.write("\n    }\n  }\n#-}\n")
    return text.getvalue()


def main():
    torch.manual_seed(0)
    block = RoFormerBlock(interleaved="--interleaved" in sys.argv[1:]).eval()
    buffer = io.BytesIO()
    torch.onnx.export(block, (torch.randn(B, S, WIDTH),), buffer, opset_version=17,
                      input_names=["x"], output_names=["y"])
    sys.stdout.write(translate(onnx.load_from_string(buffer.getvalue())))


if __name__ == "__main__":
    main()
