package dev.presso.registry.format;

/**
 * Where things live in a registry, as paths relative to its root (the folder or URL prefix a web
 * server serves), always with {@code /} separators:
 * <pre>
 * index.json                                   the signed index (replaced atomically)
 * keys/root.pub                                the registry's root public key(s), PEM
 * keys/publishers/NAMESPACE/KEYID.pub          publishers' public keys, PEM
 * plugins/ID/VERSION/ID-VERSION.jar            the bundle (immutable)
 * plugins/ID/VERSION/descriptor.json           its descriptor, canonical JSON (immutable)
 * plugins/ID/VERSION/release.json              its index entry, canonical JSON (immutable)
 * </pre>
 * Ids and versions are validated ({@link PluginId}, {@link PluginVersion}) before they name a path,
 * so no path built here can leave the root.
 */
public final class RegistryLayout {
    /** The signed index. */
    public static final String INDEX = "index.json";
    /** The registry's root public key. */
    public static final String ROOT_KEY = "keys/root.pub";
    /** The folder of the plugins. */
    public static final String PLUGINS = "plugins";

    private RegistryLayout() {}

    /**
     * Returns the folder of one release.
     *
     * @param id a valid plugin id
     * @param version a canonical version
     * @return {@code plugins/ID/VERSION}
     */
    public static String releaseFolder(String id, String version) {
        check(id, version);
        return PLUGINS + "/" + id + "/" + version;
    }

    /**
     * Returns the path of a bundle.
     *
     * @param id a valid plugin id
     * @param version a canonical version
     * @return {@code plugins/ID/VERSION/ID-VERSION.jar}
     */
    public static String bundlePath(String id, String version) {
        return releaseFolder(id, version) + "/" + id + "-" + version + ".jar";
    }

    /**
     * Returns the path of a release's descriptor.
     *
     * @param id a valid plugin id
     * @param version a canonical version
     * @return {@code plugins/ID/VERSION/descriptor.json}
     */
    public static String descriptorPath(String id, String version) {
        return releaseFolder(id, version) + "/descriptor.json";
    }

    /**
     * Returns the path of a release's index entry.
     *
     * @param id a valid plugin id
     * @param version a canonical version
     * @return {@code plugins/ID/VERSION/release.json}
     */
    public static String releasePath(String id, String version) {
        return releaseFolder(id, version) + "/release.json";
    }

    /**
     * Returns the path of a publisher's public key.
     *
     * @param namespace a valid namespace
     * @param keyid the key's id
     * @return {@code keys/publishers/NAMESPACE/KEYID.pub}
     */
    public static String publisherKeyPath(String namespace, String keyid) {
        if (!PluginId.isValidNamespace(namespace) || !VerificationKey.KEYID.matcher(keyid).matches()) {
            throw new IllegalArgumentException("not a namespace and key id: " + namespace + ", " + keyid);
        }
        return "keys/publishers/" + namespace + "/" + keyid + ".pub";
    }

    private static void check(String id, String version) {
        if (!PluginId.isValid(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a plugin id; expected " + PluginId.EXPECTED);
        }
        PluginVersion.parseCanonical(version);
    }
}
