package dev.presso.host.internal.progress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.pipeline.ProgressSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @Test
    void drawsTheTaskItsCountRateAndStatus() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TerminalProgress display = new TerminalProgress(() -> new ConsoleProgressBarConsumer(out, 120),
                ProgressBarStyle.ASCII);

        try (ProgressSink sink = display.open("compress", 8)) {
            sink.status("model.layers.4.mlp.down_proj");
            sink.advance(3);
            sink.advance(5);
        }

        String drawn = bytes.toString(StandardCharsets.UTF_8);
        String last = drawn.substring(drawn.lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("compress 100%"), drawn);
        assertTrue(last.contains(" 8/8 ("), last);
        assertTrue(last.contains("/s model.layers.4.mlp.down_proj"), last);
    }

    @Test
    void aTaskOfUnknownLengthStillCloses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TerminalProgress display = new TerminalProgress(() -> new ConsoleProgressBarConsumer(out, 120),
                ProgressBarStyle.ASCII);

        ProgressSink sink = display.open("tokenize", 0);
        sink.advance(42);
        sink.close();
        sink.close();
        sink.advance(1);

        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.substring(drawn.lastIndexOf('\r') + 1).contains("42"), drawn);
    }
}
