/*===- npy.c - Reading and writing NumPy .npy files ------------------------===*
 *
 * A strict reader: anything this tool cannot represent exactly (Fortran
 * order, big-endian data, structured or unsupported dtypes, truncated or
 * oversized data) is an error with a message, never a crash or a silent
 * conversion.
 *
 *===----------------------------------------------------------------------===*/

#include "npy.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char magic[6] = {'\x93', 'N', 'U', 'M', 'P', 'Y'};

/// Writes a printf-style message and returns -1.
__attribute__((format(printf, 3, 4))) static int
fail(char *error, size_t errorSize, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(error, errorSize, format, args);
  va_end(args);
  return -1;
}

/// Element types and their .npy type strings (without byte-order mark).
static const struct {
  const char *type;
  kiln_dtype_t dtype;
} typeTable[] = {
    {"f4", KILN_DTYPE_F32},  {"f2", KILN_DTYPE_F16}, {"u2", KILN_DTYPE_BF16},
    {"f8", KILN_DTYPE_F64},  {"i1", KILN_DTYPE_I8},  {"i2", KILN_DTYPE_I16},
    {"i4", KILN_DTYPE_I32},  {"i8", KILN_DTYPE_I64}, {"u1", KILN_DTYPE_U8},
    {"b1", KILN_DTYPE_BOOL},
};

void *npy_alloc(uint64_t bytes) {
  uint64_t size = (bytes + 63) / 64 * 64;
  if (size == 0)
    size = 64;
  if (size < bytes || size != (uint64_t)(size_t)size)
    return NULL;
  void *data = aligned_alloc(64, (size_t)size);
  if (data)
    memset(data, 0, (size_t)size);
  return data;
}

const char *npy_descr(kiln_dtype_t dtype) {
  switch (dtype) {
  case KILN_DTYPE_F32:
    return "<f4";
  case KILN_DTYPE_F16:
    return "<f2";
  case KILN_DTYPE_BF16:
    return "<u2";
  case KILN_DTYPE_F64:
    return "<f8";
  case KILN_DTYPE_I8:
    return "|i1";
  case KILN_DTYPE_I16:
    return "<i2";
  case KILN_DTYPE_I32:
    return "<i4";
  case KILN_DTYPE_I64:
    return "<i8";
  case KILN_DTYPE_U8:
    return "|u1";
  case KILN_DTYPE_BOOL:
    return "|b1";
  default:
    return NULL;
  }
}

//===----------------------------------------------------------------------===//
// Header parsing
//===----------------------------------------------------------------------===//

/// A cursor over the header's Python dict literal.
typedef struct parser {
  const char *cur;
  const char *end;
} parser_t;

static void skipSpace(parser_t *p) {
  while (p->cur < p->end && (*p->cur == ' ' || *p->cur == '\t' ||
                             *p->cur == '\n' || *p->cur == '\r'))
    ++p->cur;
}

static bool consume(parser_t *p, char c) {
  skipSpace(p);
  if (p->cur < p->end && *p->cur == c) {
    ++p->cur;
    return true;
  }
  return false;
}

/// Parses a quoted Python string of printable ASCII without escapes into
/// `out`.
static bool parseString(parser_t *p, char *out, size_t outSize) {
  skipSpace(p);
  if (p->cur >= p->end || (*p->cur != '\'' && *p->cur != '"'))
    return false;
  char quote = *p->cur++;
  size_t length = 0;
  while (p->cur < p->end && *p->cur != quote) {
    // No escapes, and only printable ASCII (keeps messages readable).
    if (*p->cur == '\\' || *p->cur < ' ' || *p->cur > '~' ||
        length + 1 >= outSize)
      return false;
    out[length++] = *p->cur++;
  }
  if (p->cur >= p->end)
    return false;
  ++p->cur;
  out[length] = '\0';
  return true;
}

