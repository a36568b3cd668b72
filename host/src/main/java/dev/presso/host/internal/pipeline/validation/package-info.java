/**
 * Checks a pipeline against the environment it will run in: installed plugins and their
 * versions, the methods, strategies and evaluators it names with their settings and levels, the
 * model's linear sites its patterns must match, and its data files. {@link
 * dev.presso.host.internal.pipeline.validation.PipelineValidator} is the entry point; it reports
 * every problem of a file at once, the reader's included. Not API.
 */
@NullMarked
package dev.presso.host.internal.pipeline.validation;

import org.jspecify.annotations.NullMarked;
