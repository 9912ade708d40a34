/*===- validate.c - Descriptor and buffer checks ---------------------------===*
 *
 * Everything the runtime verifies before it trusts a descriptor or calls an
 * entry function. Messages name the offending tensor and both the expected
 * and the actual value.
 *
 *===----------------------------------------------------------------------===*/

#include "validate.h"

#include "error.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/// Longest prefix of a model-provided string quoted in a message.
#define NAME_LIMIT "200"

bool kiln_tensor_bytes(kiln_dtype_t dtype, uint32_t rank, const int64_t *shape,
                       uint64_t *bytes) {
  uint64_t total = kiln_dtype_size(dtype);
  if (total == 0)
    return false;
  bool empty = false;
  for (uint32_t i = 0; i < rank; ++i) {
    if (shape[i] < 0)
      return false;
    if (shape[i] == 0)
      empty = true;
    else if (!empty && total > (uint64_t)INT64_MAX / (uint64_t)shape[i])
      return false;
    else if (!empty)
      total *= (uint64_t)shape[i];
  }
  *bytes = empty ? 0 : total;
  return true;
}

/// Checks the `count` descriptors of one kind ("input" or "output").
static kiln_status_t checkTensorDescs(const char *path, const char *kind,
                                      const kiln_tensor_desc_t *descs,
                                      uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) {
    const kiln_tensor_desc_t *desc = &descs[i];
    if (!desc->name || !desc->name[0])
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': %s #%u has no name", path, kind, i);
    const char *name = desc->name;
    if (kiln_dtype_size(desc->dtype) == 0)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': %s '%." NAME_LIMIT
                        "s' has invalid dtype code %u",
                        path, kind, name, desc->dtype);
    if (desc->rank > KILN_MAX_RANK)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': %s '%." NAME_LIMIT
                        "s' has rank %u, the limit is %u",
                        path, kind, name, desc->rank, KILN_MAX_RANK);
    if (desc->rank > 0 && !desc->shape)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': %s '%." NAME_LIMIT
                        "s' has rank %u but no shape",
                        path, kind, name, desc->rank);
    uint64_t bytes;
    if (!kiln_tensor_bytes(desc->dtype, desc->rank, desc->shape, &bytes)) {
      char shape[256];
      kiln_format_shape(shape, sizeof(shape), desc->rank, desc->shape);
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': %s '%." NAME_LIMIT
                        "s' has invalid shape %s (negative or too large)",
                        path, kind, name, shape);
    }
    for (uint32_t j = 0; j < i; ++j)
      if (strcmp(descs[j].name, name) == 0)
        return kiln_error(KILN_STATUS_INVALID_MODEL,
                          "model '%s': duplicate %s name '%." NAME_LIMIT "s'",
                          path, kind, name);
  }
  return KILN_STATUS_OK;
}

/// Checks the device code images and kernel names of a "cuda" model.
static kiln_status_t checkGpuFields(const kiln_model_desc_t *desc,
                                    const char *path) {
  const size_t size = offsetof(kiln_model_desc_t, gpu_kernel_names) +
                      sizeof(desc->gpu_kernel_names);
  if (desc->struct_size < size)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' targets cuda but its descriptor (%u bytes) "
                      "ends before the device code fields (%zu bytes)",
                      path, desc->struct_size, size);
  if (desc->num_gpu_images == 0 || !desc->gpu_images)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' targets cuda but has no device code image",
                      path);
  for (uint32_t i = 0; i < desc->num_gpu_images; ++i) {
    const kiln_gpu_image_t *image = &desc->gpu_images[i];
    if (image->format != KILN_GPU_IMAGE_CUBIN &&
        image->format != KILN_GPU_IMAGE_PTX)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': device code image #%u has unknown "
                        "format %u",
                        path, i, image->format);
    if (!image->data || image->size == 0)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': device code image #%u is empty", path,
                        i);
    if (image->format == KILN_GPU_IMAGE_PTX &&
        ((const char *)image->data)[image->size - 1] != '\0')
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': PTX image #%u does not end with a NUL "
                        "byte",
                        path, i);
  }
  if (desc->num_gpu_kernels > 0 && !desc->gpu_kernel_names)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' has %u kernels but no kernel names", path,
                      desc->num_gpu_kernels);
  for (uint32_t k = 0; k < desc->num_gpu_kernels; ++k)
    if (!desc->gpu_kernel_names[k] || !desc->gpu_kernel_names[k][0])
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': kernel #%u has no name", path, k);
  /* Weights: appended later, absent from shorter descriptors. */
  if (desc->struct_size <
      offsetof(kiln_model_desc_t, gpu_weights) + sizeof(desc->gpu_weights))
    return KILN_STATUS_OK;
  if (desc->num_gpu_weights > 0 && !desc->gpu_weights)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' has %u weights but no weight table", path,
                      desc->num_gpu_weights);
  for (uint32_t w = 0; w < desc->num_gpu_weights; ++w) {
    const kiln_gpu_weight_t *weight = &desc->gpu_weights[w];
    if (!weight->name || !weight->name[0])
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': weight #%u has no device global name",
                        path, w);
    if (!weight->data || weight->size == 0)
      return kiln_error(KILN_STATUS_INVALID_MODEL,
                        "model '%s': weight #%u ('%." NAME_LIMIT
                        "s') has no data",
                        path, w, weight->name);
  }
  return KILN_STATUS_OK;
}

