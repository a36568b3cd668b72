package dev.presso.host.internal.pipeline.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Glob and regular-expression patterns over dotted site names. */
class LayerPatternTest {
    private static final List<String> SITES = List.of("model.layers.0.self_attn.q_proj",
            "model.layers.0.mlp.down_proj", "model.layers.1.self_attn.q_proj", "model.layers.12.mlp.up_proj",
            "lm_head");

    private static String matched(String pattern) {
        LayerPattern p = new LayerPattern(pattern, Location.startOf(Path.of("p.yaml")));
        return String.join(" ", SITES.stream().filter(p::matches).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "model.layers.0.mlp.down_proj       | model.layers.0.mlp.down_proj",
        "model.layers.*.self_attn.q_proj    | model.layers.0.self_attn.q_proj model.layers.1.self_attn.q_proj",
        "model.layers.0.*                   | ''",
        "model.layers.0.**                  | model.layers.0.self_attn.q_proj model.layers.0.mlp.down_proj",
        "**.q_proj                          | model.layers.0.self_attn.q_proj model.layers.1.self_attn.q_proj",
        "model.layers.?.mlp.*               | model.layers.0.mlp.down_proj",
        "model.layers.??.mlp.*              | model.layers.12.mlp.up_proj",
        "model.layers.[01].self_attn.*      | model.layers.0.self_attn.q_proj model.layers.1.self_attn.q_proj",
        "model.layers.[!0].self_attn.*      | model.layers.1.self_attn.q_proj",
        "model.layers.*.mlp.{up,down}_proj  | model.layers.0.mlp.down_proj model.layers.12.mlp.up_proj",
        "*                                  | lm_head",
        "lm_head                            | lm_head",
        "re:.*\\.mlp\\..*                   | model.layers.0.mlp.down_proj model.layers.12.mlp.up_proj",
        "re:model\\.layers\\.1\\d*\\..*     | model.layers.1.self_attn.q_proj model.layers.12.mlp.up_proj",
        "re:mlp                             | ''",
        "model.layers.0.self_attn.q_pro     | ''"})
    void matchesWholeNamesWithStarsWithinOnePart(String pattern, String expected) {
        assertEquals(expected, matched(pattern));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"re:(", "re:*x", "model.{a,b", "model.}", "model.[0-1", "model.]"})
    void reportsSyntaxErrors(String pattern) {
        assertTrue(LayerPattern.syntaxError(pattern).isPresent(), pattern);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lm_head, true", "model.layers.0.mlp.up_proj, true", "model.*, false", "re:lm_head, false",
        "'model.{a,b}', false"})
    void knowsLiteralNames(String pattern, boolean literal) {
        assertEquals(literal, new LayerPattern(pattern, Location.startOf(Path.of("p.yaml"))).isLiteral());
    }
}
