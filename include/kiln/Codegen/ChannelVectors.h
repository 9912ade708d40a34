//===- ChannelVectors.h - Which convolutions run along channels -*- C++ -*-===//
//
// The shapes that kiln-conv-channel-vectors computes along output channels,
// in one place for the passes that must agree on them: the pass itself,
// kiln-tile-and-fuse (its pixel tile) and kiln-deinterleave-strided-convs
// (which leaves those convolutions strided: their tiles broadcast input
// values, whatever the stride of the columns they come from).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CODEGEN_CHANNELVECTORS_H
#define KILN_CODEGEN_CHANNELVECTORS_H

#include <algorithm>
#include <cstdint>

namespace mlir::kiln {

/// The largest filter panel a register tile reads from L2 per tile (half the
/// L2 cache of the Zen 2 and Zen 3 machines Kiln is tuned on).
constexpr int64_t kChannelVectorMaxPanelBytes = 256 * 1024;

/// The register tile along a row of `width` output pixels of a convolution
/// vectorized along its output channels, for vectors of `vectorBits`: a
/// tile of `t` pixels holds 2t accumulators next to the panel's two vectors
/// of weights and one broadcast input value: at most 6 pixels in 16 AVX2
/// registers, 8 in 32 AVX-512 ones. The widest such tile whose row
/// remainder is none or at least 4 pixels (8 accumulators keep two FMA
/// units busy): rows of 14 as 5 + 5 + 4, of 28 as 4 x 6 + 4; 0 when there is
/// none (rows of 7 with AVX2: 6 + 1, 5 + 2, 4 + 3).
inline int64_t getChannelVectorPixelTile(int64_t width, int64_t vectorBits) {
  int64_t most = vectorBits >= 512 ? 8 : 6;
  for (int64_t tile = std::min(most, width); tile >= 4; --tile) {
    int64_t rest = width % tile;
    if (rest == 0 || rest >= 4)
      return tile;
  }
  return 0;
}

/// Whether kiln-conv-channel-vectors computes an f32 convolution with a
/// constant filter of `outChannels` x `window` (input channels x KH x KW)
/// and output rows of `width` pixels along its output channels, for vectors
/// of `vectorBits`: rows that are not whole vectors (the lanes a pixel tile
/// would leave idle), output channels in whole panels of two vectors, a
/// window of at least 32 taps, a panel of at most `maxPanelBytes` and a
/// pixel tile for the rows.
inline bool isChannelVectorConv(int64_t outChannels, int64_t window,
                                int64_t width, int64_t vectorBits,
                                int64_t maxPanelBytes) {
  int64_t lanes = vectorBits / 32, panel = 2 * lanes;
  return lanes > 0 && width % lanes != 0 && outChannels % panel == 0 &&
         window >= 32 &&
         window * panel * static_cast<int64_t>(sizeof(float)) <=
             maxPanelBytes &&
         getChannelVectorPixelTile(width, vectorBits) != 0;
}

/// Whether kiln-conv-channel-vectors computes an f32 pointwise (1x1)
/// convolution of `inChannels` into `outChannels` over images of `pixels`
/// (flattened) along its output channels: as isChannelVectorConv for rows of
/// `pixels`, and only where that measured faster than products along the
/// pixels (docs/CPUCodegen.md): at least as many input channels as output
/// channels (1 thread, 14x14: 1024 -> 256 0.88x the time, 384 -> 64 0.78x;
/// 256 -> 1024 1.01x, 64 -> 384 1.13x: a short reduction leaves each tile's
/// transposed store and epilogue less to hide behind) and at least 16 pixel
/// tiles per image, over which a tile reads each panel (7x7 images, 10
/// tiles of 5 and 4 pixels: 1.05-1.35x).
inline bool isChannelVectorPointwise(int64_t inChannels, int64_t outChannels,
                                     int64_t pixels, int64_t vectorBits,
                                     int64_t maxPanelBytes) {
  return inChannels >= outChannels &&
         isChannelVectorConv(outChannels, inChannels, pixels, vectorBits,
                             maxPanelBytes) &&
         pixels >= 16 * getChannelVectorPixelTile(pixels, vectorBits);
}

/// Whether kiln-conv-channel-vectors computes an f32 pointwise convolution
/// of `inChannels` into `outChannels` over images of `pixels` along its
/// output channels from its input transposed to `[N, H * W, C]`: images too
/// small for isChannelVectorPointwise (7x7: 10 pixel tiles, over which the
/// NCHW rows, one cache line per input channel and tile, came from L2 next
/// to the panel), at least `minChannels` input channels (the pass's
/// channels-last-min-channels, 512 by default) and at least a quarter as
/// many output channels, so that the transpose (C x P values) costs little
/// next to the product (C x F x P multiply-adds). Measured against products
/// along pixels, 7x7, 1 / 2 threads (docs/CPUCodegen.md): 2048 -> 512
/// 0.85-0.91, 1024 -> 2048 0.95 / 0.82, 512 -> 2048 0.89 / 0.90, 960 -> 320
/// 0.86-0.88, 512 -> 512 0.89 / 0.99, 576 -> 160 0.91; left alone: 320 ->
/// 1280 0.93 / 1.00, 1152 -> 192 1.01, 960 -> 160 1.00, 160 -> 960 1.01.
/// Those were AVX2 (Zen 3). With 512-bit vectors the products' register
/// tiles over 49 columns are one vector wide (3 x 16 + 1, see getPixelTile
/// in TileAndFuse.cpp), and every such convolution measured faster along
/// output channels (2026-11-29 Xeon, 1 / 2 threads: 960 -> 160 0.72 / 0.87,
/// 320 -> 1280 0.73 / 0.75, 1152 -> 192 0.70 / 0.81, 192 -> 1152 0.81 / 0.94,
/// 160 -> 960 0.93 / 0.94): there neither `minChannels` nor the quarter
/// apply.
inline bool isChannelsLastPointwise(int64_t inChannels, int64_t outChannels,
                                    int64_t pixels, int64_t vectorBits,
                                    int64_t maxPanelBytes,
                                    int64_t minChannels) {
  return (vectorBits >= 512 ||
          (inChannels >= minChannels && 4 * outChannels >= inChannels)) &&
         isChannelVectorConv(outChannels, inChannels, pixels, vectorBits,
                             maxPanelBytes) &&
         pixels < 16 * getChannelVectorPixelTile(pixels, vectorBits);
}

} // namespace mlir::kiln

#endif // KILN_CODEGEN_CHANNELVECTORS_H