kiln_status_t kiln_check_model_desc(const kiln_model_desc_t *desc,
                                    const char *path) {
  /* The fields up to `entry` are required; later ones were appended (see
   * kiln_abi.h) and are read only when struct_size covers them. */
  const size_t core_size =
      offsetof(kiln_model_desc_t, entry) + sizeof(kiln_entry_fn_t);
  if (desc->struct_size < core_size)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s': descriptor size %u is smaller than %zu",
                      path, desc->struct_size, core_size);
  if (!desc->name || !desc->name[0])
    return kiln_error(KILN_STATUS_INVALID_MODEL, "model '%s' has no name",
                      path);
  if (!desc->target)
    return kiln_error(KILN_STATUS_INVALID_MODEL, "model '%s' has no target",
                      path);
  if (strcmp(desc->target, "cpu") != 0 && strcmp(desc->target, "cuda") != 0)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s': unknown target '%." NAME_LIMIT "s'", path,
                      desc->target);
  if (desc->num_inputs > KILN_MAX_TENSORS)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' has %u inputs, the limit is %u", path,
                      desc->num_inputs, KILN_MAX_TENSORS);
  if (desc->num_outputs == 0 || desc->num_outputs > KILN_MAX_TENSORS)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' has %u outputs, expected 1 to %u", path,
                      desc->num_outputs, KILN_MAX_TENSORS);
  if (desc->num_inputs > 0 && !desc->inputs)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' has %u inputs but no input descriptors", path,
                      desc->num_inputs);
  if (!desc->outputs)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' has %u outputs but no output descriptors",
                      path, desc->num_outputs);
  kiln_status_t status =
      checkTensorDescs(path, "input", desc->inputs, desc->num_inputs);
  if (status != KILN_STATUS_OK)
    return status;
  status = checkTensorDescs(path, "output", desc->outputs, desc->num_outputs);
  if (status != KILN_STATUS_OK)
    return status;
  uint64_t alignment = desc->arena_alignment;
  if (alignment == 0 || (alignment & (alignment - 1)) != 0 ||
      alignment > KILN_MAX_ARENA_ALIGNMENT)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s': arena alignment %" PRIu64
                      " is not a power of two in [1, %" PRIu64 "]",
                      path, alignment, KILN_MAX_ARENA_ALIGNMENT);
  if (desc->arena_size > (uint64_t)INT64_MAX)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s': arena size %" PRIu64 " is too large", path,
                      desc->arena_size);
  if (!desc->entry)
    return kiln_error(KILN_STATUS_INVALID_MODEL,
                      "model '%s' has no entry function", path);
  if (strcmp(desc->target, "cuda") == 0)
    return checkGpuFields(desc, path);
  return KILN_STATUS_OK;
}

