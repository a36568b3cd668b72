package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.plugins.tensorcuda.internal.kernels.KernelArg;
import dev.presso.plugins.tensorcuda.internal.kernels.KernelLauncher;
import dev.presso.plugins.tensorcuda.internal.kernels.LaunchShape;
import java.util.HashMap;
import java.util.Map;

/**
 * Launches the provider's kernels through the driver: the module is loaded once from a
 * {@link ModuleImage}, functions are looked up by entry name on first use and cached, and every
 * launch is queued on the session's stream from the CUDA thread.
 */
final class DriverKernelLauncher implements KernelLauncher, AutoCloseable {
    private final DeviceSession session;
    private final long module;
    private final Map<String, Long> functions = new HashMap<>();

    DriverKernelLauncher(DeviceSession session, ModuleImage image) {
        this.session = session;
        this.module = session.call("load kernels", () -> session.driver().loadModule(image.bytes()));
    }

    @Override
    public void launch(String kernel, LaunchShape shape, KernelArg... args) {
        session.run(kernel, () -> {
            Long function = functions.get(kernel);
            if (function == null) {
                function = session.driver().function(module, kernel);
                functions.put(kernel, function);
            }
            session.driver().launch(function, shape, session.stream(), args);
        });
    }

    @Override
    public void close() {
        session.run("unload kernels", () -> session.driver().unloadModule(module));
    }
}
