package dev.presso.host.internal.registry;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A class loader that sees one plugin jar, the JDK and the host's kernel-api packages, and nothing
 * else of the host's class path: what the plugin may rely on in both runtime modes. Checking a jar
 * through it loads the jar's own classes even when another version of the same plugin is on the
 * host's class path.
 */
final class IsolatedPluginLoader extends URLClassLoader {
    private static final String KERNEL_API = "dev.presso.kernel.";
    private final ClassLoader host;

    IsolatedPluginLoader(URL jar, ClassLoader host) {
        super("presso-plugin-check", new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(KERNEL_API)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
