/* A host "kernel" library for the driver binding test: presso_host_probe_args records the launch
 * geometry and its four parameters (float*, int, long long, float) so the test can check how
 * cuLaunchKernel's void** kernelParams were marshalled, and writes through the pointer. */
typedef struct {
    unsigned grid[3], block[3], shared;
    int i32;
    long long i64;
    float f32;
} probe_record;

static probe_record last;

void presso_host_probe_args(unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
        unsigned bz, unsigned shared, void **params) {
    last.grid[0] = gx; last.grid[1] = gy; last.grid[2] = gz;
    last.block[0] = bx; last.block[1] = by; last.block[2] = bz;
    last.shared = shared;
    float *out = *(float **) params[0];
    last.i32 = *(int *) params[1];
    last.i64 = *(long long *) params[2];
    last.f32 = *(float *) params[3];
    out[0] = (float) last.i32 + (float) last.i64 + last.f32;
}

int probe_last_i32(void) { return last.i32; }
long long probe_last_i64(void) { return last.i64; }
float probe_last_f32(void) { return last.f32; }
unsigned probe_last_geometry(int index) {
    return index < 3 ? last.grid[index] : index < 6 ? last.block[index - 3] : last.shared;
}
