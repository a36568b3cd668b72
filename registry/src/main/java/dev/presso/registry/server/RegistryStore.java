package dev.presso.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.format.Advisory;
import dev.presso.registry.format.BundleVerifier;
import dev.presso.registry.format.CanonicalJson;
import dev.presso.registry.format.KeySignature;
import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.PluginId;
import dev.presso.registry.format.PluginVersion;
import dev.presso.registry.format.Publisher;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.RegistryException.Reason;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.Sha256;
import dev.presso.registry.format.SignedEnvelope;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.format.VerificationKey;
import dev.presso.registry.format.VersionRange;
import dev.presso.registry.internal.io.AtomicFiles;
import dev.presso.registry.internal.store.BundleInspector;
import dev.presso.registry.internal.store.TokenHashes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A registry kept in a folder: {@code public/} holds the static layout ({@link RegistryLayout}),
 * which any web server may serve; {@code private/} holds the root signing key
 * ({@code root.key}), the hashed upload tokens ({@code tokens.json}), the settings
 * ({@code settings.json}) and a lock file, and must never be served.
 *
 * <p>Every change (publish, publisher, advisory, re-signing) happens under a lock (in-process and
 * a file lock, so two processes over one folder are safe too), re-reads the index from disk, writes
 * the per-version files first and then the index, each atomically, so readers never see a partial
 * file or an index naming a missing one. Thread-safe.
 */
public final class RegistryStore {
    /** The served folder inside the store folder. */
    public static final String PUBLIC = "public";
    /** The private folder inside the store folder. */
    public static final String PRIVATE = "private";

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path directory;
    private final Path publicRoot;
    private final Path privateRoot;
    private final SigningKey rootKey;
    private final StoreSettings settings;
    private final Clock clock;

