/**
 * Shows the progress of long tasks: a bar with rate and ETA on a terminal (drawn by the
 * {@code me.tongfei:progressbar} library), throttled plain lines in logs and pipes, or nothing.
 */
@NullMarked
package dev.presso.host.internal.progress;

import org.jspecify.annotations.NullMarked;
