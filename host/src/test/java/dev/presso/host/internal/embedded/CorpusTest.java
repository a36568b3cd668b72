package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated stories: reproducible, distinct, consistent within a story, and of a modest size. */
class CorpusTest {
    private static final Corpus DEFAULT = Corpus.generate(EmbeddedRecipe.DEFAULT.corpus(), EmbeddedRecipe.DEFAULT.seed());
    private static final Pattern HERO = Pattern.compile("(?:named (\\w+)\\.|^(\\w+) was a little)");
    private static final Set<String> MASCULINE = Set.of("he", "He", "his", "His", "him");
    private static final Set<String> FEMININE = Set.of("she", "She", "her", "Her");

    @Test
    void theSameSeedGivesTheSameStoriesAndAnotherSeedOthers() {
        CorpusSettings settings = new CorpusSettings(30, 5, 5);
        assertEquals(Corpus.generate(settings, 3), Corpus.generate(settings, 3));
        assertNotEquals(Corpus.generate(settings, 3).training(), Corpus.generate(settings, 4).training());
    }

    @Test
    void splitsHaveTheirSizesAndShareNoStory() {
        CorpusSettings settings = EmbeddedRecipe.DEFAULT.corpus();
        assertEquals(settings.trainingStories(), DEFAULT.training().size());
        assertEquals(settings.evaluationStories(), DEFAULT.evaluation().size());
        assertEquals(settings.calibrationStories(), DEFAULT.calibration().size());
        assertEquals(DEFAULT.all().size(), new HashSet<>(DEFAULT.all()).size(), "every story is distinct");
    }

    @Test
    void theTextIsPlainAsciiOfAFewHundredKilobytes() {
        long bytes = 0;
        for (List<String> split : List.of(DEFAULT.training(), DEFAULT.evaluation(), DEFAULT.calibration())) {
            String text = Corpus.text(split);
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(text));
        }
        assertTrue(bytes > 200_000 && bytes < 500_000, bytes + " bytes");
        for (String story : DEFAULT.all()) {
            assertFalse(story.contains("\"") || story.contains("'") || story.contains("\n") || story.contains("{"),
                    story);
            assertTrue(story.endsWith("."), story);
            assertFalse(Pattern.compile("\\ba [aeiou]").matcher(story).find(), "a before a vowel: " + story);
        }
    }

    @Test
    void theHerosPronounsAgreeWithTheHerosKindThroughoutTheStory() {
        int girls = 0;
        for (String story : DEFAULT.all()) {
            Matcher hero = HERO.matcher(story);
            assertTrue(hero.find(), story);
            boolean girl = story.contains(" girl ");
            girls += girl ? 1 : 0;
            List<String> words = WordVocabulary.split(story);
            Set<String> wrong = girl ? MASCULINE : FEMININE;
            assertTrue(words.stream().noneMatch(wrong::contains), story);
            String name = hero.group(1) != null ? hero.group(1) : hero.group(2);
            assertTrue(words.stream().filter(name::equals).count() >= 3, "the hero recurs: " + story);
        }
        assertTrue(DEFAULT.all().stream().anyMatch(story -> story.contains(" an orange ")));
        assertTrue(girls > DEFAULT.all().size() / 3 && girls < 2 * DEFAULT.all().size() / 3, girls + " girls");
    }

    @Test
    void theTextFileSeparatesStoriesWithEndOfTextLines() {
        assertEquals("a.\n<|endoftext|>\nb.\n<|endoftext|>\n", Corpus.text(List.of("a.", "b.")));
    }
}
