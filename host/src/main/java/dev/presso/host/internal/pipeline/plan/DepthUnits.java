package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.Ladder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sub-blocks a depth ladder makes units of, found from a LLaMA-family model's linear-site
 * names: per decoder block {@code model.layers.N.self_attn} (sites {@code q,k,v,o_proj}, output
 * {@code o_proj}) and {@code model.layers.N.mlp} (sites {@code gate,up,down_proj}, output
 * {@code down_proj}), in block order, attention before MLP. Stateless.
 */
public final class DepthUnits {
    private static final Pattern SITE = Pattern.compile("(model\\.layers\\.\\d+)\\.(self_attn|mlp)\\.([a-z_]+)");

    private DepthUnits() {}

    /**
     * One sub-block.
     *
     * @param name the sub-block's name, such as {@code model.layers.3.self_attn}
     * @param group {@link Ladder.Depth#ATTENTION} or {@link Ladder.Depth#MLP}
     * @param sites its linear sites, in the model's order
     * @param output the site whose operator a drop replaces by zero
     */
    public record Unit(String name, String group, List<String> sites, String output) {
        /** Copies the sites. */
        public Unit {
            sites = List.copyOf(sites);
        }
    }

    /**
     * Lists the units of a depth ladder.
     *
     * @param ladder which sub-blocks
     * @param siteNames the model's linear-site names, in the model's order
     * @return the units, those without their output projection left out
     */
    public static List<Unit> of(Ladder.Depth ladder, List<String> siteNames) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String site : siteNames) {
            Matcher m = SITE.matcher(site);
            if (m.matches() && (m.group(2).equals("self_attn") ? ladder.attention() : ladder.mlp())) {
                members.computeIfAbsent(m.group(1) + "." + m.group(2), k -> new ArrayList<>()).add(site);
            }
        }
        List<Unit> units = new ArrayList<>();
        members.forEach((name, sites) -> {
            boolean attention = name.endsWith(".self_attn");
            String output = name + (attention ? ".o_proj" : ".down_proj");
            if (sites.contains(output)) {
                units.add(new Unit(name, attention ? Ladder.Depth.ATTENTION : Ladder.Depth.MLP, sites, output));
            }
        });
        return List.copyOf(units);
    }
}
