/**
 * EvoPress' machinery: settings, the cost model, the level-switch mutation, the starting
 * allocation, multi-step selection, the checkpoint format and the search loop. Not an API.
 */
@NullMarked
package dev.presso.plugins.evopress.internal;

import org.jspecify.annotations.NullMarked;
