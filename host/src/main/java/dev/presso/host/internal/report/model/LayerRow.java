package dev.presso.host.internal.report.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How one linear site was stored.
 *
 * @param site the site's name, such as {@code model.layers.3.mlp.up_proj}
 * @param method the method id, such as {@code rtn}, or {@code dense}
 * @param level the level's label, such as {@code 4bit}
 * @param parameters the site's original parameter count, at least 1
 * @param storageBits the bits its stored form takes, everything included (scales, indices,
 *     factors)
 */
public record LayerRow(String site, String method, String level, long parameters, long storageBits) {
    /** Checks the name and the counts. */
    public LayerRow {
        Checks.notBlank(site, "site name");
        Checks.size(parameters, storageBits, "site " + site);
    }

    /**
     * Returns the stored bits per original parameter.
     *
     * @return {@code storageBits / parameters}
     */
    @JsonProperty(value = "bitsPerParameter", access = JsonProperty.Access.READ_ONLY)
    public double bitsPerParameter() {
        return (double) storageBits / parameters;
    }
}
