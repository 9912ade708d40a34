/*===- values.c - Random inputs and printed values -------------------------===*
 *
 * Includes the float <-> f16/bf16 conversions the tool needs, so that it
 * depends on nothing but libc.
 *
 *===----------------------------------------------------------------------===*/

#include "values.h"

#include <string.h>

static uint64_t nextRandom(random_state_t *random) {
  uint64_t z = (random->state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint32_t floatBits(float value) {
  uint32_t bits;
  memcpy(&bits, &value, sizeof(bits));
  return bits;
}

static float bitsFloat(uint32_t bits) {
  float value;
  memcpy(&value, &bits, sizeof(value));
  return value;
}

/// Rounds a finite float in the normal f16 range to binary16 (nearest even).
/// Enough for values in [-1, 1); subnormal results flush to signed zero.
static uint16_t floatToHalf(float value) {
  uint32_t bits = floatBits(value);
  uint16_t sign = (uint16_t)((bits >> 16) & 0x8000);
  int32_t exponent = (int32_t)((bits >> 23) & 0xff) - 127 + 15;
  uint32_t mantissa = bits & 0x7fffff;
  if (exponent <= 0)
    return sign;
  if (exponent >= 31)
    return (uint16_t)(sign | 0x7c00);
  uint32_t half = ((uint32_t)exponent << 10) | (mantissa >> 13);
  uint32_t rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest == 0x1000 && (half & 1)))
    ++half; // May carry into the exponent, which is still correct.
  return (uint16_t)(sign | half);
}

static float halfToFloat(uint16_t half) {
  uint32_t sign = (uint32_t)(half & 0x8000) << 16;
  uint32_t exponent = (half >> 10) & 0x1f;
  uint32_t mantissa = half & 0x3ff;
  if (exponent == 0x1f)
    return bitsFloat(sign | 0x7f800000 | (mantissa << 13));
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24.
    float magnitude = (float)mantissa / 16777216.0f;
    return sign ? -magnitude : magnitude;
  }
  return bitsFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

static uint16_t floatToBf16(float value) {
  uint32_t bits = floatBits(value);
  bits += 0x7fff + ((bits >> 16) & 1); // Round to nearest even.
  return (uint16_t)(bits >> 16);
}

static float bf16ToFloat(uint16_t value) {
  return bitsFloat((uint32_t)value << 16);
}

void fill_random(random_state_t *random, kiln_dtype_t dtype, void *data,
                 uint64_t count) {
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t r = nextRandom(random);
    // 24 (or 53) random bits give a uniform value in [-1, 1).
    float f = (float)(r >> 40) * (1.0f / 8388608.0f) - 1.0f;
    int64_t small = (int64_t)(r % 10);
    switch (dtype) {
    case KILN_DTYPE_F32:
      ((float *)data)[i] = f;
      break;
    case KILN_DTYPE_F16:
      ((uint16_t *)data)[i] = floatToHalf(f);
      break;
    case KILN_DTYPE_BF16:
      ((uint16_t *)data)[i] = floatToBf16(f);
      break;
    case KILN_DTYPE_F64:
      ((double *)data)[i] =
          (double)(r >> 11) * (1.0 / 4503599627370496.0) - 1.0;
      break;
    case KILN_DTYPE_I8:
      ((int8_t *)data)[i] = (int8_t)small;
      break;
    case KILN_DTYPE_I16:
      ((int16_t *)data)[i] = (int16_t)small;
      break;
    case KILN_DTYPE_I32:
      ((int32_t *)data)[i] = (int32_t)small;
      break;
    case KILN_DTYPE_I64:
      ((int64_t *)data)[i] = small;
      break;
    case KILN_DTYPE_U8:
      ((uint8_t *)data)[i] = (uint8_t)small;
      break;
    case KILN_DTYPE_BOOL:
      ((uint8_t *)data)[i] = (uint8_t)(r & 1);
      break;
    default:
      return;
    }
  }
}

void print_values(FILE *stream, kiln_dtype_t dtype, const void *data,
                  uint64_t count, uint64_t limit) {
  fputc('[', stream);
  for (uint64_t i = 0; i < count && i < limit; ++i) {
    if (i)
      fputs(", ", stream);
    switch (dtype) {
    case KILN_DTYPE_F32:
      fprintf(stream, "%g", (double)((const float *)data)[i]);
      break;
    case KILN_DTYPE_F16:
      fprintf(stream, "%g", (double)halfToFloat(((const uint16_t *)data)[i]));
      break;
    case KILN_DTYPE_BF16:
      fprintf(stream, "%g", (double)bf16ToFloat(((const uint16_t *)data)[i]));
      break;
    case KILN_DTYPE_F64:
      fprintf(stream, "%g", ((const double *)data)[i]);
      break;
    case KILN_DTYPE_I8:
      fprintf(stream, "%d", (int)((const int8_t *)data)[i]);
      break;
    case KILN_DTYPE_I16:
      fprintf(stream, "%d", (int)((const int16_t *)data)[i]);
      break;
    case KILN_DTYPE_I32:
      fprintf(stream, "%d", (int)((const int32_t *)data)[i]);
      break;
    case KILN_DTYPE_I64:
      fprintf(stream, "%lld", (long long)((const int64_t *)data)[i]);
      break;
    case KILN_DTYPE_U8:
    case KILN_DTYPE_BOOL:
      fprintf(stream, "%u", (unsigned)((const uint8_t *)data)[i]);
      break;
    default:
      fputc('?', stream);
      break;
    }
  }
  if (count > limit)
    fputs(", ...", stream);
  fputc(']', stream);
}
