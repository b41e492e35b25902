/* kl-core-error.c: the error domain of the core layer. */
#include "kl-core-error.h"

G_DEFINE_QUARK (kl-core-error-quark, kl_core_error)
