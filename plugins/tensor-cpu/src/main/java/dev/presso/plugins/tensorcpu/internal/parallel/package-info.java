/**
 * The CPU provider's worker threads: a fixed pool that runs parallel loops with low dispatch
 * latency.
 */
@NullMarked
package dev.presso.plugins.tensorcpu.internal.parallel;

import org.jspecify.annotations.NullMarked;
