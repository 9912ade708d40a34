/*===- weights.h - A model's constant data on huge pages -----------*- C -*-===*
 *
 * A CPU model's weights are read-only data of its shared object, mapped from
 * the file in 4 KiB pages: ResNet-50's 100 MB are 25,000 pages, a TLB miss
 * (a page walk) each per run. kiln_weights_to_huge_pages moves the 2 MiB
 * aligned part of the object's read-only segments to anonymous memory that
 * the kernel backs with 2 MiB pages (transparent huge pages).
 *
 *===----------------------------------------------------------------------===*/

#ifndef KILN_RUNTIME_WEIGHTS_H
#define KILN_RUNTIME_WEIGHTS_H

#include <stdbool.h>

/// Moves the 2 MiB aligned part of the read-only segments of the dlopen()ed
/// object `handle`, loaded from `path`, to anonymous memory backed by
/// transparent huge pages, unless KILN_HUGE_PAGES=0 is set or the kernel
/// has them off; leaves them as they are on any failure.
void kiln_weights_to_huge_pages(void *handle, const char *path);

#endif
