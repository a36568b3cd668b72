/**
 * The records of a run report: what ran, the dense baseline, each variant's metrics and size site
 * by site, and search traces, with durations apart in {@link RunTimings}. Jackson maps them to and
 * from {@code report.json} as they are.
 */
@NullMarked
package dev.presso.host.internal.report.model;

import org.jspecify.annotations.NullMarked;