/// Checks one caller buffer against its descriptor and stores its size.
static kiln_status_t checkBuffer(const char *kind,
                                 const kiln_tensor_desc_t *desc,
                                 const kiln_tensor_t *tensor, uint64_t *bytes) {
  if (tensor->dtype != desc->dtype) {
    if (kiln_dtype_size(tensor->dtype) == 0)
      return kiln_error(KILN_STATUS_DTYPE_MISMATCH,
                        "%s '%s': expected dtype %s, got invalid dtype code %u",
                        kind, desc->name, kiln_dtype_name(desc->dtype),
                        tensor->dtype);
    return kiln_error(KILN_STATUS_DTYPE_MISMATCH,
                      "%s '%s': expected dtype %s, got %s", kind, desc->name,
                      kiln_dtype_name(desc->dtype),
                      kiln_dtype_name(tensor->dtype));
  }
  if (tensor->rank > 0 && !tensor->shape)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "%s '%s': shape pointer is null but rank is %u", kind,
                      desc->name, tensor->rank);
  bool same = tensor->rank == desc->rank;
  for (uint32_t i = 0; same && i < desc->rank; ++i)
    same = tensor->shape[i] == desc->shape[i];
  if (!same) {
    char expected[256], actual[256];
    kiln_format_shape(expected, sizeof(expected), desc->rank, desc->shape);
    kiln_format_shape(actual, sizeof(actual), tensor->rank, tensor->shape);
    return kiln_error(KILN_STATUS_SHAPE_MISMATCH,
                      "%s '%s': expected shape %s, got %s", kind, desc->name,
                      expected, actual);
  }
  // The descriptor was checked at load time, so this cannot overflow.
  kiln_tensor_bytes(desc->dtype, desc->rank, desc->shape, bytes);
  if (*bytes > 0 && !tensor->data)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                      "%s '%s': data pointer is null", kind, desc->name);
  return KILN_STATUS_OK;
}

/// Whether [a, a + aBytes) and [b, b + bBytes) share a byte.
static bool overlaps(const void *a, uint64_t aBytes, const void *b,
                     uint64_t bBytes) {
  uintptr_t aBegin = (uintptr_t)a, bBegin = (uintptr_t)b;
  return aBytes && bBytes && aBegin < bBegin + bBytes &&
         bBegin < aBegin + aBytes;
}

kiln_status_t kiln_check_run_args(const kiln_model_desc_t *desc,
                                  const kiln_tensor_t *inputs,
                                  size_t num_inputs,
                                  const kiln_tensor_t *outputs,
                                  size_t num_outputs) {
  if (num_inputs != desc->num_inputs)
    return kiln_error(KILN_STATUS_COUNT_MISMATCH,
                      "model '%s' expects %u input%s, got %zu", desc->name,
                      desc->num_inputs, desc->num_inputs == 1 ? "" : "s",
                      num_inputs);
  if (num_outputs != desc->num_outputs)
    return kiln_error(KILN_STATUS_COUNT_MISMATCH,
                      "model '%s' expects %u output%s, got %zu", desc->name,
                      desc->num_outputs, desc->num_outputs == 1 ? "" : "s",
                      num_outputs);
  if (num_inputs > 0 && !inputs)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT, "inputs array is null");
  if (!outputs)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT, "outputs array is null");

  uint64_t bytes;
  for (size_t i = 0; i < num_inputs; ++i) {
    kiln_status_t status =
        checkBuffer("input", &desc->inputs[i], &inputs[i], &bytes);
    if (status != KILN_STATUS_OK)
      return status;
  }
  for (size_t i = 0; i < num_outputs; ++i) {
    uint64_t outBytes;
    kiln_status_t status =
        checkBuffer("output", &desc->outputs[i], &outputs[i], &outBytes);
    if (status != KILN_STATUS_OK)
      return status;
    for (size_t j = 0; j < num_inputs; ++j) {
      kiln_tensor_bytes(inputs[j].dtype, inputs[j].rank, inputs[j].shape,
                        &bytes);
      if (overlaps(outputs[i].data, outBytes, inputs[j].data, bytes))
        return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                          "output '%s' overlaps input '%s'",
                          desc->outputs[i].name, desc->inputs[j].name);
    }
    for (size_t j = 0; j < i; ++j) {
      kiln_tensor_bytes(outputs[j].dtype, outputs[j].rank, outputs[j].shape,
                        &bytes);
      if (overlaps(outputs[i].data, outBytes, outputs[j].data, bytes))
        return kiln_error(KILN_STATUS_INVALID_ARGUMENT,
                          "output '%s' overlaps output '%s'",
                          desc->outputs[i].name, desc->outputs[j].name);
    }
  }
  return KILN_STATUS_OK;
}
