package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the cache lives: the property, then the environment variable, then XDG, then the home folder. */
class CacheRootTest {
    private static Path root(Map<String, String> properties, Map<String, String> environment) {
        return EmbeddedModel.cacheRoot(properties::get, environment::get);
    }

    @Test
    void thePropertyWinsThenTheVariableThenXdgThenHome() {
        Map<String, String> home = Map.of("user.home", "/home/u");
        assertEquals(Path.of("/p"), root(Map.of("presso.cache", "/p", "user.home", "/home/u"),
                Map.of("PRESSO_CACHE", "/e", "XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of("/e"), root(home, Map.of("PRESSO_CACHE", "/e", "XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of("/x/presso"), root(home, Map.of("XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of("/home/u/.cache/presso"), root(home, Map.of()));
        assertEquals(Path.of("/home/u/.cache/presso"), root(Map.of("presso.cache", " ", "user.home", "/home/u"),
                Map.of("PRESSO_CACHE", "")));
    }

    @Test
    void theDefaultRecipesKeyIsStableAndEveryFieldChangesIt() {
        EmbeddedRecipe recipe = EmbeddedRecipe.DEFAULT;
        assertEquals(recipe.key(), new EmbeddedRecipe(recipe.seed(), recipe.corpus(), recipe.shape(),
                recipe.training()).key());
        assertEquals(16, recipe.key().length());
        EmbeddedRecipe otherSeed = new EmbeddedRecipe(recipe.seed() + 1, recipe.corpus(), recipe.shape(),
                recipe.training());
        EmbeddedRecipe otherCorpus = new EmbeddedRecipe(recipe.seed(), new CorpusSettings(1, 1, 1), recipe.shape(),
                recipe.training());
        EmbeddedRecipe otherShape = new EmbeddedRecipe(recipe.seed(), recipe.corpus(),
                new ModelShape(64, 176, 4, 4, 4, 256), recipe.training());
        EmbeddedRecipe otherTraining = new EmbeddedRecipe(recipe.seed(), recipe.corpus(), recipe.shape(),
                TinyRecipes.tiny(1).training());
        for (EmbeddedRecipe other : new EmbeddedRecipe[] {otherSeed, otherCorpus, otherShape, otherTraining}) {
            assertNotEquals(recipe.key(), other.key(), other.toString());
        }
    }
}
