package dev.presso.host.internal.report;

import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.report.html.ReportPage;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.RunTimings;
import java.nio.file.Path;

/**
 * Writes a run's report into its folder, each file atomically: {@code report.json} (the results,
 * byte for byte the same for the same run), {@code timings.json} (durations and start time) and
 * {@code report.html} (both, for people).
 */
public final class ReportWriter {
    /** The results file's name. */
    public static final String REPORT_JSON = "report.json";
    /** The timings file's name. */
    public static final String TIMINGS_JSON = "timings.json";
    /** The page's name. */
    public static final String REPORT_HTML = "report.html";

    private ReportWriter() {}

    /**
     * The files written.
     *
     * @param json the results
     * @param timings the durations
     * @param html the page
     */
    public record Files(Path json, Path timings, Path html) {}

    /**
     * Writes the three files, replacing earlier ones.
     *
     * @param folder the run's folder, created if missing
     * @param report the results
     * @param timings the durations; {@link RunTimings#NONE} when there are none
     * @return the files
     * @throws dev.presso.kernel.PressoException if a file cannot be written
     */
    public static Files write(Path folder, RunReport report, RunTimings timings) {
        Path json = AtomicFiles.writeJson(folder.resolve(REPORT_JSON), report);
        Path times = AtomicFiles.writeJson(folder.resolve(TIMINGS_JSON), timings);
        Path html = AtomicFiles.writeString(folder.resolve(REPORT_HTML), ReportPage.render(report, timings));
        return new Files(json, times, html);
    }

    /**
     * Reads the results a run wrote.
     *
     * @param folder the run's folder
     * @return the report
     * @throws dev.presso.kernel.PressoException if {@code report.json} is missing or malformed
     */
    public static RunReport read(Path folder) {
        return CanonicalJson.read(folder.resolve(REPORT_JSON), RunReport.class);
    }
}
