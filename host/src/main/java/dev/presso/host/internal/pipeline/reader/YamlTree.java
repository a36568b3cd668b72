package dev.presso.host.internal.pipeline.reader;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses one YAML document into {@link YamlNode}s with Jackson's streaming YAML parser, recording
 * each token's location (lines and columns from 1).
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Path file;
    private final YAMLParser parser;
    private final Map<Object, YamlNode> anchors = new HashMap<>();

    private YamlTree(Path file, YAMLParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /**
     * Reads a file's single document.
     *
     * @param file the file
     * @return the root node (empty for an empty file), or the problem that stopped reading
     */
    static Validation<Diagnostic, Optional<YamlNode>> parse(Path file) {
        if (Files.isDirectory(file)) {
            return Validation.invalid(unreadable(file, "it is a folder"));
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                YAMLParser parser = FACTORY.createParser(reader)) {
            YamlTree tree = new YamlTree(file, parser);
            if (parser.nextToken() == null) {
                return Validation.valid(Optional.empty());
            }
            YamlNode root = tree.node();
            if (parser.nextToken() != null) {
                return Validation.invalid(new Diagnostic(ProblemCode.YAML_SYNTAX, tree.location(
                        parser.currentTokenLocation()), "the file holds more than one YAML document",
                        "a pipeline is one document; remove the '---' separator and what follows"));
            }
            return Validation.valid(Optional.of(root));
        } catch (JacksonException e) {
            if (e.getCause() instanceof MarkedYAMLException marked) {
                return Validation.invalid(syntax(file, marked));
            }
            if (causedBy(e, CharacterCodingException.class)) {
                return Validation.invalid(unreadable(file, "it is not UTF-8 text"));
            }
            JsonLocation at = e.getLocation();
            return Validation.invalid(new Diagnostic(ProblemCode.YAML_SYNTAX, at == null ? Location.startOf(file)
                    : location(file, at), e.getOriginalMessage(), ""));
        } catch (NoSuchFileException e) {
            return Validation.invalid(unreadable(file, "no such file"));
        } catch (CharacterCodingException e) {
            return Validation.invalid(unreadable(file, "it is not UTF-8 text"));
        } catch (IOException e) {
            return Validation.invalid(unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Diagnostic unreadable(Path file, String why) {
        return new Diagnostic(ProblemCode.FILE_UNREADABLE, Location.startOf(file), "cannot read the pipeline file: "
                + why, why.contains("UTF-8") ? "save the file as UTF-8" : "check the path");
    }

    private static Diagnostic syntax(Path file, MarkedYAMLException e) {
        @Nullable Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Location where = mark == null ? Location.startOf(file)
                : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        String hint = problem.contains("TAB") ? "indent with spaces; YAML does not allow tabs"
                : "check the indentation and the brackets and quotes around this place";
        return new Diagnostic(ProblemCode.YAML_SYNTAX, where, context + problem.replace("\n", " "), hint);
    }

    private static Location location(Path file, JsonLocation at) {
        return new Location(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private Location location(JsonLocation at) {
        return location(file, at);
    }

    /** Reads the value whose first token is current. */
    private YamlNode node() throws IOException {
        JsonToken token = parser.currentToken();
        Location where = location(parser.currentTokenLocation());
        @Nullable Object anchor = parser.getObjectId();
        if (parser.isCurrentAlias()) {
            // SnakeYAML refuses undefined aliases before this point; the fallback keeps the text.
            return anchors.getOrDefault(parser.getText(),
                    new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.TEXT, where));
        }
        YamlNode node = switch (token) {
            case START_OBJECT -> mapping(where);
            case START_ARRAY -> sequence(where);
            case VALUE_STRING -> new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.TEXT, where);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.INTEGER, where);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.FLOAT, where);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.BOOLEAN, where);
            case VALUE_NULL -> new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.NULL, where);
            default -> new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.TEXT, where);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YamlNode.Mapping mapping(Location where) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyWhere = location(parser.currentTokenLocation());
            parser.nextToken();
            entries.add(new YamlNode.Entry(key, keyWhere, node()));
        }
        return new YamlNode.Mapping(entries, where);
    }

    private YamlNode.Sequence sequence(Location where) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node());
        }
        return new YamlNode.Sequence(items, where);
    }
}
