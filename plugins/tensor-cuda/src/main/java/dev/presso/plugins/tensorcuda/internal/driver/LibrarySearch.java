package dev.presso.plugins.tensorcuda.internal.driver;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where the CUDA libraries are looked for, in order: the directories of the system property
 * {@value #PROPERTY} (colon-separated), then the bare soname (the dynamic loader's own search:
 * {@code LD_LIBRARY_PATH}, {@code ldconfig}), then {@code $CUDA_HOME/lib64},
 * {@code /usr/local/cuda/lib64}, {@code /usr/local/cuda-13*}{@code /lib64} and each of their
 * {@code targets/x86_64-linux/lib}. {@link #only(Path)} searches one directory and nothing else,
 * which is how tests point the provider at fake libraries.
 *
 * @param directoriesFirst directories tried before the soname
 * @param trySoname whether to ask the dynamic loader for the bare soname
 * @param directoriesAfter directories tried after the soname
 */
public record LibrarySearch(List<Path> directoriesFirst, boolean trySoname, List<Path> directoriesAfter) {
    /** The system property naming extra library directories, searched first. */
    public static final String PROPERTY = "presso.cuda.library.path";

    private static final Map<String, SymbolLookup> LOADED = new ConcurrentHashMap<>();

    /** Copies the lists. */
    public LibrarySearch {
        directoriesFirst = List.copyOf(directoriesFirst);
        directoriesAfter = List.copyOf(directoriesAfter);
    }

    /**
     * Returns the standard search described above.
     *
     * @return the search for this process's property and environment
     */
    public static LibrarySearch standard() {
        List<Path> first = new ArrayList<>();
        String property = System.getProperty(PROPERTY, "");
        for (String dir : property.split(":")) {
            if (!dir.isBlank()) {
                first.add(Path.of(dir));
            }
        }
        List<Path> roots = new ArrayList<>();
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null && !cudaHome.isBlank()) {
            roots.add(Path.of(cudaHome));
        }
        roots.add(Path.of("/usr/local/cuda"));
        roots.addAll(versionedToolkits(Path.of("/usr/local")));
        List<Path> after = new ArrayList<>();
        for (Path root : roots) {
            after.add(root.resolve("lib64"));
            after.add(root.resolve("targets/x86_64-linux/lib"));
        }
        return new LibrarySearch(first, true, after);
    }

    /**
     * Returns a search of exactly one directory.
     *
     * @param directory the folder holding the libraries
     * @return the search
     */
    public static LibrarySearch only(Path directory) {
        return new LibrarySearch(List.of(directory), false, List.of());
    }

    /**
     * Loads a library, reusing an earlier load of the same file or soname.
     *
     * @param soname the library's soname, such as {@code libcuda.so.1}
     * @return its symbols
     * @throws MissingLibraryException listing every attempt when no candidate loads
     */
    public SymbolLookup load(String soname) {
        List<String> tried = new ArrayList<>();
        for (Path dir : directoriesFirst) {
            SymbolLookup found = tryPath(dir.resolve(soname), tried);
            if (found != null) {
                return found;
            }
        }
        if (trySoname) {
            SymbolLookup cached = LOADED.get(soname);
            if (cached != null) {
                return cached;
            }
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(soname, Arena.global());
                LOADED.put(soname, lookup);
                return lookup;
            } catch (IllegalArgumentException e) {
                tried.add(soname + " (dynamic loader: " + e.getMessage() + ")");
            }
        }
        for (Path dir : directoriesAfter) {
            SymbolLookup found = tryPath(dir.resolve(soname), tried);
            if (found != null) {
                return found;
            }
        }
        throw new MissingLibraryException(soname, tried);
    }

    private static @Nullable SymbolLookup tryPath(Path file, List<String> tried) {
        if (!Files.isRegularFile(file)) {
            tried.add(file + " (absent)");
            return null;
        }
        String key = file.toAbsolutePath().normalize().toString();
        SymbolLookup cached = LOADED.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(file, Arena.global());
            LOADED.put(key, lookup);
            return lookup;
        } catch (IllegalArgumentException e) {
            tried.add(file + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private static List<Path> versionedToolkits(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("cuda-13"))
                    .sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
