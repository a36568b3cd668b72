// Indexed kernels: row gather, scatter-add in index order, hashed parameter sharing (same hash
// as kernel-api's HashSpec) and top-k. Accumulations keep a fixed order, so results are
// deterministic and equal to tensor-cpu's bit for bit.
#include "numerics.cuh"

/** Lowers *firstBad to the position of every index outside [0, rows). */
PRESSO_KERNEL(presso_index_check, const int* indices, long long n, int rows, int* firstBad) {
    PRESSO_FOR_EACH(i, n) {
        int v = indices[i];
        if (v < 0 || v >= rows) atomicMin(firstBad, (int) i);
    }
}

/** out[i, :] = table[indices[i], :] for rows of d elements. */
PRESSO_KERNEL(presso_gather_f32, const float* table, const int* indices, float* out, long long count,
        long long d) {
    PRESSO_FOR_EACH(k, count * d) {
        out[k] = table[(long long) indices[k / d] * d + k % d];
    }
}

/** out[indices[i], j] += source[i, j] in order of i; one thread per column j. */
PRESSO_KERNEL(presso_scatter_add_f32, const float* source, const int* indices, float* out,
        long long count, long long d) {
    PRESSO_FOR_EACH(j, d) {
        for (long long i = 0; i < count; i++) {
            float* target = out + (long long) indices[i] * d + j;
            *target = *target + source[i * d + j];
        }
    }
}

