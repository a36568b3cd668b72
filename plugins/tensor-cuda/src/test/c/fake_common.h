/* Error injection shared by the fake CUDA libraries: the next call of a named function (or of
 * any function, with the name "*") returns a chosen status instead of doing its work. */
#ifndef FAKE_COMMON_H
#define FAKE_COMMON_H

#include <string.h>

typedef struct {
    char function[128];
    int code;
    int armed;
} fake_failure;

/* Returns the injected status for this call and disarms it, or 0. */
static inline int fake_take_failure(fake_failure *f, const char *function) {
    if (f->armed && (strcmp(f->function, "*") == 0 || strcmp(f->function, function) == 0)) {
        f->armed = 0;
        return f->code;
    }
    return 0;
}

static inline void fake_arm_failure(fake_failure *f, const char *function, int code) {
    strncpy(f->function, function, sizeof f->function - 1);
    f->function[sizeof f->function - 1] = 0;
    f->code = code;
    f->armed = 1;
}

#define FAKE_FAIL(f, name) do { int injected_ = fake_take_failure(&(f), name); \
    if (injected_) return injected_; } while (0)

#endif
