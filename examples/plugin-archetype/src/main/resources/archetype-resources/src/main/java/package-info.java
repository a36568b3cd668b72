/** A Presso plugin: the provider of the compression method {@code ${methodId}}. */
@NullMarked
package ${package};

import org.jspecify.annotations.NullMarked;
