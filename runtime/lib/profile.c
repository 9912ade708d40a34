/*===- profile.c - Per-kernel timing of CPU runs ---------------------------===*
 *
 * Kernels are the model's parallel_for calls, named by the symbol of their
 * task function: kiln-compile names them main_tiles_<op>_<result shape>.
 * Those symbols are local (only kiln_query_model is exported), so dladdr
 * finds the object and its load address, and the name comes from the
 * object's own ELF symbol table, read from its file.
 *
 *===----------------------------------------------------------------------===*/

#include "model.h"

#include "error.h"
#include "profile.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct kernel {
  kiln_task_fn_t task;
  uint64_t calls;
  /// The parallel_for range of the last call: the kernel's thread tiles.
  uint64_t tiles;
  double seconds;
  double minSeconds;
  /// Its symbol, resolved by the first snapshot that sees the kernel (NULL
  /// until then, or when out of memory).
  char *name;
} kernel_t;

struct kiln_profile {
  pthread_mutex_t lock;
  kernel_t *kernels;
  size_t count, capacity;
  /// Where the next call is looked for first: kernels run in the same order
  /// every run.
  size_t cursor;
  uint64_t runs;
  double serialSeconds;
  double serialMinSeconds;
  /// The last snapshot (its names are the kernels').
  kiln_profile_entry_t *entries;
};

