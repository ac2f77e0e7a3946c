package io.inkan.client.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Every audit key the log has ever used ({@code GET /api/v1/audit/keys}), retired ones included, so a
 * checkpoint or receipt signed before a rotation still verifies after it.
 *
 * @param origin the log's name, which is also the name of each key's note signatures
 */
public record AuditKeySet(String origin, List<Key> keys) {

    /**
     * One audit key.
     *
     * @param id        the C2SP key ID, eight hex digits
     * @param type      {@code ECDSA}
     * @param publicKey base64 DER SubjectPublicKeyInfo
     * @param retiredAt when it stopped signing, {@code null} while it is the current key
     */
    public record Key(String id, String type, String publicKey, Instant createdAt, Instant retiredAt) {
    }

    public AuditKeySet {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /**
     * The keys that verify notes. A key this client cannot read (another type, a malformed encoding) is
     * left out rather than guessed at: whatever it signed then fails to verify, which is reported.
     */
    public List<NoteKey> noteKeys() {
        List<NoteKey> result = new ArrayList<>();
        for (Key key : keys) {
            if (!"ECDSA".equals(key.type()) || key.publicKey() == null) {
                continue;
            }
            try {
                PublicKey publicKey = KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
                result.add(NoteKey.ecdsa(origin, publicKey));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Left out, see above.
            }
        }
        return result;
    }
}
