/*===- no_symbol.c - Test shared object without the query symbol -----------===*
 *
 * A valid shared object that exports a function, but not KILN_QUERY_SYMBOL.
 *
 *===----------------------------------------------------------------------===*/

#include "kiln/runtime/kiln_abi.h"

KILN_EXPORT int not_a_kiln_model(void);

int not_a_kiln_model(void) { return 0; }
