package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.api.KeyView;
import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.sam.ServiceSigning;
import org.springframework.stereotype.Service;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Generates keys inside tokens (K1) and keeps the record of where each one lives. The service only
 * ever holds public material; the private half exists in its token alone.
 */
@Service
public class Keys {

    private static final int CACHED_KEYS = 10_000;

    private final KeyRepository repository;
    private final TokenRegistry tokens;
    private final ServiceSigning signing;
    private final SecureRandom random;
    /** Parsed key rows by id, cached under the configuration generation (decision 013). */
    private final ConfigurationGeneration.Cache<Long, SigningKey> byId;
    private final Clock clock;

    Keys(KeyRepository repository, TokenRegistry tokens, ServiceSigning signing, SecureRandom random,
         ConfigurationGeneration generation, Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.signing = signing;
        this.random = random;
        this.byId = generation.cache(CACHED_KEYS);
        this.clock = clock;
    }

    /** Generates a key in {@code tokenName} (or the default token); call inside a transaction. */
    public SigningKey create(Project project, String name, String algorithmName, String tokenName) {
        Names.require("Key", name);
        KeyAlgorithm algorithm = parse(algorithmName);
        KeyToken token = tokens.get(tokenName);
        if (repository.find(project.id(), name).isPresent()) {
            throw new Refusal(Problem.ALREADY_EXISTS,
                    "Key '" + name + "' already exists in project '" + project.name() + "'");
        }
        byte[] handleBytes = new byte[16];
        random.nextBytes(handleBytes);
        KeyRef ref = new KeyRef(token.name(), "inkan-" + HexFormat.of().formatHex(handleBytes), algorithm);
        PublicKey publicKey = token.generate(ref.handle(), algorithm);
        X509Certificate certificate = SelfSignedCertificates.issue(signing, ref, publicKey, project.name(), name, random,
                clock.instant());
        try {
            repository.insert(project.id(), name, ref, token.kind(), publicKey, certificate, clock.instant(),
                    KeyOrigin.GENERATED);
        } catch (GeneralSecurityException e) {
            throw new TokenException("cannot encode the public material of key " + ref.handle(), e);
        }
        return get(project, name);
    }

    /**
     * Moves a key to {@code target} (K6); call inside a transaction, after checking who asks. Only active
     * keys are disabled, destroyed keys change no more, and a destroyed key is removed from its token as
     * the last step, so a failure there rolls the state change back.
     *
     * @return the key in its new state
     */
    public SigningKey changeState(SigningKey key, KeyState target) {
        boolean allowed = switch (target) {
            case DISABLED -> key.state() == KeyState.ACTIVE;
            case REVOKED -> key.state() == KeyState.ACTIVE || key.state() == KeyState.DISABLED;
            case DESTROYED -> key.state() != KeyState.DESTROYED;
            case ACTIVE -> false;
        };
        if (!allowed || !repository.updateState(key.id(), key.state(), target)) {
            throw new Refusal(Problem.INVALID_KEY_STATE, "Key '" + key.name() + "' is "
                    + key.state().name().toLowerCase() + " and cannot become " + target.name().toLowerCase());
        }
        if (target == KeyState.DESTROYED) {
            tokens.get(key.tokenName()).destroy(key.handle());
        }
        return stored(key.id());
    }

    /** The key of that name in the project, or a 404 problem. */
    public SigningKey get(Project project, String name) {
        return repository.find(project.id(), name).orElseThrow(() -> Refusal.notFound("Key", name));
    }

    /**
     * The key with this id, e.g. a profile's; every signing request asks, so the parsed row (public key,
     * certificate chain, state) is cached until the next configuration change.
     */
    public SigningKey byId(long id) {
        SigningKey key = byId.get(id, wanted -> repository.findById(wanted).orElse(null));
        if (key == null) {
            throw new IllegalStateException("key " + id + " vanished");
        }
        return key;
    }

    public List<SigningKey> list(Project project) {
        return repository.list(project.id());
    }

    /** Every key of every project (public material only), for server-wide checks such as certificate expiry. */
    public List<SigningKey> all() {
        return repository.all();
    }

    /**
     * Makes {@code chain} (leaf first) the key's certificate chain, returned with every signature from now
     * on. The caller has validated the chain; this only insists that the leaf certifies this very key. Call
     * inside a transaction.
     *
     * @param source {@code IMPORTED} or {@code ISSUED}, kept for the record
     */
    public SigningKey attachChain(SigningKey key, List<X509Certificate> chain, String source) {
        if (chain.isEmpty() || !certifies(chain.get(0), key)) {
            throw new IllegalArgumentException("the leaf certificate does not certify key " + key.handle());
        }
        try {
            repository.attachChain(key.id(), chain, source, clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the chain cannot be encoded", e);
        }
        return stored(key.id());
    }

    /**
     * The key as its row stands now, bypassing the cache: right after this request changed it, before the
     * audit record that moves the configuration generation on.
     */
    private SigningKey stored(long id) {
        return repository.findById(id).orElseThrow(() -> new IllegalStateException("key " + id + " vanished"));
    }

    /** Whether {@code certificate} carries the public half of {@code key}. */
    public static boolean certifies(X509Certificate certificate, SigningKey key) {
        return java.util.Arrays.equals(certificate.getPublicKey().getEncoded(), key.publicKey().getEncoded());
    }

    public static KeyView view(SigningKey key) {
        return new KeyView(key.project(), key.name(), key.algorithm().name(), key.tokenName(), key.tokenKind().name(),
                key.state().name(), base64(key.publicKey().getEncoded()), chain(key), key.createdAt());
    }

    /** The key's certificate chain as base64 DER, leaf first. */
    public static List<String> chain(SigningKey key) {
        return key.certificateChain().stream().map(certificate -> {
            try {
                return base64(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("stored certificate cannot be encoded", e);
            }
        }).toList();
    }

    /** Takes a key algorithm name exactly as the enum spells it, as the API takes every enum name. */
    private static KeyAlgorithm parse(String name) {
        try {
            return KeyAlgorithm.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refusal(Problem.UNKNOWN_KEY_ALGORITHM,
                    "Key algorithm must be one of " + List.of(KeyAlgorithm.values()));
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
