/**
 * An example third-party Presso plugin: per-group k-means weight clustering, the method
 * {@code kmeans}. Its only public type is the provider the host discovers through
 * {@code META-INF/services}.
 */
@NullMarked
package com.example.presso.kmeans;

import org.jspecify.annotations.NullMarked;
