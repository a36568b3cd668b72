package dev.presso.host.internal.run;

import dev.presso.host.internal.calibration.CalibrationSettings;
import dev.presso.host.internal.calibration.Calibrator;
import dev.presso.host.internal.pipeline.spec.Stage;
import java.util.Map;

/**
 * Captures every linear site's input statistics on the calibration data with the model as it is.
 * Statistics are recomputed when a run resumes: they are deterministic and cheaper to rebuild than
 * to store ({@code in^2} doubles per site).
 */
final class CalibrateStep {
    private CalibrateStep() {}

    static Map<String, Object> run(StageScope scope, Stage.Calibrate stage) {
        CalibrationSettings settings = CalibrationSettings.defaults().withSample(stage.rowSample(), scope.seed());
        var statistics = new Calibrator(scope.tensors(), settings, scope.progress(), scope.cancellation())
                .dense(scope.state().model(), scope.data().calibration(scope.place()));
        scope.state().calibrated(statistics);
        return Map.of("sites", statistics.size(), "tokens",
                scope.data().calibration(scope.place()).tokenCount());
    }
}
