/* kl-render-error.c: the error domain of the render layer. */
#include "config.h"

#include "kl-renderer.h"

G_DEFINE_QUARK (kl-render-error-quark, kl_render_error)
