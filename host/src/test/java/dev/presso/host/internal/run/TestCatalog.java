package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.cli.TestPerplexityProvider;
import java.util.List;

/** A catalog of one pretend plugin holding the test methods, the test strategy and the test evaluator. */
final class TestCatalog implements Catalog {
    static final InstalledPlugin PLUGIN = new InstalledPlugin("test", "1.0.0", "00", "[1.0,2)", "test");

    @Override
    public List<InstalledPlugin> plugins() {
        return List.of(PLUGIN);
    }

    @Override
    public <S> List<Provided<S>> providers(Class<S> service) {
        return List.of(new RoundingMethodProvider(), new PruningMethodProvider(), new SwapStrategyProvider(),
                        new TestPerplexityProvider()).stream()
                .filter(service::isInstance).map(p -> new Provided<>(service.cast(p), PLUGIN)).toList();
    }
}
