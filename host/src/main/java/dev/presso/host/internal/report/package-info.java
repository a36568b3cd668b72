/**
 * Writes what a pipeline run produced into its folder: {@code report.json} for machines, a
 * self-contained {@code report.html} with charts for people, and {@code timings.json}. Results are
 * deterministic (the same run gives the same bytes); durations and the start time live apart.
 */
@NullMarked
package dev.presso.host.internal.report;

import org.jspecify.annotations.NullMarked;