double kiln_profile_now(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

kiln_profile_t *kiln_profile_create(void) {
  kiln_profile_t *profile = (kiln_profile_t *)calloc(1, sizeof(*profile));
  if (profile)
    pthread_mutex_init(&profile->lock, NULL);
  return profile;
}

void kiln_profile_destroy(kiln_profile_t *profile) {
  if (!profile)
    return;
  free(profile->entries);
  for (size_t i = 0; i < profile->count; ++i)
    free(profile->kernels[i].name);
  free(profile->kernels);
  pthread_mutex_destroy(&profile->lock);
  free(profile);
}

/// Adds one call of `task` to the table (under the lock). Returns false when
/// a new kernel cannot be added for lack of memory (its time then counts as
/// serial).
static bool record(kiln_profile_t *profile, kiln_task_fn_t task, int64_t n,
                   double seconds) {
  pthread_mutex_lock(&profile->lock);
  kernel_t *kernel = NULL;
  if (profile->cursor < profile->count &&
      profile->kernels[profile->cursor].task == task)
    kernel = &profile->kernels[profile->cursor];
  for (size_t i = 0; !kernel && i < profile->count; ++i)
    if (profile->kernels[i].task == task)
      kernel = &profile->kernels[i];
  if (!kernel && profile->count == profile->capacity) {
    size_t capacity = profile->capacity ? 2 * profile->capacity : 64;
    kernel_t *grown =
        (kernel_t *)realloc(profile->kernels, capacity * sizeof(kernel_t));
    if (grown) {
      profile->kernels = grown;
      profile->capacity = capacity;
    }
  }
  if (!kernel && profile->count < profile->capacity) {
    kernel = &profile->kernels[profile->count++];
    memset(kernel, 0, sizeof(*kernel));
    kernel->task = task;
  }
  if (kernel) {
    if (kernel->calls == 0 || seconds < kernel->minSeconds)
      kernel->minSeconds = seconds;
    kernel->calls += 1;
    kernel->tiles = (uint64_t)n;
    kernel->seconds += seconds;
    profile->cursor = (size_t)(kernel - profile->kernels) + 1;
  }
  pthread_mutex_unlock(&profile->lock);
  return kernel != NULL;
}

void kiln_profile_parallel_for(const kiln_exec_ctx_t *ctx, int64_t n,
                               kiln_task_fn_t task, void *data) {
  kiln_profile_run_t *run = (kiln_profile_run_t *)ctx->runtime_data;
  kiln_exec_ctx_t inner = *ctx;
  inner.runtime_data = run->pool;
  // A parallel_for nested in a task (on any worker) is part of the outer
  // kernel's time.
  if (kiln_pool_in_task() || n <= 0 || !task) {
    kiln_pool_parallel_for(&inner, n, task, data);
    return;
  }
  double start = kiln_profile_now();
  kiln_pool_parallel_for(&inner, n, task, data);
  double seconds = kiln_profile_now() - start;
  if (record(run->profile, task, n, seconds))
    run->kernelSeconds += seconds;
}

void kiln_profile_end_run(kiln_profile_run_t *run, double seconds) {
  kiln_profile_t *profile = run->profile;
  pthread_mutex_lock(&profile->lock);
  double serial = seconds - run->kernelSeconds;
  if (serial < 0)
    serial = 0;
  if (profile->runs == 0 || serial < profile->serialMinSeconds)
    profile->serialMinSeconds = serial;
  profile->runs += 1;
  profile->serialSeconds += serial;
  profile->cursor = 0;
  pthread_mutex_unlock(&profile->lock);
}

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

static int readAt(int fd, void *buffer, size_t size, uint64_t offset) {
  size_t done = 0;
  while (done < size) {
    ssize_t got = pread(fd, (char *)buffer + done, size - done,
                        (off_t)(offset + done));
    if (got <= 0)
      return -1;
    done += (size_t)got;
  }
  return 0;
}

/// The symbol table of an ELF64 file and its strings, or NULL (no file, not
/// ELF64, stripped).
typedef struct symtab {
  Elf64_Sym *symbols;
  size_t count;
  char *strings;
  size_t stringsSize;
} symtab_t;

static int loadSymtab(const char *path, symtab_t *table) {
  memset(table, 0, sizeof(*table));
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  Elf64_Ehdr header;
  Elf64_Shdr *sections = NULL;
  int result = -1;
  if (readAt(fd, &header, sizeof(header), 0) != 0 ||
      memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0)
    goto done;
  sections = (Elf64_Shdr *)calloc(header.e_shnum, sizeof(Elf64_Shdr));
  if (!sections || readAt(fd, sections, header.e_shnum * sizeof(Elf64_Shdr),
                          header.e_shoff) != 0)
    goto done;
  for (unsigned i = 0; i < header.e_shnum; ++i) {
    const Elf64_Shdr *symbols = &sections[i];
    if (symbols->sh_type != SHT_SYMTAB || symbols->sh_link >= header.e_shnum ||
        symbols->sh_entsize != sizeof(Elf64_Sym))
      continue;
    const Elf64_Shdr *strings = &sections[symbols->sh_link];
    table->count = symbols->sh_size / sizeof(Elf64_Sym);
    table->stringsSize = strings->sh_size;
    table->symbols = (Elf64_Sym *)malloc(symbols->sh_size + 1);
    table->strings = (char *)malloc(strings->sh_size + 1);
    if (table->symbols && table->strings &&
        readAt(fd, table->symbols, symbols->sh_size, symbols->sh_offset) == 0 &&
        readAt(fd, table->strings, strings->sh_size, strings->sh_offset) == 0) {
      table->strings[strings->sh_size] = '\0';
      result = 0;
    }
    break;
  }
done:
  if (result != 0) {
    free(table->symbols);
    free(table->strings);
    memset(table, 0, sizeof(*table));
  }
  free(sections);
  close(fd);
  return result;
}

/// "name" of the function at `offset` from the object's base, or NULL.
static const char *findSymbol(const symtab_t *table, uint64_t offset) {
  for (size_t i = 0; i < table->count; ++i) {
    const Elf64_Sym *symbol = &table->symbols[i];
    if (ELF64_ST_TYPE(symbol->st_info) == STT_FUNC &&
        symbol->st_value == offset && symbol->st_name < table->stringsSize)
      return table->strings + symbol->st_name;
  }
  return NULL;
}

/// The name of `task`: its symbol, else "kernel at +0x<offset in its
/// object>" (a stripped object), else "kernel at <address>".
static char *nameOf(kiln_task_fn_t task, symtab_t *table, const char **path) {
  Dl_info info;
  memset(&info, 0, sizeof(info));
  if (dladdr((void *)task, &info) && info.dli_fname) {
    if (info.dli_sname && info.dli_saddr == (void *)task)
      return strdup(info.dli_sname);
    uint64_t offset = (uint64_t)((uintptr_t)task - (uintptr_t)info.dli_fbase);
    if (!*path || strcmp(*path, info.dli_fname) != 0) {
      free(table->symbols);
      free(table->strings);
      loadSymtab(info.dli_fname, table);
      *path = info.dli_fname;
    }
    const char *symbol = findSymbol(table, offset);
    if (symbol)
      return strdup(symbol);
    char buffer[64];
    snprintf(buffer, sizeof(buffer), "kernel at +0x%llx",
             (unsigned long long)offset);
    return strdup(buffer);
  }
  char buffer[64];
  snprintf(buffer, sizeof(buffer), "kernel at %p", (void *)task);
  return strdup(buffer);
}

kiln_status_t kiln_profile_snapshot(kiln_profile_t *profile,
                                    const kiln_profile_entry_t **entries,
                                    size_t *count, uint64_t *runs) {
  pthread_mutex_lock(&profile->lock);
  size_t total = profile->count + 1;
  free(profile->entries);
  profile->entries =
      (kiln_profile_entry_t *)calloc(total, sizeof(kiln_profile_entry_t));
  if (!profile->entries) {
    pthread_mutex_unlock(&profile->lock);
    return kiln_error(KILN_STATUS_OUT_OF_MEMORY,
                      "cannot allocate the profile of %zu kernels", total);
  }
  // Symbols are read from the object's file once per kernel, the first time
  // a snapshot sees it.
  symtab_t table;
  memset(&table, 0, sizeof(table));
  const char *path = NULL;
  for (size_t i = 0; i < profile->count; ++i) {
    kernel_t *kernel = &profile->kernels[i];
    if (!kernel->name)
      kernel->name = nameOf(kernel->task, &table, &path);
    kiln_profile_entry_t *entry = &profile->entries[i];
    entry->name = kernel->name ? kernel->name : "kernel";
    entry->calls = kernel->calls;
    entry->tiles = kernel->tiles;
    entry->seconds = kernel->seconds;
    entry->min_seconds = kernel->minSeconds;
  }
  free(table.symbols);
  free(table.strings);
  kiln_profile_entry_t *serial = &profile->entries[profile->count];
  serial->name = "(serial)";
  serial->calls = profile->runs;
  serial->tiles = 0;
  serial->seconds = profile->serialSeconds;
  serial->min_seconds = profile->serialMinSeconds;
  *entries = profile->entries;
  *count = total;
  if (runs)
    *runs = profile->runs;
  pthread_mutex_unlock(&profile->lock);
  return KILN_STATUS_OK;
}
