package io.inkan.client.jca;

import io.inkan.client.InkanClient;
import io.inkan.core.KeyFamily;
import io.inkan.core.SignatureAlgorithm;

import java.security.KeyStore;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * Makes keys held by an Inkan server usable by any JCA code, unchanged: jarsigner, keytool, apksigner,
 * jsign, XML DSig, Bouncy Castle. Its {@code KeyStore} of type {@value #KEYSTORE_TYPE} lists one alias
 * per signing profile the caller may use, and its {@code Signature} services hash locally and let the
 * server sign the digest, so no private key ever reaches this process.
 *
 * <p>Tools create it with the public no-arg constructor and then call {@link #configure(String)} with
 * their provider argument (see {@code ProviderConfig} for its syntax); apksigner uses the
 * {@link #InkanProvider(String)} constructor. Without an argument the settings come from
 * {@code INKAN_SERVER}, {@code INKAN_TOKEN} (or {@code INKAN_TOKEN_FILE}) and {@code INKAN_CA}.
 */
public final class InkanProvider extends Provider {

    private static final long serialVersionUID = 1L;

    /** The provider's name, e.g. for {@code jarsigner -addprovider Inkan}. */
    public static final String NAME = "Inkan";
    /** The key store type, e.g. for {@code jarsigner -storetype Inkan}. */
    public static final String KEYSTORE_TYPE = "Inkan";

    private static final String KEY_CLASS = InkanPrivateKey.class.getName();

    private final transient String argument;
    private final transient RemoteKeys keys;

    /** Configured from the environment; tools then call {@link #configure(String)}. */
    public InkanProvider() {
        this(null, environmentKeys(null));
    }

    /** Configured from {@code configuration}: a properties file path or {@code --key=value,...}. */
    public InkanProvider(String configuration) {
        this(configuration, environmentKeys(configuration));
    }

    /** Uses an existing client, signing under {@code project}'s profiles (for programs like the CLI). */
    public InkanProvider(InkanClient client, String project) {
        this(null, new RemoteKeys(() -> client, project));
    }

    private InkanProvider(String argument, RemoteKeys keys) {
        super(NAME, "0.1", "Inkan remote signing: keys stay on the Inkan server, only digests are sent");
        this.argument = argument;
        this.keys = keys;
        putService(new InkanService(this, "KeyStore", KEYSTORE_TYPE, List.of(), Map.of(),
                () -> new InkanKeyStoreSpi(keys)));
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            if (algorithm.encoding() != SignatureAlgorithm.Encoding.PSS) {
                signature(algorithm.jcaName(), aliases(algorithm), algorithm.keyFamily(), algorithm);
            } else {
                // Bouncy Castle's names for PSS with a fixed hash, as its content signers look them up.
                signature(algorithm.digest().jcaName().replace("-", "") + "withRSAandMGF1", List.of(),
                        KeyFamily.RSA, algorithm);
            }
        }
        signature("RSASSA-PSS", List.of("1.2.840.113549.1.1.10", "OID.1.2.840.113549.1.1.10"), KeyFamily.RSA, null);
    }

    /**
     * The key and certificate chain of one signing profile, fetched directly (the key store lists every
     * profile, which a program that knows its profile does not need).
     */
    public KeyStore.PrivateKeyEntry keyEntry(String profile) {
        return keys.entry(profile).entry();
    }

    /** Returns a new provider configured by {@code configuration}; this one stays unchanged. */
    @Override
    public Provider configure(String configuration) {
        return new InkanProvider(configuration);
    }

    @Override
    public boolean isConfigured() {
        return true;
    }

    @Override
    public String toString() {
        return NAME + " provider" + (argument == null ? "" : " (" + argument + ")");
    }

    private void signature(String name, List<String> aliases, KeyFamily family, SignatureAlgorithm algorithm) {
        putService(new InkanService(this, "Signature", name, aliases, Map.of("SupportedKeyClasses", KEY_CLASS),
                () -> new InkanSignatureSpi(family, algorithm)));
    }

    /** OID aliases, so that lookups by algorithm identifier (as Bouncy Castle does) find the services. */
    private static List<String> aliases(SignatureAlgorithm algorithm) {
        String oid = switch (algorithm) {
            case RSA_PKCS1_SHA256 -> "1.2.840.113549.1.1.11";
            case RSA_PKCS1_SHA384 -> "1.2.840.113549.1.1.12";
            case RSA_PKCS1_SHA512 -> "1.2.840.113549.1.1.13";
            case ECDSA_SHA256 -> "1.2.840.10045.4.3.2";
            case ECDSA_SHA384 -> "1.2.840.10045.4.3.3";
            case ECDSA_SHA512 -> "1.2.840.10045.4.3.4";
            case ED25519 -> "1.3.101.112";
            default -> null;
        };
        if (oid == null) {
            return List.of();
        }
        return algorithm == SignatureAlgorithm.ED25519
                ? List.of(oid, "OID." + oid, "EdDSA")
                : List.of(oid, "OID." + oid);
    }

    private static RemoteKeys environmentKeys(String argument) {
        Map<String, String> environment = System.getenv();
        ProviderConfig config = ProviderConfig.parse(argument, environment);
        return new RemoteKeys(() -> InkanClient.connect(config.clientConfig(environment)), config.project());
    }

    /** A service whose engine is built by a factory, so each engine shares this provider's connection. */
    private static final class InkanService extends Service {

        private final java.util.function.Supplier<Object> factory;

        InkanService(Provider provider, String type, String algorithm, List<String> aliases,
                     Map<String, String> attributes, java.util.function.Supplier<Object> factory) {
            super(provider, type, algorithm, InkanService.class.getName(), aliases, attributes);
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return factory.get();
        }
    }
}
