package dev.presso.host.internal.pipeline.spec;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.Pattern;

/**
 * A pattern over linear-site names such as {@code model.layers.3.mlp.down_proj}: a glob
 * ({@code *} matches within one dot-separated part, {@code **} across parts, {@code ?} one
 * character, {@code {a,b}} alternatives) or, with the prefix {@code re:}, a Java regular
 * expression that must match the whole name.
 *
 * @param text the pattern as written
 * @param where where it was written
 */
public record LayerPattern(String text, Location where) {
    /**
     * Tells whether a site name matches.
     *
     * @param siteName the dotted site name
     * @return whether it matches
     */
    public boolean matches(String siteName) {
        if (text.startsWith("re:")) {
            return Pattern.compile(text.substring(3)).matcher(siteName).matches();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + text.replace('.', '/'));
        return glob.matches(Path.of(siteName.replace('.', '/')));
    }
}
