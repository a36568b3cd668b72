package ${package};

import ${package}.internal.HalfPrecisionMethod;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code ${methodId}}: every weight stored in half precision (F16), 16 bits per weight.
 * The host discovers this class through {@code META-INF/services}.
 */
public final class HalfPrecisionMethodProvider implements CompressionMethodProvider {
    /** Creates the provider; cheap. */
    public HalfPrecisionMethodProvider() {}

    @Override
    public String id() {
        return HalfPrecisionMethod.ID;
    }

    @Override
    public String description() {
        return "Stores every weight in half precision (F16).";
    }

    @Override
    public List<PluginOption> options() {
        return List.of();
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        new PluginSettings("method " + id(), settings, options());
        return new HalfPrecisionMethod();
    }
}