static bool parseBool(parser_t *p, bool *value) {
  skipSpace(p);
  size_t left = (size_t)(p->end - p->cur);
  if (left >= 4 && memcmp(p->cur, "True", 4) == 0) {
    p->cur += 4;
    *value = true;
    return true;
  }
  if (left >= 5 && memcmp(p->cur, "False", 5) == 0) {
    p->cur += 5;
    *value = false;
    return true;
  }
  return false;
}

/// Parses a non-negative decimal integer that fits int64_t.
static bool parseDim(parser_t *p, int64_t *value) {
  skipSpace(p);
  if (p->cur >= p->end || *p->cur < '0' || *p->cur > '9')
    return false;
  int64_t result = 0;
  while (p->cur < p->end && *p->cur >= '0' && *p->cur <= '9') {
    int digit = *p->cur++ - '0';
    if (result > (INT64_MAX - digit) / 10)
      return false;
    result = result * 10 + digit;
  }
  // Python 2 era writers append 'L' to longs.
  if (p->cur < p->end && *p->cur == 'L')
    ++p->cur;
  *value = result;
  return true;
}

/// Parses "()", "(3,)", "(2, 3)" or "(2, 3,)".
static int parseShape(parser_t *p, npy_array_t *array, const char *path,
                      char *error, size_t errorSize) {
  if (!consume(p, '('))
    return fail(error, errorSize,
                "'%s': malformed header: 'shape' is not a tuple", path);
  array->rank = 0;
  if (consume(p, ')'))
    return 0;
  for (;;) {
    int64_t dim;
    if (!parseDim(p, &dim))
      return fail(error, errorSize,
                  "'%s': malformed header: bad dimension in 'shape'", path);
    if (array->rank == KILN_MAX_RANK)
      return fail(error, errorSize, "'%s': rank exceeds the limit of %u", path,
                  KILN_MAX_RANK);
    array->shape[array->rank++] = dim;
    bool comma = consume(p, ',');
    if (consume(p, ')'))
      return 0;
    if (!comma)
      return fail(error, errorSize,
                  "'%s': malformed header: expected ',' or ')' in 'shape'",
                  path);
  }
}

/// Maps a descr such as "<f4" to a dtype.
static int parseDescr(const char *descr, npy_array_t *array, const char *path,
                      char *error, size_t errorSize) {
  char order = descr[0];
  const char *type = descr + 1;
  if (order != '<' && order != '>' && order != '|' && order != '=')
    return fail(error, errorSize, "'%s': unsupported dtype '%s'", path, descr);
  for (size_t i = 0; i < sizeof(typeTable) / sizeof(typeTable[0]); ++i) {
    if (strcmp(type, typeTable[i].type) != 0)
      continue;
    if (order == '>' && kiln_dtype_size(typeTable[i].dtype) > 1)
      return fail(error, errorSize,
                  "'%s': big-endian dtype '%s' is not supported; save "
                  "little-endian data",
                  path, descr);
    array->dtype = typeTable[i].dtype;
    return 0;
  }
  return fail(error, errorSize, "'%s': unsupported dtype '%s'", path, descr);
}

