package io.inkan.server.audit;

import io.inkan.client.audit.AuditChain;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.MerkleTree;
import io.inkan.client.audit.NoteKey;
import io.inkan.client.audit.SignedNote;
import io.inkan.client.audit.TreeHead;
import io.inkan.server.testing.ApiCaller;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an auditor checks through the transparency-log API ({@code /api/v1/audit/keys}, {@code checkpoint},
 * {@code proof/inclusion}, {@code proof/consistency}) with the client library's RFC 9162 verifiers, and the
 * expected roots computed naively from the stored records by RFC 9162's recursive definition, independently
 * of the server's stored subtrees and of {@link MerkleTree}'s proof code.
 */
final class LogAuditor {

    private final ApiCaller caller;
    private final List<NoteKey> keys;

    LogAuditor(ApiCaller caller) {
        this.caller = caller;
        this.keys = keys(expect(caller.get("/api/v1/audit/keys"), 200).json());
    }

    /** The audit keys the server publishes, as note keys named after the log. */
    List<NoteKey> keys() {
        return keys;
    }

    /** The signed checkpoint of exactly {@code size} records, its note signature checked with a published key. */
    TreeHead checkpoint(long size) {
        return signedTreeHead(expect(caller.get("/api/v1/audit/checkpoint?size=" + size), 200).body());
    }

    /** The newest signed checkpoint, its signature checked. */
    TreeHead latest() {
        return signedTreeHead(expect(caller.get("/api/v1/audit/checkpoint"), 200).body());
    }

    /** Fetches the inclusion proof of {@code record} in {@code head}'s tree and checks it against the signed root. */
    void assertIncluded(long record, TreeHead head, String storedHash) {
        JsonNode proof = expect(caller.get("/api/v1/audit/proof/inclusion?record=" + record + "&size=" + head.size()), 200).json();
        assertThat(proof.get("record").asLong()).isEqualTo(record);
        assertThat(proof.get("size").asLong()).isEqualTo(head.size());
        assertThat(proof.get("recordHash").asString()).as("record %d", record).isEqualTo(storedHash);
        byte[] leaf = MerkleTree.leafHash(HexFormat.of().parseHex(storedHash));
        assertThat(MerkleTree.verifyInclusion(record - 1, head.size(), leaf, hashes(proof.get("path")), head.root()))
                .as("inclusion of record %d in the tree of %d", record, head.size()).isTrue();
    }

    /** Fetches the consistency proof between two checkpoints and checks it against both signed roots. */
    void assertConsistent(TreeHead from, TreeHead to) {
        JsonNode proof = expect(caller.get("/api/v1/audit/proof/consistency?from=" + from.size() + "&to=" + to.size()), 200)
                .json();
        assertThat(proof.get("from").asLong()).isEqualTo(from.size());
        assertThat(proof.get("to").asLong()).isEqualTo(to.size());
        assertThat(MerkleTree.verifyConsistency(from.size(), to.size(), from.root(), to.root(), hashes(proof.get("path"))))
                .as("consistency from %d to %d", from.size(), to.size()).isTrue();
    }

    /** Every stored record's hash in order, each first recomputed from the record's content. */
    static List<String> recordHashes(JdbcClient jdbc) {
        List<String> hashes = new ArrayList<>();
        for (AuditEntry entry : jdbc.sql("SELECT * FROM audit_records ORDER BY seq").query(AuditStore.ENTRY).list()) {
            assertThat(entry.seq()).isEqualTo(hashes.size() + 1L);
            assertThat(AuditChain.hash(entry)).as("record %d", entry.seq()).isEqualTo(entry.hash());
            hashes.add(entry.hash());
        }
        return hashes;
    }

    /** The sizes of every stored checkpoint, oldest first. */
    static List<Long> checkpointSizes(JdbcClient jdbc) {
        return jdbc.sql("SELECT seq FROM audit_checkpoints ORDER BY seq").query(Long.class).list();
    }

    /** {@code MTH(D[n])} of RFC 9162 section 2.1.1, straight from its recursive definition over the record hashes. */
    static byte[] naiveRoot(List<String> recordHashes) {
        int n = recordHashes.size();
        if (n == 0) {
            return sha256().digest();
        }
        if (n == 1) {
            MessageDigest leaf = sha256();
            leaf.update((byte) 0x00);
            return leaf.digest(HexFormat.of().parseHex(recordHashes.get(0)));
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        MessageDigest node = sha256();
        node.update((byte) 0x01);
        node.update(naiveRoot(recordHashes.subList(0, k)));
        return node.digest(naiveRoot(recordHashes.subList(k, n)));
    }

    private TreeHead signedTreeHead(String text) {
        SignedNote note = SignedNote.parse(text);
        assertThat(keys).as("a published audit key signed the checkpoint").anySatisfy(key -> assertThat(key.verifies(note)).isTrue());
        return TreeHead.parse(note.text());
    }

    private static List<NoteKey> keys(JsonNode keySet) {
        String origin = keySet.get("origin").asString();
        List<NoteKey> keys = new ArrayList<>();
        for (JsonNode key : keySet.get("keys")) {
            try {
                keys.add(NoteKey.ecdsa(origin, KeyFactory.getInstance("EC").generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asString())))));
            } catch (GeneralSecurityException e) {
                throw new AssertionError("the server publishes an audit key that is not an EC public key", e);
            }
        }
        assertThat(keys).isNotEmpty();
        return keys;
    }

    private static List<byte[]> hashes(JsonNode path) {
        List<byte[]> hashes = new ArrayList<>();
        path.forEach(hash -> hashes.add(HexFormat.of().parseHex(hash.asString())));
        return hashes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
