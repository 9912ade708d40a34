/*===- weights.c - A model's constant data on huge pages -------------------===*
 *
 * Implements kiln_weights_to_huge_pages (weights.h).
 *
 *===----------------------------------------------------------------------===*/

#include "weights.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { kHugePage = 2 << 20 };

/// Whether the kernel may back an madvise()d range with transparent huge
/// pages: not when they are off ("[never]") or missing.
static bool hugePagesAvailable(void) {
  FILE *file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
  if (!file)
    return false;
  char mode[128] = {0};
  bool available = fgets(mode, sizeof(mode), file) && !strstr(mode, "[never]");
  fclose(file);
  return available;
}

/// Replaces the pages of [start, start + length) (2 MiB aligned) by a copy
/// in anonymous memory that the kernel backs with huge pages: the copy is
/// made aside, at the same offset from a 2 MiB boundary, then moved over
/// the original mapping in one step (mremap), so that a thread reading the
/// range meanwhile (the same model opened twice) sees the same bytes
/// throughout. Any failure leaves the range as it was.
static void moveToHugePages(uintptr_t start, size_t length, int file,
                            off_t offset) {
  size_t span = length + kHugePage;
  char *raw = (char *)mmap(NULL, span, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED)
    return;
  uintptr_t copy =
      ((uintptr_t)raw + kHugePage - 1) & ~(uintptr_t)(kHugePage - 1);
  if (copy > (uintptr_t)raw)
    munmap(raw, copy - (uintptr_t)raw);
  uintptr_t end = copy + length, rawEnd = (uintptr_t)raw + span;
  if (rawEnd > end)
    munmap((void *)end, rawEnd - end);
  if (madvise((void *)copy, length, MADV_HUGEPAGE) != 0) {
    munmap((void *)copy, length);
    return;
  }
  // Read from the file (the page cache) rather than copied from the
  // mapping, whose 4 KiB pages would each fault in first.
  size_t done = 0;
  while (file >= 0 && done < length) {
    ssize_t got = pread(file, (char *)copy + done, length - done,
                        offset + (off_t)done);
    if (got <= 0)
      break;
    done += (size_t)got;
  }
  if (done < length)
    memcpy((char *)copy + done, (const char *)start + done, length - done);
  if (mprotect((void *)copy, length, PROT_READ) != 0 ||
      mremap((void *)copy, length, length, MREMAP_MAYMOVE | MREMAP_FIXED,
             (void *)start) == MAP_FAILED)
    munmap((void *)copy, length);
}

/// The object whose segments moveReadOnlySegments moves: its load address
/// and its file, open for reading (-1: copy from the mapping).
struct Object {
  uintptr_t base;
  int file;
};

/// dl_iterate_phdr callback: moves the read-only segments of the object
/// *(struct Object *)data.
static int moveReadOnlySegments(struct dl_phdr_info *info, size_t size,
                                void *data) {
  (void)size;
  const struct Object *object = (const struct Object *)data;
  if (info->dlpi_addr != object->base)
    return 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) *header = &info->dlpi_phdr[i];
    // Read-only data (the weights; the symbol tables and relocations next
    // to them are only read after loading, so a copy serves as well).
    if (header->p_type != PT_LOAD || header->p_flags != PF_R)
      continue;
    uintptr_t segment = info->dlpi_addr + header->p_vaddr;
    uintptr_t last = segment + header->p_filesz;
    uintptr_t first = (segment + kHugePage - 1) & ~(uintptr_t)(kHugePage - 1);
    last &= ~(uintptr_t)(kHugePage - 1);
    if (last > first)
      moveToHugePages(first, last - first, object->file,
                      (off_t)(header->p_offset + (first - segment)));
  }
  return 1;
}

void kiln_weights_to_huge_pages(void *handle, const char *path) {
  const char *setting = getenv("KILN_HUGE_PAGES");
  if ((setting && strcmp(setting, "0") == 0) || !hugePagesAvailable())
    return;
  struct link_map *map = NULL;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || !map)
    return;
  struct Object object = {(uintptr_t)map->l_addr,
                          open(path, O_RDONLY | O_CLOEXEC)};
  dl_iterate_phdr(moveReadOnlySegments, &object);
  if (object.file >= 0)
    close(object.file);
}