    private RegistryStore(Path directory, SigningKey rootKey, StoreSettings settings, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.publicRoot = this.directory.resolve(PUBLIC);
        this.privateRoot = this.directory.resolve(PRIVATE);
        this.rootKey = rootKey;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Creates a registry in an empty or missing folder and writes its first index (version 1).
     *
     * @param directory the store folder
     * @param name the registry's name ({@link RegistryIndex#NAME})
     * @param rootKey the key that signs the index
     * @param settings the settings
     * @return the store
     * @throws RegistryException ({@link Reason#IO}) if the folder is not empty or cannot be written
     */
    public static RegistryStore init(Path directory, String name, SigningKey rootKey, StoreSettings settings) {
        return init(directory, name, rootKey, settings, Clock.systemUTC());
    }

    /**
     * Creates a registry with a clock (for tests of expiry).
     *
     * @param directory the store folder
     * @param name the registry's name
     * @param rootKey the key that signs the index
     * @param settings the settings
     * @param clock the clock that dates the index
     * @return the store
     */
    public static RegistryStore init(Path directory, String name, SigningKey rootKey, StoreSettings settings,
            Clock clock) {
        try {
            if (Files.isDirectory(directory)) {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new RegistryException(Reason.IO, directory + " is not empty; a new registry needs an"
                                + " empty or missing folder");
                    }
                }
            }
            RegistryStore store = new RegistryStore(directory, rootKey, settings, clock);
            Files.createDirectories(store.publicRoot.resolve(RegistryLayout.PLUGINS));
            Files.createDirectories(store.privateRoot);
            rootKey.write(store.privateRoot.resolve("root.key"));
            AtomicFiles.replacePrivate(store.privateRoot.resolve("settings.json"), settingsBytes(settings));
            AtomicFiles.replacePrivate(store.privateRoot.resolve("tokens.json"),
                    new TokenHashes(java.util.Map.of()).toBytes());
            rootKey.writePublic(store.publicRoot.resolve(RegistryLayout.ROOT_KEY));
            store.writeIndex(RegistryIndex.empty(name, store.now()).next(store.expiry()));
            return store;
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot create a registry in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing registry.
     *
     * @param directory the store folder
     * @return the store
     * @throws RegistryException if the folder is not a registry store or its files are damaged
     */
    public static RegistryStore open(Path directory) {
        return open(directory, Clock.systemUTC());
    }

    /**
     * Opens an existing registry with a clock.
     *
     * @param directory the store folder
     * @param clock the clock that dates the index
     * @return the store
     */
    public static RegistryStore open(Path directory, Clock clock) {
        Path privateRoot = directory.resolve(PRIVATE);
        if (!Files.isRegularFile(privateRoot.resolve("root.key"))
                || !Files.isRegularFile(directory.resolve(PUBLIC).resolve(RegistryLayout.INDEX))) {
            throw new RegistryException(Reason.IO, directory + " is not a registry store; expected "
                    + PRIVATE + "/root.key and " + PUBLIC + "/" + RegistryLayout.INDEX + " (a folder made by"
                    + " RegistryStore.init)");
        }
        SigningKey rootKey = SigningKey.read(privateRoot.resolve("root.key"));
        StoreSettings settings = readSettings(privateRoot.resolve("settings.json"));
        RegistryStore store = new RegistryStore(directory, rootKey, settings, clock);
        store.index();
        return store;
    }

    /**
     * Returns the store folder.
     *
     * @return the absolute folder
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the folder to serve: the registry root of the layout.
     *
     * @return {@code DIR/public}
     */
    public Path publicRoot() {
        return publicRoot;
    }

    /**
     * Returns the registry's root public key, which hosts must trust.
     *
     * @return the key
     */
    public VerificationKey rootKey() {
        return rootKey.publicKey();
    }

    /**
     * Returns the settings.
     *
     * @return the settings
     */
    public StoreSettings settings() {
        return settings;
    }

    /**
     * Reads the current index from disk, checking the root key's signature.
     *
     * @return the index
     * @throws RegistryException if the index file is missing, damaged or not signed by the root key
     */
    public RegistryIndex index() {
        Path file = publicRoot.resolve(RegistryLayout.INDEX);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        SignedEnvelope envelope = SignedEnvelope.parse(bytes, file.toString());
        byte[] signed = envelope.signedBytes();
        boolean ours = envelope.signatures().stream().anyMatch(s -> s.verifiedBy(rootKey.publicKey(), signed));
        if (!ours) {
            throw new RegistryException(Reason.BAD_SIGNATURE, file + " is not signed by this registry's root key "
                    + rootKey.keyid() + "; it was altered outside the store");
        }
        try {
            return RegistryIndex.fromJson(envelope.signed());
        } catch (RegistryException e) {
            throw new RegistryException(e.reason(), file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Registers a publisher namespace with a key and a freshly generated upload token, or adds a
     * key to an existing namespace and replaces its token.
     *
     * @param namespace the namespace ({@link PluginId#isValidNamespace})
     * @param key the publisher's public key
     * @return the upload token, shown once; only its hash is stored
     */
    public String addPublisher(String namespace, VerificationKey key) {
        String token = TokenHashes.newToken();
        addPublisher(namespace, key, token);
        return token;
    }

    /**
     * Registers a publisher namespace with a key and a given upload token.
     *
     * @param namespace the namespace
     * @param key the publisher's public key
     * @param token the upload token (at least 16 characters); only its hash is stored
     * @throws IllegalArgumentException if the namespace or token is not valid
     */
    public void addPublisher(String namespace, VerificationKey key, String token) {
        if (!PluginId.isValidNamespace(namespace)) {
            throw new IllegalArgumentException("'" + namespace + "' is not a namespace; expected lower-case letters,"
                    + " digits, '_' and '-' (at most 64)");
        }
        if (token.length() < 16 || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("an upload token must be at least 16 printable ASCII characters"
                    + " without spaces");
        }
        change(index -> {
            Path tokens = privateRoot.resolve("tokens.json");
            try {
                AtomicFiles.replacePrivate(tokens, readTokens().with(namespace, token).toBytes());
                AtomicFiles.replace(publicRoot.resolve(RegistryLayout.publisherKeyPath(namespace, key.keyid())),
                        key.toPem().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new RegistryException(Reason.IO, "cannot write " + tokens + ": " + e.getMessage(), e);
            }
            Publisher publisher = index.publishers().containsKey(namespace)
                    ? index.publishers().get(namespace).withKey(key) : new Publisher(namespace, List.of(key));
            return index.withPublisher(publisher);
        });
    }

    /**
     * Finds the namespace an upload token belongs to.
     *
     * @param token the presented token
     * @return the namespace
     * @throws PublishRefusedException ({@link PublishRefusedException.Status#UNAUTHORIZED}) if it is no publisher's token
     */
    public String authenticate(String token) {
        return readTokens().namespaceOf(token).orElseThrow(() -> new PublishRefusedException(
                PublishRefusedException.Status.UNAUTHORIZED, "the upload token is not valid for any namespace of this"
                        + " registry"));
    }

    /**
     * Publishes a release: checks everything, then writes the bundle, descriptor and release
     * entry and a new index, version plus one.
     *
     * @param token the namespace's upload token
     * @param request the request
     * @return the accepted release
     * @throws PublishRefusedException if the token, namespace, size, bundle, signature or version is not
     *     acceptable; nothing is stored then
     */
    public Release publish(String token, PublishRequest request) {
        PluginDescriptor descriptor = request.descriptor();
        String id = descriptor.id();
        String version = descriptor.version();
        String namespace = authenticate(token);
        if (!PluginId.namespaceOf(id).equals(namespace)) {
            throw new PublishRefusedException(PublishRefusedException.Status.FORBIDDEN, "the token belongs to namespace " + namespace
                    + ", which does not own " + id + " (namespace " + PluginId.namespaceOf(id) + ")");
        }
        byte[] bundle = request.bundle();
        if (bundle.length > settings.maxBundleBytes()) {
            throw new PublishRefusedException(PublishRefusedException.Status.TOO_LARGE, id + " " + version + ": the bundle has "
                    + bundle.length + " bytes; this registry accepts at most " + settings.maxBundleBytes());
        }
        String problem = BundleInspector.problem(bundle, id, PluginVersion.parse(version));
        if (problem != null) {
            throw new PublishRefusedException(PublishRefusedException.Status.BAD_REQUEST, id + " " + version + ": " + problem);
        }
        KeySignature signature = request.signature();
        Release[] accepted = new Release[1];
        change(index -> {
            if (index.release(id, version).isPresent()) {
                throw new PublishRefusedException(PublishRefusedException.Status.CONFLICT, id + " " + version + " is already published;"
                        + " versions are immutable, publish a new version instead");
            }
            Release release = new Release(RegistryLayout.bundlePath(id, version), Sha256.hex(bundle), bundle.length,
                    now(), signature, descriptor);
            try {
                BundleVerifier.checkPublisher(index, release);
            } catch (RegistryException e) {
                throw new PublishRefusedException(PublishRefusedException.Status.FORBIDDEN, e.getMessage());
            }
            writeRelease(release, bundle);
            accepted[0] = release;
            return index.withRelease(release);
        });
        return accepted[0];
    }

    /**
     * Yanks one version: adds a {@code yanked} advisory for exactly that version.
     *
     * @param id the plugin id
     * @param version the canonical version
     * @param reason why, for users
     * @return the new index
     * @throws RegistryException ({@link Reason#NOT_FOUND}) if the version is not published
     */
    public RegistryIndex yank(String id, String version, String reason) {
        return addAdvisory(new Advisory(id, Advisory.Kind.YANKED,
                VersionRange.exactly(PluginVersion.parse(version)).text(), reason, now()), true);
    }

    /**
     * Adds an advisory.
     *
     * @param advisory the advisory (its plugin must be published)
     * @return the new index
     * @throws RegistryException ({@link Reason#NOT_FOUND}) if no version of the plugin is published
     */
    public RegistryIndex addAdvisory(Advisory advisory) {
        return addAdvisory(advisory, false);
    }

    /**
     * Re-signs the index with a new version and expiry, content unchanged.
     *
     * @return the new index
     */
    public RegistryIndex resign() {
        return change(index -> index);
    }

    /**
     * Re-signs the index if less than half of its lifetime remains (or it has expired).
     *
     * @return whether it was re-signed
     */
    public boolean resignIfStale() {
        Instant halfLife = now().plus(settings.indexLifetime().dividedBy(2));
        if (index().expires().isAfter(halfLife)) {
            return false;
        }
        resign();
        return true;
    }

    private RegistryIndex addAdvisory(Advisory advisory, boolean exactVersion) {
        return change(index -> {
            List<Release> releases = index.releases(advisory.plugin());
            boolean known = exactVersion
                    ? releases.stream().anyMatch(r -> VersionRange.parse(advisory.affected())
                            .includes(r.descriptor().parsedVersion()))
                    : !releases.isEmpty();
            if (!known) {
                throw new RegistryException(Reason.NOT_FOUND, "no published version of " + advisory.plugin()
                        + " is in " + advisory.affected() + "; nothing to " + advisory.kind().jsonName());
            }
            return index.withAdvisory(advisory);
        });
    }

    private void writeRelease(Release release, byte[] bundle) {
        Path folder = publicRoot.resolve(RegistryLayout.releaseFolder(release.id(), release.version()));
        try {
            AtomicFiles.replace(publicRoot.resolve(release.bundle()), bundle);
            AtomicFiles.replace(folder.resolve("descriptor.json"), CanonicalJson.toBytes(release.descriptor().toJson()));
            AtomicFiles.replace(folder.resolve("release.json"), CanonicalJson.toBytes(release.toJson()));
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot write " + folder + ": " + e.getMessage(), e);
        }
    }

    private RegistryIndex change(UnaryOperator<RegistryIndex> edit) {
        Path lockFile = privateRoot.resolve("lock");
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(realDirectory(), d -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                RegistryIndex next = edit.apply(index()).next(expiry());
                writeIndex(next);
                return next;
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            inProcess.unlock();
        }
    }

    private Path realDirectory() {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory;
        }
    }

    private void writeIndex(RegistryIndex index) {
        Path file = publicRoot.resolve(RegistryLayout.INDEX);
        try {
            AtomicFiles.replace(file, index.sign(List.of(rootKey)).toBytes());
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private TokenHashes readTokens() {
        Path file = privateRoot.resolve("tokens.json");
        try {
            return TokenHashes.parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            return new TokenHashes(java.util.Map.of());
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private Instant expiry() {
        return now().plus(settings.indexLifetime());
    }

    private static byte[] settingsBytes(StoreSettings settings) {
        ObjectNode node = CanonicalJson.object();
        node.put("indexLifetimeSeconds", settings.indexLifetime().toSeconds());
        node.put("maxBundleBytes", settings.maxBundleBytes());
        return CanonicalJson.toBytes(node);
    }

    private static StoreSettings readSettings(Path file) {
        try {
            JsonNode node = CanonicalJson.parse(Files.readAllBytes(file), file.toString());
            JsonNode lifetime = node.get("indexLifetimeSeconds");
            JsonNode max = node.get("maxBundleBytes");
            if (lifetime == null || !lifetime.canConvertToLong() || max == null || !max.canConvertToLong()) {
                throw new RegistryException(Reason.MALFORMED, file + ": expected {\"indexLifetimeSeconds\": N,"
                        + " \"maxBundleBytes\": N}");
            }
            return new StoreSettings(Duration.ofSeconds(lifetime.longValue()), max.longValue());
        } catch (NoSuchFileException e) {
            return StoreSettings.DEFAULTS;
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(Reason.MALFORMED, file + ": " + e.getMessage(), e);
        }
    }
}
