package dev.presso.host.internal.embedded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The generated stories: a training split, a held-out evaluation split and a calibration split, all
 * distinct from each other and within themselves.
 *
 * @param training the stories the model learns from
 * @param evaluation held-out stories for perplexity
 * @param calibration further held-out stories for calibrating compression methods
 */
record Corpus(List<String> training, List<String> evaluation, List<String> calibration) {
    /** The line between two stories in a text file, as in TinyStories' own files. */
    static final String SEPARATOR = "<|endoftext|>";

    /** Copies the lists. */
    Corpus {
        training = List.copyOf(training);
        evaluation = List.copyOf(evaluation);
        calibration = List.copyOf(calibration);
    }

    /**
     * Generates the stories of a seed: training first, then evaluation, then calibration, from one
     * random stream, skipping any story drawn before.
     *
     * @param settings the number of stories per split
     * @param seed the seed of the story stream
     * @return the corpus, the same for the same settings and seed
     */
    static Corpus generate(CorpusSettings settings, long seed) {
        Random random = new Random(seed);
        Set<String> seen = new HashSet<>();
        List<String> training = draw(random, seen, settings.trainingStories());
        List<String> evaluation = draw(random, seen, settings.evaluationStories());
        List<String> calibration = draw(random, seen, settings.calibrationStories());
        return new Corpus(training, evaluation, calibration);
    }

    private static List<String> draw(Random random, Set<String> seen, int count) {
        List<String> stories = new ArrayList<>(count);
        long attempts = 0;
        while (stories.size() < count) {
            if (++attempts > 100L * count + 1000) {
                throw new IllegalStateException("the story grammar yielded only " + stories.size() + " new stories in "
                        + attempts + " draws; expected " + count);
            }
            String story = StoryGrammar.story(random);
            if (seen.add(story)) {
                stories.add(story);
            }
        }
        return stories;
    }

    /** Returns every story, training first. @return the stories of all three splits */
    List<String> all() {
        return Stream.of(training, evaluation, calibration).flatMap(List::stream).toList();
    }

    /**
     * Formats stories as a text file: each story on its own line, followed by a {@link #SEPARATOR}
     * line.
     *
     * @param stories the stories
     * @return the file's text
     */
    static String text(List<String> stories) {
        StringBuilder text = new StringBuilder();
        for (String story : stories) {
            text.append(story).append('\n').append(SEPARATOR).append('\n');
        }
        return text.toString();
    }
}
