/**
 * The baselines' machinery: settings, level ladders, the payload codecs of each method (packed
 * codes, bitmasks, factors), the operator that computes from a decoded payload, and the uniform
 * allocation.
 */
@NullMarked
package dev.presso.plugins.baselines.internal;

import org.jspecify.annotations.NullMarked;
