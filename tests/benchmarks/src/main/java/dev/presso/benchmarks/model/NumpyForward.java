package dev.presso.benchmarks.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The numpy side of the model bench: the committed script {@code numpy_llama_forward.py} (a
 * float32 numpy LLaMA forward pass, log-softmax and NLL over one batch of all rows), fed to
 * {@code python3 -} in a child process.
 *
 * @param numpyVersion what the script reported, or empty
 * @param nll the mean negative log-likelihood it computed, NaN if none
 * @param seconds the median seconds of one pass, NaN if none
 * @param error why the run failed, or empty
 */
public record NumpyForward(String numpyVersion, double nll, double seconds, String error) {
    private static final String SCRIPT = "numpy_llama_forward.py";

    /**
     * Runs the script.
     *
     * @param model the model directory
     * @param tokens the raw int32 token file
     * @param rows the rows to read
     * @param columns the ids per row
     * @param reps timed passes
     * @return what the script printed, or a run with {@link #error()} set
     */
    public static NumpyForward run(Path model, Path tokens, int rows, int columns, int reps) {
        List<String> command = List.of("python3", "-", model.toString(), tokens.toString(),
                String.valueOf(rows), String.valueOf(columns), String.valueOf(reps));
        String version = "";
        double nll = Double.NaN;
        double seconds = Double.NaN;
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(script());
            }
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String[] parts = line.split(" ");
                    switch (parts[0]) {
                        case "info" -> version = parts.length == 3 && parts[1].equals("numpy") ? parts[2] : version;
                        case "nll" -> nll = Double.parseDouble(parts[1]);
                        case "time" -> seconds = Double.parseDouble(parts[2]);
                        default -> { }
                    }
                }
            }
            int status = process.waitFor();
            return new NumpyForward(version, nll, seconds, status == 0 ? "" : "python3 exited with status " + status);
        } catch (IOException e) {
            return new NumpyForward(version, nll, seconds, "cannot run " + SCRIPT + " with python3: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NumpyForward(version, nll, seconds, "interrupted");
        }
    }

    /** Returns why there is no time, if there is none. @return the failure */
    public Optional<String> failure() {
        return !error.isEmpty() ? Optional.of(error)
                : Double.isNaN(seconds) ? Optional.of(SCRIPT + " printed no time") : Optional.empty();
    }

    private static byte[] script() throws IOException {
        try (InputStream in = NumpyForward.class.getResourceAsStream("/dev/presso/benchmarks/" + SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }
}
