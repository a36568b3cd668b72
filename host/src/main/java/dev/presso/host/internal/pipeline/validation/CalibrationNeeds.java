package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.spec.Settings;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether a method with given settings needs the input statistics a calibrate stage
 * collects. The kernel API does not let a method declare this yet, so {@link #KNOWN} lists the
 * methods known to need it.
 */
@FunctionalInterface
public interface CalibrationNeeds {
    /** Methods that always need calibration, by id. */
    Set<String> ALWAYS = Set.of("gptq", "sparsegpt", "awq", "wanda", "obc");

    /** The known needs: {@link #ALWAYS}, and {@code svd} with {@code whitened: true}. */
    CalibrationNeeds KNOWN = (method, params) -> ALWAYS.contains(method)
            || method.equals("svd") && isTrue(params.values(), "whitened");

    /**
     * Tells whether a method needs calibration.
     *
     * @param method the method id
     * @param params its settings as written
     * @return whether it reads calibration statistics
     */
    boolean needsCalibration(String method, Settings params);

    private static boolean isTrue(Map<String, String> values, String key) {
        String value = values.getOrDefault(key, "false").toLowerCase(Locale.ROOT);
        return Set.of("true", "yes", "on").contains(value);
    }
}
