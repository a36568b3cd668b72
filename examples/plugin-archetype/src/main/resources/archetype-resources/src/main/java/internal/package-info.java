/** The method's implementation. */
@NullMarked
package ${package}.internal;

import org.jspecify.annotations.NullMarked;
