package dev.presso.host.internal.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.model.Tokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token data files: JSON, raw int32 and text, and the errors that name file and place. */
class TokenDataFilesTest {
    @TempDir Path dir;

    private static EvaluationData read(Path file) {
        return TokenDataFiles.read(file, TokenDataFiles.Options.defaults(), () -> {
            throw new AssertionError("no tokenizer needed");
        });
    }

    private static String error(Path file) {
        return assertThrows(DataFormatException.class, () -> read(file)).getMessage();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void jsonHoldsListsOfIdsOneListOrAnObjectWithSequences() throws IOException {
        EvaluationData lists = read(write("a.json", "[[1, 2, 3], [4], []]"));
        EvaluationData flat = read(write("b.json", "[7, 8, 9]"));
        EvaluationData object = read(write("c.json", "{\"seqlen\": 2, \"seeds\": [0], \"sequences\": [[5, 6]]}"));
        assertAll(
                () -> assertEquals(3, lists.sequenceCount()),
                () -> assertArrayEquals(new int[] {1, 2, 3}, lists.sequence(0)),
                () -> assertEquals(0, lists.length(2)),
                () -> assertEquals(1, flat.sequenceCount()),
                () -> assertArrayEquals(new int[] {7, 8, 9}, flat.sequence(0)),
                () -> assertArrayEquals(new int[] {5, 6}, object.sequence(0)),
                () -> assertEquals("c.json", object.source()));
    }

    @Test
    void jsonErrorsNameLineAndColumn() throws IOException {
        assertAll(
                () -> assertEquals(dir.resolve("x.json") + ": line 2, column 5: found id -3; expected an integer in [0, "
                        + Integer.MAX_VALUE + "]", error(write("x.json", "[[1,\n 2, -3]]"))),
                () -> assertTrue(error(write("y.json", "[[1, \"a\"]]")).contains("line 1, column 6: found a string;"
                        + " expected a token id")),
                () -> assertTrue(error(write("z.json", "[[1, 2]")).contains("malformed JSON")),
                () -> assertTrue(error(write("w.json", "{\"ids\": []}")).contains("without a 'sequences' field")));
    }

    @Test
    void int32FilesSplitIntoRowsOfTheStatedLength() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            bytes.putInt(i * 100);
        }
        Path file = Files.write(dir.resolve("ids.i32"), bytes.array());
        EvaluationData rows = TokenDataFiles.read(file, new TokenDataFiles.Options(Optional.empty(), OptionalInt.of(3),
                "<|endoftext|>", true), () -> null);
        EvaluationData whole = read(file);
        String wrong = assertThrows(DataFormatException.class, () -> TokenDataFiles.read(file,
                new TokenDataFiles.Options(Optional.empty(), OptionalInt.of(4), "<|endoftext|>", true), () -> null))
                .getMessage();
        assertAll(
                () -> assertEquals(2, rows.sequenceCount()),
                () -> assertArrayEquals(new int[] {300, 400, 500}, rows.sequence(1)),
                () -> assertEquals(6, whole.length(0)),
                () -> assertTrue(wrong.contains("6 ids do not split into rows of 4"), wrong),
                () -> assertTrue(error(Files.write(dir.resolve("odd.bin"), new byte[5])).contains("5 bytes is not a"
                        + " whole number of int32 ids")));
    }

    @Test
    void theSharedSamplesAreTheSameInJsonAndInt32() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null, "presso.shared.data is not set");
        Path samples = Path.of(root, "stories260k");
        EvaluationData json = read(samples.resolve("samples-256x64.json"));
        EvaluationData raw = TokenDataFiles.read(samples.resolve("samples-256x64.i32"),
                new TokenDataFiles.Options(Optional.empty(), OptionalInt.of(256), "<|endoftext|>", true), () -> null);
        assertEquals(64, json.sequenceCount());
        for (int i = 0; i < 64; i++) {
            assertArrayEquals(json.sequence(i), raw.sequence(i), "row " + i);
        }
    }

    @Test
    void textSplitsIntoStrippedDocumentsAtSeparatorLines() throws IOException {
        assertEquals(List.of("One.\nTwo.", "Three <|endoftext|> inline.", "Four."), TextDocuments.split(
                "One.\nTwo.\n<|endoftext|>\n  Three <|endoftext|> inline.\n<|endoftext|>\r\n\n<|endoftext|>\nFour.\n",
                "<|endoftext|>"));
        Tokenizer lengths = new Tokenizer() {
            @Override public int[] encode(String text, boolean special) {
                return new int[] {special ? 1 : 0, text.length()};
            }
            @Override public String decode(int[] ids, boolean skip) {
                return "";
            }
            @Override public int vocabularySize() {
                return 100;
            }
            @Override public OptionalInt bosId() {
                return OptionalInt.of(1);
            }
            @Override public List<Integer> eosIds() {
                return List.of();
            }
            @Override public void close() {}
        };
        EvaluationData text = TokenDataFiles.read(write("t.txt", "ab\n<|endoftext|>\ncde\n"),
                TokenDataFiles.Options.defaults(), () -> lengths);
        assertAll(
                () -> assertEquals(2, text.sequenceCount()),
                () -> assertArrayEquals(new int[] {1, 3}, text.sequence(1)));
    }

    @Test
    void missingUnknownAndNonUtf8FilesAreNamed() throws IOException {
        assertAll(
                () -> assertTrue(error(dir.resolve("none.json")).startsWith(dir.resolve("none.json") + ": file not found")),
                () -> assertTrue(error(write("data.csv", "1,2")).contains("unknown data format; expected one of .json"
                        + " (json), .i32 .bin (int32), .txt .text (text)")),
                () -> assertTrue(assertThrows(DataFormatException.class, () -> TokenDataFiles.read(
                        Files.write(dir.resolve("bad.txt"), new byte[] {(byte) 0xC3, 0x28}),
                        TokenDataFiles.Options.defaults(), () -> null)).getMessage().contains("not UTF-8")));
    }
}