/// Parses the header dict into `array` (dtype and shape).
static int parseHeader(const char *header, size_t length, npy_array_t *array,
                       const char *path, char *error, size_t errorSize) {
  parser_t p = {header, header + length};
  bool haveDescr = false, haveOrder = false, haveShape = false;
  bool fortran = false;
  char descr[32];
  if (!consume(&p, '{'))
    return fail(error, errorSize, "'%s': malformed header: expected '{'", path);
  while (!consume(&p, '}')) {
    char key[32];
    if (!parseString(&p, key, sizeof(key)) || !consume(&p, ':'))
      return fail(error, errorSize, "'%s': malformed header: expected a key",
                  path);
    if (strcmp(key, "descr") == 0) {
      skipSpace(&p);
      if (p.cur < p.end && *p.cur == '[')
        return fail(error, errorSize,
                    "'%s': unsupported dtype: structured arrays are not "
                    "supported",
                    path);
      if (!parseString(&p, descr, sizeof(descr)))
        return fail(error, errorSize,
                    "'%s': malformed header: 'descr' is not a type string",
                    path);
      haveDescr = true;
    } else if (strcmp(key, "fortran_order") == 0) {
      if (!parseBool(&p, &fortran))
        return fail(error, errorSize,
                    "'%s': malformed header: 'fortran_order' is not a bool",
                    path);
      haveOrder = true;
    } else if (strcmp(key, "shape") == 0) {
      if (parseShape(&p, array, path, error, errorSize) != 0)
        return -1;
      haveShape = true;
    } else {
      return fail(error, errorSize, "'%s': malformed header: unknown key '%s'",
                  path, key);
    }
    if (!consume(&p, ',')) {
      if (!consume(&p, '}'))
        return fail(error, errorSize,
                    "'%s': malformed header: expected ',' or '}'", path);
      break;
    }
  }
  skipSpace(&p);
  if (p.cur != p.end)
    return fail(error, errorSize,
                "'%s': malformed header: unexpected text after the dict", path);
  if (!haveDescr || !haveOrder || !haveShape)
    return fail(error, errorSize, "'%s': malformed header: missing '%s'", path,
                !haveDescr   ? "descr"
                : !haveOrder ? "fortran_order"
                             : "shape");
  if (fortran)
    return fail(error, errorSize,
                "'%s': fortran_order arrays are not supported; save a "
                "C-ordered array",
                path);
  return parseDescr(descr, array, path, error, errorSize);
}

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

/// Reads the whole preamble and header and leaves `file` at the data.
static int readHeader(FILE *file, const char *path, npy_array_t *array,
                      uint64_t *dataOffset, char *error, size_t errorSize) {
  unsigned char preamble[8];
  if (fread(preamble, 1, sizeof(preamble), file) != sizeof(preamble) ||
      memcmp(preamble, magic, sizeof(magic)) != 0)
    return fail(error, errorSize, "'%s' is not a .npy file (bad magic)", path);
  unsigned major = preamble[6];
  size_t headerLength;
  uint64_t offset;
  if (major == 1) {
    unsigned char length[2];
    if (fread(length, 1, 2, file) != 2)
      return fail(error, errorSize, "'%s': truncated header", path);
    headerLength = (size_t)length[0] | (size_t)length[1] << 8;
    offset = 10;
  } else if (major == 2 || major == 3) {
    unsigned char length[4];
    if (fread(length, 1, 4, file) != 4)
      return fail(error, errorSize, "'%s': truncated header", path);
    headerLength = (size_t)length[0] | (size_t)length[1] << 8 |
                   (size_t)length[2] << 16 | (size_t)length[3] << 24;
    offset = 12;
  } else {
    return fail(error, errorSize, "'%s': unsupported .npy format version %u.%u",
                path, major, (unsigned)preamble[7]);
  }
  // Real headers are a few hundred bytes; refuse absurd lengths before
  // allocating.
  if (headerLength > (1u << 20))
    return fail(error, errorSize, "'%s': malformed header: length %zu", path,
                headerLength);
  char *header = (char *)malloc(headerLength + 1);
  if (!header)
    return fail(error, errorSize, "'%s': out of memory", path);
  if (fread(header, 1, headerLength, file) != headerLength) {
    free(header);
    return fail(error, errorSize, "'%s': truncated header", path);
  }
  header[headerLength] = '\0';
  int result = parseHeader(header, headerLength, array, path, error, errorSize);
  free(header);
  *dataOffset = offset + headerLength;
  return result;
}

