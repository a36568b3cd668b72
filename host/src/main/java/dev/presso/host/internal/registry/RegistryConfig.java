package dev.presso.host.internal.registry;

import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.kernel.PressoException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The registries a host installs plugins from, {@code registries.json} in its plugin state folder:
 * in order of priority, each with a name, its address ({@code file:} or {@code http(s):}) and the
 * registry root keys the user trusts to sign its index. A plugin id is taken from the first
 * registry that lists it, so a later registry can never shadow a plugin of an earlier one.
 *
 * @param format the file format, 1
 * @param registries the registries, first the most trusted
 */
public record RegistryConfig(int format, List<Entry> registries) {
    /** The configuration file's name in the state folder. */
    public static final String FILE = "registries.json";
    private static final int FORMAT = 1;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Copies the list and refuses two registries with one name.
     *
     * @param format the file format
     * @param registries the registries
     */
    public RegistryConfig {
        registries = List.copyOf(registries);
        List<String> names = new ArrayList<>();
        for (Entry entry : registries) {
            if (names.contains(entry.name())) {
                throw new PressoException("two registries are named '" + entry.name() + "'; names must be unique");
            }
            names.add(entry.name());
        }
    }

    /**
     * One configured registry.
     *
     * @param name a short name, letters, digits, dots, dashes and underscores
     * @param url the registry's root address, {@code file:} or {@code http(s):}
     * @param trustedKeys the registry root public keys that may sign its index, as key files write them
     */
    public record Entry(String name, String url, List<String> trustedKeys) {
        /**
         * Validates the name, the address and the keys.
         *
         * @param name the name
         * @param url the address
         * @param trustedKeys the keys
         * @throws PressoException if the name or address is not valid, or there is no key
         */
        public Entry {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(url, "url must not be null");
            trustedKeys = List.copyOf(trustedKeys);
            if (!NAME.matcher(name).matches()) {
                throw new PressoException("registry name '" + name + "' is not valid; expected letters, digits, dots,"
                        + " dashes and underscores, at most 64");
            }
            requireSupported(url);
            if (trustedKeys.isEmpty()) {
                throw new PressoException("registry " + name + " (" + url + ") has no trusted key; give the registry's"
                        + " public key (--trusted-key FILE)");
            }
        }

        /** Returns the address. @return the URI */
        public URI uri() {
            return URI.create(url);
        }
    }

    /**
     * Refuses an address Presso cannot fetch from.
     *
     * @param url the address
     * @throws PressoException unless it is an absolute {@code file:}, {@code http:} or {@code https:} URI
     */
    public static void requireSupported(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new PressoException("registry address '" + url + "' is not a URI: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("file") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new PressoException("registry address '" + url + "' is not supported; expected a file:, http: or"
                    + " https: URL, such as http://127.0.0.1:8080/ or file:/srv/registry/");
        }
    }

    /**
     * Reads the configuration of a state folder.
     *
     * @param stateFolder the host's plugin state folder
     * @return the configuration, with no registries when there is no file
     * @throws PressoException if the file is not a registries file, naming it
     */
    public static RegistryConfig read(Path stateFolder) {
        Path file = stateFolder.resolve(FILE);
        if (!Files.exists(file)) {
            return new RegistryConfig(FORMAT, List.of());
        }
        RegistryConfig config = CanonicalJson.read(file, RegistryConfig.class);
        if (config.format() != FORMAT) {
            throw new PressoException(file + ": format " + config.format() + " is not supported; expected " + FORMAT);
        }
        return config;
    }

    /**
     * Returns the configuration with a registry added, or replaced when one has its name.
     *
     * @param entry the registry
     * @return the new configuration
     */
    public RegistryConfig with(Entry entry) {
        List<Entry> next = new ArrayList<>(registries);
        int at = indexOf(entry.name());
        if (at >= 0) {
            next.set(at, entry);
        } else {
            next.add(entry);
        }
        return new RegistryConfig(FORMAT, next);
    }

    /**
     * Returns the configuration without a registry.
     *
     * @param name the registry's name
     * @return the new configuration
     * @throws PressoException if no registry has that name
     */
    public RegistryConfig without(String name) {
        if (indexOf(name) < 0) {
            throw new PressoException("no registry is named '" + name + "'; configured: " + names());
        }
        return new RegistryConfig(FORMAT, registries.stream().filter(e -> !e.name().equals(name)).toList());
    }

    /**
     * Writes the configuration atomically into a state folder.
     *
     * @param stateFolder the host's plugin state folder
     */
    public void write(Path stateFolder) {
        AtomicFiles.writeJson(stateFolder.resolve(FILE), this);
    }

    private int indexOf(String name) {
        for (int i = 0; i < registries.size(); i++) {
            if (registries.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private String names() {
        return registries.isEmpty() ? "none" : String.join(", ", registries.stream().map(Entry::name).toList());
    }
}
