package io.inkan.client.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A public key that signs notes, with its C2SP key name and ID: the audit key (ECDSA P-256 in the token,
 * signature type {@code 0x02}, ID = first four bytes of SHA-256 of its SubjectPublicKeyInfo) or a node's
 * receipt key (Ed25519, type {@code 0x01}, ID = first four bytes of SHA-256(name || 0x0A || 0x01 || key)).
 * Verifiers match signatures by name and ID and ignore signatures of keys they do not know.
 */
public record NoteKey(String name, int id, Type type, PublicKey publicKey) {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** The signature types Inkan uses. */
    public enum Type {
        ED25519((byte) 0x01, "Ed25519"),
        ECDSA((byte) 0x02, "SHA256withECDSA");

        private final byte code;
        private final String jcaName;

        Type(byte code, String jcaName) {
            this.code = code;
            this.jcaName = jcaName;
        }
    }

    /** The audit key: ECDSA over the note text with SHA-256, DER-encoded. */
    public static NoteKey ecdsa(String name, PublicKey publicKey) {
        byte[] id = MerkleTree.sha256().digest(publicKey.getEncoded());
        return new NoteKey(name, toInt(id), Type.ECDSA, publicKey);
    }

    /** A receipt key: Ed25519 given its raw 32-byte public key. */
    public static NoteKey ed25519(String name, byte[] rawPublicKey) {
        if (rawPublicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        MessageDigest digest = MerkleTree.sha256();
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x0A);
        digest.update(Type.ED25519.code);
        byte[] id = digest.digest(rawPublicKey);
        try {
            byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
            System.arraycopy(rawPublicKey, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            return new NoteKey(name, toInt(id), Type.ED25519, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** The key ID as eight hex digits, as documents and messages name it. */
    public String idHex() {
        return String.format("%08x", id);
    }

    /**
     * Whether the note carries a valid signature by this key. A signature line with this key's name and ID
     * that does not verify makes the answer {@code false}, whatever other lines say.
     */
    public boolean verifies(SignedNote note) {
        boolean found = false;
        for (SignedNote.NoteSignature signature : note.signatures()) {
            if (signature.keyName().equals(name) && signature.keyId() == id) {
                if (!valid(note.textBytes(), signature.signature())) {
                    return false;
                }
                found = true;
            }
        }
        return found;
    }

    private boolean valid(byte[] text, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(type.jcaName);
            verifier.initVerify(publicKey);
            verifier.update(text);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static int toInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }
}
