/** The k-means method's implementation: the clustering, the payload format and the operator. */
@NullMarked
package com.example.presso.kmeans.internal;

import org.jspecify.annotations.NullMarked;
