/* Private to the core: the public helpers. */
#include "ita/util.h"