int npy_read(const char *path, npy_array_t *array, char *error,
             size_t errorSize) {
  memset(array, 0, sizeof(*array));
  FILE *file = fopen(path, "rb");
  if (!file)
    return fail(error, errorSize, "cannot open '%s': %s", path,
                strerror(errno));
  struct stat info;
  if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
    fclose(file);
    return fail(error, errorSize, "cannot read '%s': not a regular file", path);
  }
  uint64_t dataOffset;
  if (readHeader(file, path, array, &dataOffset, error, errorSize) != 0) {
    fclose(file);
    return -1;
  }

  // Size the data from the header, then hold the file to it exactly.
  uint64_t bytes = kiln_dtype_size(array->dtype);
  bool empty = false;
  for (uint32_t i = 0; i < array->rank; ++i) {
    if (array->shape[i] == 0)
      empty = true;
    else if (!empty && bytes > (uint64_t)INT64_MAX / (uint64_t)array->shape[i])
      bytes = UINT64_MAX;
    else if (!empty)
      bytes *= (uint64_t)array->shape[i];
  }
  if (empty)
    bytes = 0;
  uint64_t available = (uint64_t)info.st_size > dataOffset
                           ? (uint64_t)info.st_size - dataOffset
                           : 0;
  if (available < bytes) {
    fclose(file);
    return fail(error, errorSize,
                "'%s': truncated data: the header promises %llu bytes, the "
                "file has %llu",
                path, (unsigned long long)bytes, (unsigned long long)available);
  }
  if (available > bytes) {
    fclose(file);
    return fail(error, errorSize,
                "'%s': %llu unexpected bytes after the array data", path,
                (unsigned long long)(available - bytes));
  }
  array->bytes = bytes;
  if (bytes > 0) {
    array->data = npy_alloc(bytes);
    if (!array->data) {
      fclose(file);
      return fail(error, errorSize, "'%s': cannot allocate %llu bytes", path,
                  (unsigned long long)bytes);
    }
    if (fread(array->data, 1, (size_t)bytes, file) != bytes) {
      free(array->data);
      array->data = NULL;
      fclose(file);
      return fail(error, errorSize, "'%s': truncated data", path);
    }
  }
  fclose(file);
  return 0;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

int npy_write(const char *path, kiln_dtype_t dtype, uint32_t rank,
              const int64_t *shape, const void *data, uint64_t bytes,
              char *error, size_t errorSize) {
  const char *descr = npy_descr(dtype);
  if (!descr)
    return fail(error, errorSize, "cannot write '%s': invalid dtype", path);
  // Version 1.0: 10-byte preamble, then the dict padded with spaces and ended
  // by '\n' so that the data starts at a multiple of 64 bytes.
  char header[1024];
  int length =
      snprintf(header, sizeof(header),
               "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
  for (uint32_t i = 0; i < rank; ++i)
    length += snprintf(header + length, sizeof(header) - (size_t)length,
                       "%s%lld", i ? ", " : "", (long long)shape[i]);
  length += snprintf(header + length, sizeof(header) - (size_t)length, "%s), }",
                     rank == 1 ? "," : "");
  size_t total = 10 + (size_t)length + 1;
  size_t padded = (total + 63) / 64 * 64;
  size_t headerLength = padded - 10;
  memset(header + length, ' ', headerLength - 1 - (size_t)length);
  header[headerLength - 1] = '\n';

  FILE *file = fopen(path, "wb");
  if (!file)
    return fail(error, errorSize, "cannot write '%s': %s", path,
                strerror(errno));
  unsigned char preamble[10];
  memcpy(preamble, magic, sizeof(magic));
  preamble[6] = 1;
  preamble[7] = 0;
  preamble[8] = (unsigned char)(headerLength & 0xff);
  preamble[9] = (unsigned char)(headerLength >> 8);
  bool ok = fwrite(preamble, 1, sizeof(preamble), file) == sizeof(preamble) &&
            fwrite(header, 1, headerLength, file) == headerLength &&
            (bytes == 0 || fwrite(data, 1, (size_t)bytes, file) == bytes);
  int saved = errno;
  if (fclose(file) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok)
    return fail(error, errorSize, "cannot write '%s': %s", path,
                strerror(saved));
  return 0;
}
