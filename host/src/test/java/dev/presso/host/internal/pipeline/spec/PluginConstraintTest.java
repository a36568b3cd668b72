package dev.presso.host.internal.pipeline.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Validation;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Version constraints: every form, its bounds, and which versions it allows. */
class PluginConstraintTest {
    private static PluginConstraint parse(String text) {
        Validation<String, PluginConstraint> parsed = PluginConstraint.parse(text);
        assertTrue(parsed.isValid(), () -> text + ": " + parsed.getError());
        return parsed.get();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "*            | any version",
        "^1.2.3       | >=1.2.3 <2.0.0",
        "^1.2         | >=1.2.0 <2.0.0",
        "^1           | >=1.0.0 <2.0.0",
        "^0.1         | >=0.1.0 <0.2.0",
        "^0.1.4       | >=0.1.4 <0.2.0",
        "^0.0.3       | >=0.0.3 <0.0.4",
        "^0.0         | >=0.0.0 <0.1.0",
        "^0           | >=0.0.0 <1.0.0",
        "~1.2.3       | >=1.2.3 <1.3.0",
        "~1.2         | >=1.2.0 <1.3.0",
        "~1           | >=1.0.0 <2.0.0",
        ">=1.0 <2     | >=1.0.0 <2.0.0",
        ">1.0,<=2.1   | >1.0.0 <=2.1.0",
        "=1.2.3       | =1.2.3",
        "1.2.3        | =1.2.3",
        "1.2.3.beta   | =1.2.3.beta",
        "1.2          | >=1.2.0 <1.3.0",
        "1.2.x        | >=1.2.0 <1.3.0",
        "1.x          | >=1.0.0 <2.0.0",
        "[1.0,2)      | >=1.0.0 <2.0.0",
        "(1.0,2.0]    | >1.0.0 <=2.0.0",
        "[1.2.3,1.2.3]| >=1.2.3 <=1.2.3"})
    void explainsEachFormAsBounds(String text, String bounds) {
        assertEquals(bounds, parse(text).describe());
    }

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
        "^0.1, 0.1.0, true", "^0.1, 0.1.9, true", "^0.1, 0.1.0.SNAPSHOT, true", "^0.1, 0.1.0-SNAPSHOT, true",
        "^0.1, 0.2.0, false", "^0.1, 0.0.9, false", "^0.1, 1.0.0, false",
        "^1.2, 1.9.0, true", "^1.2, 2.0.0, false", "^1.2, 2.0.0.alpha, false", "^1.2, 1.1.9, false",
        "~1.2, 1.2.7, true", "~1.2, 1.3.0, false",
        "'>=1.0 <2', 1.0.0, true", "'>=1.0 <2', 1.99.99, true", "'>=1.0 <2', 2.0.0, false",
        "'[1.0,2)', 2.0.0, false", "'(1.0,2.0]', 1.0.0, false", "'(1.0,2.0]', 2.0.0, true",
        "1.2.3, 1.2.3, true", "1.2.3, 1.2.3.beta, false", "1.2.3, 1.2.4, false",
        "*, 0.0.1, true", "*, not-a-version, false", "^0.1, 0.1, true", "^0.1, 0.1.0.1, true"})
    void allowsExactlyTheVersionsInItsBounds(String text, String version, boolean allowed) {
        assertEquals(allowed, parse(text).allows(version));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "  ", "^^0.1", "^", "~x", ">=1.0 <", ">=", "one.two", "1..2", "[1.0,2", "[1.0]",
        "[2.0,1.0)", "(a,b)", "1.2.3.4.5", "^1.2.3 ||"})
    void refusesMalformedConstraintsWithAReason(String text) {
        Validation<String, PluginConstraint> parsed = PluginConstraint.parse(text);
        assertTrue(parsed.isInvalid(), text);
        assertFalse(parsed.getError().isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1.0.0 < 1.0.0.beta", "1.0.0.alpha < 1.0.0.beta", "1.0.0.beta < 1.0.1", "1.9.0 < 1.10.0",
        "0.1 < 0.1.1", "2 < 10"})
    void ordersVersionsAsOsgiDoes(String comparison) {
        String[] sides = Arrays.stream(comparison.split("<")).map(String::strip).toArray(String[]::new);
        PluginVersion low = PluginVersion.parse(sides[0]).orElseThrow();
        PluginVersion high = PluginVersion.parse(sides[1]).orElseThrow();
        assertTrue(low.compareTo(high) < 0, comparison);
        assertTrue(high.compareTo(low) > 0, comparison);
    }
}
