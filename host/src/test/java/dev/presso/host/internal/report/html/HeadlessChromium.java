package dev.presso.host.internal.report.html;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real headless Chromium: loads a page and returns the DOM after its scripts ran. Found as
 * the {@code presso.chromium} system property, or {@code chromium}, {@code chromium-browser} or
 * {@code google-chrome} on the path.
 */
final class HeadlessChromium {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** Finds the browser, if installed. */
    static Optional<HeadlessChromium> find() {
        String configured = System.getProperty("presso.chromium", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable).map(HeadlessChromium::new);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .flatMap(folder -> Stream.of("chromium", "chromium-browser", "google-chrome")
                        .map(name -> Path.of(folder, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .map(HeadlessChromium::new);
    }

    /**
     * Loads a page and dumps its DOM once it has loaded.
     *
     * @param page the HTML file
     * @param scratch a folder for the browser's profile
     * @return the serialised DOM
     */
    String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(scratch.resolve("chromium-profile"));
        Path dom = scratch.resolve("chromium-dom.html");
        Path errors = scratch.resolve("chromium-stderr.txt");
        Process process = new ProcessBuilder(List.of(executable.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1280,2000",
                "--virtual-time-budget=3000", "--dump-dom", page.toUri().toString()))
                .redirectOutput(dom.toFile())
                .redirectError(errors.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(executable + " did not finish within " + TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IOException(executable + " exited with " + process.exitValue() + ": "
                    + Files.readString(errors, StandardCharsets.UTF_8));
        }
        return Files.readString(dom, StandardCharsets.UTF_8);
    }
}
