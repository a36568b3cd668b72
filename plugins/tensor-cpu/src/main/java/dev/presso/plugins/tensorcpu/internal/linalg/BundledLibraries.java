package dev.presso.plugins.tensorcpu.internal.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Makes shared libraries shipped as class path resources available as files.
 *
 * <p>Resources already on disk (an exploded class path) are used in place. Resources inside a jar
 * are copied into a per-user cache folder whose name is a hash of the libraries' names, sizes and
 * CRCs, so a new version gets a new folder and an existing copy is reused without rereading the
 * jar. Each file is written to a temporary name and renamed atomically, so concurrent processes
 * never see a partial library.
 */
final class BundledLibraries {
    private final ClassLoader loader;
    private final String resourceFolder;
    private final Path cacheRoot;

    /**
     * @param loader where the resources are looked up
     * @param resourceFolder the resource folder, ending with {@code /}
     * @param cacheRoot the per-user cache folder under which a hashed sub-folder is made
     */
    BundledLibraries(ClassLoader loader, String resourceFolder, Path cacheRoot) {
        this.loader = loader;
        this.resourceFolder = resourceFolder;
        this.cacheRoot = cacheRoot;
    }

    /**
     * Returns a file for each named library, in the given order, extracting them when needed.
     *
     * @param fileNames the library file names inside the resource folder
     * @return the paths, in the same order
     * @throws IOException if a resource is missing or cannot be copied
     */
    List<Path> resolve(List<String> fileNames) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String name : fileNames) {
            URL url = loader.getResource(resourceFolder + name);
            if (url == null) {
                throw new IOException("resource " + resourceFolder + name + " is not on the class path");
            }
            urls.add(url);
        }
        if (urls.stream().allMatch(u -> "file".equals(u.getProtocol()))) {
            List<Path> inPlace = new ArrayList<>();
            for (URL url : urls) {
                inPlace.add(toPath(url));
            }
            return inPlace;
        }
        MessageDigest digest = sha256();
        for (int i = 0; i < urls.size(); i++) {
            digest.update(fileNames.get(i).getBytes(StandardCharsets.UTF_8));
            digest.update(fingerprint(urls.get(i)).getBytes(StandardCharsets.UTF_8));
        }
        Path folder = cacheRoot.resolve(HexFormat.of().formatHex(digest.digest(), 0, 12));
        Files.createDirectories(folder);
        List<Path> extracted = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            extracted.add(extract(urls.get(i), folder.resolve(fileNames.get(i))));
        }
        return extracted;
    }

    /** Size and CRC from the jar directory when available, else a hash of the content. */
    private static String fingerprint(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                JarEntry entry = file.getJarEntry(jar.getEntryName());
                if (entry != null && entry.getSize() >= 0 && entry.getCrc() >= 0) {
                    return entry.getSize() + ":" + Long.toHexString(entry.getCrc());
                }
            }
        }
        MessageDigest digest = sha256();
        try (InputStream in = url.openStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                digest.update(buffer, 0, r);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path extract(URL url, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            try (InputStream in = url.openStream()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("bad resource URL " + url, e));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