/** HashSpec.hash: SplitMix64's finalizer of seed ^ (index * golden ratio). */
PRESSO_INLINE unsigned long long presso_hash(long long seed, long long index) {
    unsigned long long z = (unsigned long long) seed
            ^ ((unsigned long long) index * 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

PRESSO_INLINE long long hash_bucket(unsigned long long h, long long buckets) {
    return (long long) ((h >> 1) % (unsigned long long) buckets);
}

PRESSO_INLINE float hash_sign(unsigned long long h) { return (h & 1ULL) == 0 ? 1.0f : -1.0f; }

/** out[k] = theta[bucket(k)] * sign(k). */
PRESSO_KERNEL(presso_hash_gather_f32, const float* theta, long long buckets, float* out, long long n,
        long long seed) {
    PRESSO_FOR_EACH(k, n) {
        unsigned long long h = presso_hash(seed, k);
        out[k] = theta[hash_bucket(h, buckets)] * hash_sign(h);
    }
}

/** counts[bucket(k)] += 1 for every element k (counts start at 0). */
PRESSO_KERNEL(presso_hash_count, long long n, long long seed, long long buckets, int* counts) {
    PRESSO_FOR_EACH(k, n) { atomicAdd(&counts[hash_bucket(presso_hash(seed, k), buckets)], 1); }
}

/** offsets[0..m] = exclusive prefix sums of counts[0..m); run as one block. */
PRESSO_KERNEL(presso_exclusive_scan_i32, const int* counts, int* offsets, long long m) {
    __shared__ long long partial[1024];
    long long threads = blockDim.x;
    long long chunk = (m + threads - 1) / threads;
    long long from = threadIdx.x * chunk;
    long long to = from + chunk < m ? from + chunk : m;
    long long sum = 0;
    for (long long i = from; i < to; i++) sum += counts[i];
    partial[threadIdx.x] = sum;
    __syncthreads();
    if (threadIdx.x == 0) {
        long long running = 0;
        for (long long t = 0; t < threads; t++) {
            long long own = partial[t];
            partial[t] = running;
            running += own;
        }
        offsets[m] = (int) running;
    }
    __syncthreads();
    long long running = partial[threadIdx.x];
    for (long long i = from; i < to; i++) {
        offsets[i] = (int) running;
        running += counts[i];
    }
}

/** Files every element k under its bucket: order[cursor[bucket(k)]++] = k (any order within). */
PRESSO_KERNEL(presso_hash_place, long long n, long long seed, long long buckets, int* cursor,
        int* order) {
    PRESSO_FOR_EACH(k, n) {
        int at = atomicAdd(&cursor[hash_bucket(presso_hash(seed, k), buckets)], 1);
        order[at] = (int) k;
    }
}

/** Sorts a[0..n) ascending in place (heap sort: no recursion, no extra memory). */
PRESSO_INLINE void sort_ints(int* a, long long n) {
    for (long long start = n / 2 - 1; start >= 0; start--) {
        long long root = start;
        while (2 * root + 1 < n) {
            long long child = 2 * root + 1;
            if (child + 1 < n && a[child] < a[child + 1]) child++;
            if (a[root] >= a[child]) break;
            int t = a[root]; a[root] = a[child]; a[child] = t;
            root = child;
        }
    }
    for (long long end = n - 1; end > 0; end--) {
        int t = a[0]; a[0] = a[end]; a[end] = t;
        long long root = 0;
        while (2 * root + 1 < end) {
            long long child = 2 * root + 1;
            if (child + 1 < end && a[child] < a[child + 1]) child++;
            if (a[root] >= a[child]) break;
            int u = a[root]; a[root] = a[child]; a[child] = u;
            root = child;
        }
    }
}

/**
 * out[p] += sign(k) * source[k] for the elements k filed under bucket p, in increasing k (the
 * order tensor-cpu adds them in); one thread per bucket.
 */
PRESSO_KERNEL(presso_hash_accumulate_f32, const float* source, long long seed, const int* offsets,
        int* order, float* out, long long buckets) {
    PRESSO_FOR_EACH(p, buckets) {
        int* members = order + offsets[p];
        long long count = offsets[p + 1] - offsets[p];
        sort_ints(members, count);
        float acc = out[p];
        for (long long m = 0; m < count; m++) {
            long long k = members[m];
            acc = acc + hash_sign(presso_hash(seed, k)) * source[k];
        }
        out[p] = acc;
    }
}

/** Whether row element i ranks before j in top-k: larger first, NaN above all, ties by index. */
PRESSO_INLINE bool ranks_before(const float* x, long long i, long long j) {
    float a = x[i];
    float b = x[j];
    if (a > b) return true;
    if (a < b) return false;
    bool an = is_nan(a);
    bool bn = is_nan(b);
    return an != bn ? an : i < j;
}

/** Restores the heap whose root is the worst kept element. */
PRESSO_INLINE void sift_down(const float* x, int* heap, int at, int size) {
    int i = at;
    while (true) {
        int worst = i;
        int left = 2 * i + 1;
        int right = left + 1;
        if (left < size && ranks_before(x, heap[worst], heap[left])) worst = left;
        if (right < size && ranks_before(x, heap[worst], heap[right])) worst = right;
        if (worst == i) return;
        int swap = heap[i]; heap[i] = heap[worst]; heap[worst] = swap;
        i = worst;
    }
}

/**
 * The k best elements of each row of n, best first: a size-k heap kept in the row's index
 * output, then drained in order. One thread per row; for large k.
 */
PRESSO_KERNEL(presso_top_k_f32, const float* x, float* values, int* indices, long long rows,
        long long n, int k) {
    PRESSO_FOR_EACH(row, rows) {
        const float* v = x + row * n;
        int* heap = indices + row * k;
        for (int i = 0; i < k; i++) heap[i] = i;
        for (int i = k / 2 - 1; i >= 0; i--) sift_down(v, heap, i, k);
        for (long long i = k; i < n; i++) {
            if (v[i] < v[heap[0]]) continue;
            if (ranks_before(v, (int) i, heap[0])) {
                heap[0] = (int) i;
                sift_down(v, heap, 0, k);
            }
        }
        for (int size = k - 1; size > 0; size--) {
            int worst = heap[0]; heap[0] = heap[size]; heap[size] = worst;
            sift_down(v, heap, 0, size);
        }
        for (int j = 0; j < k; j++) values[row * k + j] = v[heap[j]];
    }
}

/**
 * The k best elements of each row of n, best first, in k rounds: round r picks the best element
 * that ranks after round r-1's pick (ranks_before is a strict total order, so this is the
 * top-k in order). One block per row; for small k and long rows.
 */
PRESSO_KERNEL(presso_top_k_rounds_f32, const float* x, float* values, int* indices, long long rows,
        long long n, int k) {
    __shared__ long long best[1024];
    unsigned t = threadIdx.x;
    for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
        const float* v = x + row * n;
        long long previous = -1;
        for (int r = 0; r < k; r++) {
            long long mine = -1;
            for (long long j = t; j < n; j += blockDim.x) {
                bool after = previous < 0 || ranks_before(v, previous, j);
                if (after && (mine < 0 || ranks_before(v, j, mine))) mine = j;
            }
            best[t] = mine;
            __syncthreads();
            for (unsigned width = blockDim.x / 2; width > 0; width >>= 1) {
                if (t < width) {
                    long long other = best[t + width];
                    if (other >= 0 && (best[t] < 0 || ranks_before(v, other, best[t]))) {
                        best[t] = other;
                    }
                }
                __syncthreads();
            }
            previous = best[0];
            if (t == 0) {
                indices[row * k + r] = (int) previous;
                values[row * k + r] = v[previous];
            }
            __syncthreads();
        }
    }
}
