/**
 * Renders a run report as one self-contained HTML page: inline CSS, tables and SVG charts drawn
 * here, no script and nothing fetched from the network.
 */
@NullMarked
package dev.presso.host.internal.report.html;

import org.jspecify.annotations.NullMarked;
