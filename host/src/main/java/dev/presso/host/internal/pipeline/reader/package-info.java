/**
 * Reads pipeline YAML files into {@link dev.presso.host.internal.pipeline.spec.PipelineSpec}s,
 * collecting every structural problem (syntax, unknown keys, wrong types, missing keys, malformed
 * patterns and constraints) with its line and column. {@link
 * dev.presso.host.internal.pipeline.reader.PipelineReader} is the entry point. Not API.
 */
@NullMarked
package dev.presso.host.internal.pipeline.reader;

import org.jspecify.annotations.NullMarked;
