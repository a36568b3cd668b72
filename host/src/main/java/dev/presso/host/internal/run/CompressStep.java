package dev.presso.host.internal.run;

import dev.presso.host.internal.calibration.Calibrator;
import dev.presso.host.internal.calibration.CalibrationSettings;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.pipeline.plan.SitePlan;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.pipeline.ProgressSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compresses the sites a compress stage targets, each at the level its rule gives, site by site
 * with a checkpoint after each; in sequential mode block by block on recalibrated inputs.
 */
final class CompressStep {
    private CompressStep() {}

    static Map<String, Object> run(StageScope scope, Stage.Compress stage, List<SitePlan> plan) {
        Provided<CompressionMethodProvider> provided = scope.providers().method(stage.method().id());
        CompressionMethod method = PluginFailureException.attribute(provided.plugin(), "creating method " + stage.method().id(),
                () -> provided.provider().create(stage.params().values()));
        SiteCompression compression = new SiteCompression(scope, method, provided.plugin(), stage.params().values());
        Map<String, Level> levels = new LinkedHashMap<>();
        for (SitePlan site : plan) {
            if (site.rule().compresses()) {
                site.level().ifPresent(level -> levels.put(site.site(), MethodLevels.find(method, level)));
            }
        }
        if (stage.sequential()) {
            new Calibrator(scope.tensors(), CalibrationSettings.defaults(), scope.progress(), scope.cancellation())
                    .sequential(scope.state().model(), scope.data().calibration(scope.place()), (site, statistics) -> {
                        Level level = levels.get(site.name());
                        return level == null ? Optional.empty()
                                : Optional.of(compression.apply(site.name(), level).operator());
                    });
        } else {
            try (ProgressSink bar = scope.progress().open(scope.place(), levels.size())) {
                levels.forEach((site, level) -> {
                    bar.status(site);
                    compression.apply(site, level);
                    bar.advance(1);
                });
            }
        }
        return Map.of("method", stage.method().id(), "sites", levels.size());
    }
}
