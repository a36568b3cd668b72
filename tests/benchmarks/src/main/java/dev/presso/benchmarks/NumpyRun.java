package dev.presso.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the committed numpy script ({@code numpy_bench.py}, fed to {@code python3 -} on
 * standard input) in a child process.
 *
 * @param title the column title
 * @param info what the script reported about numpy, its BLAS and the child's environment
 * @param seconds the median seconds per case id
 * @param error why the run failed, or empty
 */
record NumpyRun(String title, Map<String, String> info, Map<String, Double> seconds,
        String error) {
    /** The variables that make numpy's OpenBLAS pick other kernels on this machine. */
    static final List<String> OPENBLAS_TUNING = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    private static final String SCRIPT = "numpy_bench.py";

    /**
     * Runs the script on the cases.
     *
     * @param title the column title
     * @param cases the cases to time
     * @param removed environment variables removed from the child's environment only
     * @return the results, or a run with {@link #error()} set if python3 or numpy failed
     */
    static NumpyRun execute(String title, List<BenchCase> cases, List<String> removed) {
        List<String> command = new ArrayList<>(List.of("python3", "-"));
        cases.forEach(c -> command.add(c.spec()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        removed.forEach(builder.environment()::remove);
        Map<String, String> info = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(script());
            }
            try (BufferedReader out = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String[] parts = line.split(" ", 3);
                    if (parts.length == 3 && parts[0].equals("info")) {
                        info.put(parts[1], parts[2]);
                    } else if (parts.length == 3 && parts[0].equals("time")) {
                        seconds.put(parts[1], Double.parseDouble(parts[2]));
                    }
                }
            }
            int status = process.waitFor();
            String error = status == 0 ? "" : "python3 exited with status " + status;
            return new NumpyRun(title, info, seconds, error);
        } catch (IOException e) {
            return new NumpyRun(title, info, seconds,
                    "cannot run " + SCRIPT + " with python3: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NumpyRun(title, info, seconds, "interrupted");
        }
    }

    /**
     * Combines this run with a later one of the same title: the union of the timed cases (the
     * faster time where both timed a case), the info of the first run that reported any, and the
     * first error.
     *
     * @param later a later run with the same title
     * @return the combined run
     */
    NumpyRun merge(NumpyRun later) {
        Map<String, Double> allSeconds = new LinkedHashMap<>(seconds);
        later.seconds.forEach((id, time) -> allSeconds.merge(id, time, Math::min));
        return new NumpyRun(title, info.isEmpty() ? later.info : info, allSeconds,
                error.isEmpty() ? later.error : error);
    }

    private static byte[] script() throws IOException {
        try (InputStream in = NumpyRun.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }
}
