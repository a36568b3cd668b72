/**
 * The pipeline engine: runs a checked pipeline stage by stage in an output folder that survives
 * interruption, with per-site checkpoints, a lock of the plugins used, and results written
 * atomically.
 */
@NullMarked
package dev.presso.host.internal.run;

import org.jspecify.annotations.NullMarked;
