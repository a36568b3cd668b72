package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.kernel.model.Tokenizer;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** One optimizer step through the real LLaMA forward pass moves every parameter and leaks no tensor. */
class TrainerTest {
    @Test
    void oneStepMovesEveryParameterAndReleasesEveryTensor() throws IOException {
        EmbeddedRecipe recipe = TinyRecipes.tiny(5);
        List<String> stories = Corpus.generate(new CorpusSettings(4, 1, 1), 5).training();
        WordVocabulary vocabulary = WordVocabulary.of(stories);
        LlamaConfig config = LlamaConfigReader.parse(JsonObject.parse(
                DurableFiles.json().writeValueAsBytes(recipe.shape().config(vocabulary.size())), "config.json"));
        Parameters parameters = InitialWeights.draw(config, 1);
        Parameters initial = InitialWeights.draw(config, 1);
        TrainingSettings oneStep = new TrainingSettings(1, 2, 16, 1e-3, 1, 0, 0, 0.9, 0.95, 1e-8, 0);
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            TokenStream stream = TokenStream.of(stories, new SplittingTokenizer(vocabulary));
            TrainingRun run = new Trainer(config, oneStep, tensors)
                    .train(parameters, stream, 3, ProgressOpener.NONE.open("t", 1));
            assertEquals(1, run.losses().length);
            assertEquals(Math.log(vocabulary.size()), run.losses()[0], 0.1, "an untrained model is near uniform");
            for (String name : parameters.names()) {
                assertFalse(Arrays.equals(initial.values(name), parameters.values(name)), name + " did not move");
            }
            assertEquals(0, backend.memoryStats().liveArrays(), "every tensor of the step was released");
            try (GradMode _ = tensors.noGrad()) {
                assertThrows(IllegalStateException.class, () -> new Trainer(config, oneStep, tensors)
                        .train(parameters, stream, 3, ProgressOpener.NONE.open("t", 1)));
            }
        }
    }

    /** Encodes by the vocabulary's own split, as the Hugging Face tokenizer does (checked elsewhere). */
    private record SplittingTokenizer(WordVocabulary vocabulary) implements Tokenizer {
        @Override
        public int[] encode(String text, boolean addSpecialTokens) {
            List<String> pieces = WordVocabulary.split(text);
            int[] ids = new int[pieces.size() + 1];
            ids[0] = WordVocabulary.BEGIN_ID;
            for (int i = 0; i < pieces.size(); i++) {
                ids[i + 1] = vocabulary.pieces().indexOf(pieces.get(i));
            }
            return ids;
        }

        @Override
        public String decode(int[] ids, boolean skipSpecialTokens) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int vocabularySize() {
            return vocabulary.size();
        }

        @Override
        public OptionalInt bosId() {
            return OptionalInt.of(WordVocabulary.BEGIN_ID);
        }

        @Override
        public List<Integer> eosIds() {
            return List.of(WordVocabulary.END_ID);
        }

        @Override
        public void close() {}
    }
}
