package dev.presso.host.internal.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How many stories to generate per split.
 *
 * @param trainingStories the number of training stories
 * @param evaluationStories the number of held-out evaluation stories
 * @param calibrationStories the number of calibration stories
 */
record CorpusSettings(int trainingStories, int evaluationStories, int calibrationStories) {
    /** Checks the counts. */
    CorpusSettings {
        if (trainingStories < 1 || evaluationStories < 1 || calibrationStories < 1) {
            throw new IllegalArgumentException("every split needs at least one story, got " + trainingStories + ", "
                    + evaluationStories + " and " + calibrationStories);
        }
    }

    /** Describes the settings for the recipe's hash and report. @return a JSON object */
    ObjectNode toJson() {
        return DurableFiles.json().createObjectNode().put("training_stories", trainingStories)
                .put("evaluation_stories", evaluationStories).put("calibration_stories", calibrationStories);
    }
}
