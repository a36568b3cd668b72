package dev.presso.host.internal.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.presso.kernel.PressoException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressModeTest {
    @Test
    void parsesNamesInAnyCase() {
        assertEquals(ProgressMode.PLAIN, ProgressMode.parse(" Plain ", "--progress"));
        assertEquals(ProgressMode.OFF, ProgressMode.parse("off", "--progress"));
    }

    @Test
    void anUnknownNameIsAProblemThatNamesItsSourceAndTheChoices() {
        PressoException error = assertThrows(PressoException.class,
                () -> ProgressMode.parse("fancy", ProgressMode.VARIABLE));

        assertEquals("PRESSO_PROGRESS: 'fancy' is not a progress mode; expected one of auto, bar, plain, off",
                error.getMessage());
    }

    @Test
    void autoDrawsABarOnlyOnAnInteractiveTerminal() {
        assertEquals(ProgressMode.BAR, ProgressMode.AUTO.resolve(Map.of("TERM", "xterm"), true));
        assertEquals(ProgressMode.PLAIN, ProgressMode.AUTO.resolve(Map.of("TERM", "xterm"), false));
        assertEquals(ProgressMode.PLAIN, ProgressMode.AUTO.resolve(Map.of("TERM", "dumb"), true));
    }

    @Test
    void theEnvironmentChoosesForAutoButNotForAnExplicitMode() {
        Map<String, String> plain = Map.of(ProgressMode.VARIABLE, "plain");

        assertEquals(ProgressMode.PLAIN, ProgressMode.AUTO.resolve(plain, true));
        assertEquals(ProgressMode.BAR, ProgressMode.AUTO.resolve(Map.of(ProgressMode.VARIABLE, "auto"), true));
        assertEquals(ProgressMode.OFF, ProgressMode.OFF.resolve(plain, true));
        assertThrows(PressoException.class,
                () -> ProgressMode.AUTO.resolve(Map.of(ProgressMode.VARIABLE, "loud"), true));
    }

    @Test
    void offShowsNothing() {
        assertSame(ProgressDisplay.NONE, ProgressDisplay.create(ProgressMode.OFF, System.err));
    }
}
