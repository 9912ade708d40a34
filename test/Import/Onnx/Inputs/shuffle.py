"""Models of DepthToSpace, SpaceToDepth and Resize (shuffle.test)."""

from onnxgen import FLOAT, helper, model, save, outdir, floats, ints

d = outdir()
N = helper.make_node

nodes = [
    N("DepthToSpace", ["x"], ["dcr"], blocksize=2),
    N("DepthToSpace", ["x"], ["crd"], blocksize=2, mode="CRD"),
    N("SpaceToDepth", ["x"], ["s2d"], blocksize=2),
]
save(model(nodes, [("x", FLOAT, [1, 8, 4, 4])], [n.output[0] for n in nodes]),
     d, "depth")

# Resize, opset 11: roi and scales are inputs (an empty scales when sizes is
# given).
nodes = [
    N("Resize", ["x", "roi", "scales"], ["nearest"], mode="nearest",
      coordinate_transformation_mode="asymmetric", nearest_mode="floor"),
    N("Resize", ["x", "roi", "empty", "sizes"], ["linear"], mode="linear",
      coordinate_transformation_mode="align_corners"),
]
save(model(nodes, [("x", FLOAT, [1, 3, 4, 4])], [n.output[0] for n in nodes],
           [floats("roi", []), floats("scales", [1, 1, 2, 2]),
            floats("empty", []), ints("sizes", [1, 3, 7, 9])], opset=11),
     d, "resize11")

# Resize, opset 13: roi and scales may be omitted.
nodes = [
    N("Resize", ["x", "", "", "sizes"], ["cubic"], mode="cubic",
      cubic_coeff_a=-0.5, exclude_outside=1),
    N("Resize", ["x", "", "scales"], ["nearest"],
      coordinate_transformation_mode="tf_half_pixel_for_nn",
      nearest_mode="round_prefer_ceil"),
    N("Resize", ["x", "", "scales"], ["pytorch"], mode="linear",
      coordinate_transformation_mode="pytorch_half_pixel"),
]
save(model(nodes, [("x", FLOAT, [1, 3, 4, 4])], [n.output[0] for n in nodes],
           [floats("scales", [1, 1, 1.5, 0.5]), ints("sizes", [1, 3, 8, 8])]),
     d, "resize13")
