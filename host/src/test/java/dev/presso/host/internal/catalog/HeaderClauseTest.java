package dev.presso.host.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OSGi header parsing as bnd writes Import-Package and Export-Package. */
class HeaderClauseTest {
    @Test
    void splitsClausesOutsideQuotesAndSeparatesAttributesFromDirectives() {
        List<HeaderClause> clauses = HeaderClause.parse("Import-Package",
                "org.jspecify.annotations;version=\"[1.0,2)\";resolution:=optional,dev.presso.kernel;"
                        + "dev.presso.kernel.tensor;version:Version=\"[1.0,2)\", java.lang");
        assertAll(
                () -> assertEquals(3, clauses.size()),
                () -> assertEquals(new HeaderClause(List.of("org.jspecify.annotations"), Map.of("version", "[1.0,2)"),
                        Map.of("resolution", "optional")), clauses.get(0)),
                () -> assertEquals(new HeaderClause(List.of("dev.presso.kernel", "dev.presso.kernel.tensor"),
                        Map.of("version", "[1.0,2)"), Map.of()), clauses.get(1)),
                () -> assertEquals(new HeaderClause(List.of("java.lang"), Map.of(), Map.of()), clauses.get(2)));
    }

    @Test
    void anUnclosedQuoteOrAClauseWithoutANameIsAnError() {
        PressoException unclosed = assertThrows(PressoException.class,
                () -> HeaderClause.parse("Import-Package", "a;version=\"[1,2)"));
        PressoException nameless = assertThrows(PressoException.class,
                () -> HeaderClause.parse("Import-Package", "version=1.0"));
        assertAll(
                () -> assertTrue(unclosed.getMessage().startsWith("Import-Package has an unclosed quote"),
                        unclosed.getMessage()),
                () -> assertTrue(nameless.getMessage().contains("names no package"), nameless.getMessage()));
    }
}
