package io.inkan.cli.formats.pgp;

import io.inkan.core.DigestAlgorithm;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;

/**
 * How an Inkan key signs in OpenPGP: the OpenPGP key algorithm, the hash, and the server algorithm that
 * produces the signature value. RSA-PSS and P1363 ECDSA have no OpenPGP encoding, so they are refused.
 *
 * @param server  the algorithm the server signs the OpenPGP digest with
 * @param digest  the OpenPGP hash (for Ed25519, SHA-512 over data and trailer, then signed as data)
 * @param keyTag  OpenPGP public-key algorithm
 */
record PgpAlgorithm(SignatureAlgorithm server, DigestAlgorithm digest, int keyTag) {

    /** {@code requested} if OpenPGP can carry it, else the natural choice for {@code key}. */
    static PgpAlgorithm choose(KeyAlgorithm key, SignatureAlgorithm requested) {
        SignatureAlgorithm server = requested != null ? requested : switch (key) {
            case RSA_2048, RSA_3072, RSA_4096 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
            case EC_P256 -> SignatureAlgorithm.ECDSA_SHA256;
            case EC_P384 -> SignatureAlgorithm.ECDSA_SHA384;
            case EC_P521 -> SignatureAlgorithm.ECDSA_SHA512;
            case ED25519 -> SignatureAlgorithm.ED25519;
        };
        if (server.keyFamily() != key.family()) {
            throw new IllegalArgumentException(server + " does not fit a " + key + " key");
        }
        return switch (server.encoding()) {
            case PKCS1 -> new PgpAlgorithm(server, server.digest(), PublicKeyAlgorithmTags.RSA_GENERAL);
            case DER -> new PgpAlgorithm(server, server.digest(), PublicKeyAlgorithmTags.ECDSA);
            case PURE -> new PgpAlgorithm(server, DigestAlgorithm.SHA512, PublicKeyAlgorithmTags.EDDSA_LEGACY);
            case PSS, P1363 -> throw new IllegalArgumentException("OpenPGP has no encoding for " + server
                    + "; use RSA_PKCS1_* or DER ECDSA");
        };
    }

    int hashTag() {
        return switch (digest) {
            case SHA256 -> HashAlgorithmTags.SHA256;
            case SHA384 -> HashAlgorithmTags.SHA384;
            case SHA512 -> HashAlgorithmTags.SHA512;
        };
    }
}
