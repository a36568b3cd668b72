package dev.presso.host.internal.catalog.osgi;

import org.apache.felix.framework.Logger;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Sends Felix's own log to {@link System.Logger} {@code presso.osgi} instead of standard output.
 * Felix errors become warnings; the rest is debug output. The host reports every plugin failure
 * itself as a problem, so nothing here is needed to understand one.
 */
final class FelixLog extends Logger {
    private static final System.Logger LOG = System.getLogger("presso.osgi");

    @Override
    @SuppressWarnings("rawtypes") // Felix declares the raw type
    protected void doLog(@Nullable Bundle bundle, @Nullable ServiceReference service, int level, String message,
            @Nullable Throwable failure) {
        System.Logger.Level target = level == LOG_ERROR ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        String text = bundle == null ? message : bundle.getSymbolicName() + ": " + message;
        if (failure == null) {
            LOG.log(target, text);
        } else {
            LOG.log(target, text, failure);
        }
    }
}
