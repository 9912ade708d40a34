/*===- run.c - Running a model on caller buffers ---------------------------===*
 *
 * kiln_run: validate the buffers, take an arena, build the execution
 * context around the model's thread pool and call the entry function.
 *
 *===----------------------------------------------------------------------===*/

#include "model.h"

#include "error.h"
#include "validate.h"

#include <stdlib.h>

/// Entry-argument arrays up to this size live on the stack.
#define STACK_POINTERS 16

kiln_status_t kiln_run(kiln_model_t *model, const kiln_tensor_t *inputs,
                       size_t num_inputs, const kiln_tensor_t *outputs,
                       size_t num_outputs) {
  kiln_clear_error();
  if (!model)
    return kiln_error(KILN_STATUS_INVALID_ARGUMENT, "kiln_run: model is null");
  const kiln_model_desc_t *desc = model->desc;
  kiln_status_t status =
      kiln_check_run_args(desc, inputs, num_inputs, outputs, num_outputs);
  if (status != KILN_STATUS_OK)
    return status;
  if (model->cuda)
    return kiln_cuda_run_host(model, inputs, outputs);

  void *stackPointers[STACK_POINTERS];
  size_t numPointers = num_inputs + num_outputs;
  void **pointers = stackPointers;
  if (numPointers > STACK_POINTERS) {
    pointers = (void **)malloc(numPointers * sizeof(void *));
    if (!pointers)
      return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                        "cannot allocate %zu buffer pointers", numPointers);
  }
  for (size_t i = 0; i < num_inputs; ++i)
    pointers[i] = inputs[i].data;
  for (size_t i = 0; i < num_outputs; ++i)
    pointers[num_inputs + i] = outputs[i].data;

  void *arena;
  status = kiln_arena_acquire(&model->arenas, &arena);
  if (status == KILN_STATUS_OK) {
    pthread_rwlock_rdlock(&model->poolLock);
    kiln_exec_ctx_t ctx = {
        .struct_size = sizeof(kiln_exec_ctx_t),
        .num_threads = kiln_pool_size(model->pool),
        .parallel_for = kiln_pool_parallel_for,
        .runtime_data = model->pool,
    };
    int32_t code;
    if (model->profile) {
      kiln_profile_run_t run = {model->pool, model->profile, 0.0};
      ctx.parallel_for = kiln_profile_parallel_for;
      ctx.runtime_data = &run;
      double start = kiln_profile_now();
      code = desc->entry(&ctx, pointers, pointers + num_inputs, arena);
      kiln_profile_end_run(&run, kiln_profile_now() - start);
    } else {
      code = desc->entry(&ctx, pointers, pointers + num_inputs, arena);
    }
    pthread_rwlock_unlock(&model->poolLock);
    kiln_arena_release(&model->arenas, arena);
    if (code != 0)
      status =
          kiln_error(KILN_STATUS_MODEL_FAILED, "model '%s' failed with code %d",
                     desc->name, (int)code);
  }
  if (pointers != stackPointers)
    free(pointers);
  return status;
}
