package io.inkan.cli.formats.raw;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;
import io.inkan.client.InkanException;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A detached raw signature ({@code FILE.sig}, the signature bytes alone) for any file; the key is
 * published beside it as {@code PROFILE.pub.pem}. The fallback when no other format recognises a name.
 */
public final class RawFiles implements Format {

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public boolean detects(String lowerCaseName) {
        return false;
    }

    @Override
    public String outputName(String fileName) {
        return fileName + ".sig";
    }

    @Override
    public boolean hashedLocally() {
        return true;
    }

    @Override
    public boolean publishesPublicKey() {
        return true;
    }

    /** A raw signature is over a digest, which pure Ed25519 cannot sign; any encoding is fine. */
    @Override
    public Optional<Refusal> refuse(SignatureAlgorithm algorithm) {
        return algorithm.isPrehashed() ? Optional.empty()
                : Optional.of(new Refusal("Ed25519 cannot sign files by digest",
                        "pure Ed25519 signs the whole message, not a hash; for inputs of at most "
                        + SignatureAlgorithm.MAX_PURE_INPUT + " bytes use "
                        + "'inkan sign-hash --algorithm ED25519 --data BASE64'"));
    }

    @Override
    public PreparedFormat prepare(SigningSetup setup) {
        AtomicReference<String> publicKey = new AtomicReference<>();
        AtomicReference<List<String>> chain = new AtomicReference<>(List.of());
        ArtifactSigner signer = (file, out) -> {
            SignatureAlgorithm algorithm = setup.algorithm();
            byte[] digest = setup.digests().digest(file, algorithm.digest());
            SignHashResponse response = setup.client().signing().sign(setup.project(), setup.profile(), algorithm,
                    List.of(SignHashRequest.Item.ofDigest(Base64.getEncoder().encodeToString(digest),
                            file.getFileName().toString())));
            publicKey.set(response.publicKey());
            if (response.certificateChain() != null) {
                chain.set(response.certificateChain());
            }
            out.write(decode(response.signatures().get(0)));
        };
        return new PreparedFormat() {
            @Override
            public ArtifactSigner signer() {
                return signer;
            }

            @Override
            public byte[] publicKey() {
                return decode(publicKey.get());
            }

            @Override
            public List<byte[]> certificateChain() {
                return chain.get().stream().map(RawFiles::decode).toList();
            }
        };
    }

    @Override
    public String help() {
        return "writes FILE.sig (the raw signature bytes) and PROFILE.pub.pem";
    }

    @Override
    public String verification() {
        return "openssl dgst -sha256 -verify PROFILE.pub.pem -signature FILE.sig FILE";
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(String.valueOf(base64));
        } catch (IllegalArgumentException e) {
            throw new InkanException("server sent a signature or key that is not base64");
        }
    }
}
