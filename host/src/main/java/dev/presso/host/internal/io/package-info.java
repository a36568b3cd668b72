/**
 * Files that survive a crash: every write goes to a temporary file in the target's folder and is
 * renamed over the target, so a reader sees the old content or the new one, never a torn file.
 */
@NullMarked
package dev.presso.host.internal.io;

import org.jspecify.annotations.NullMarked;
