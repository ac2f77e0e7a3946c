package io.inkan.client.audit;

import io.inkan.client.InkanApiException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A log in memory that answers like the server's audit API, signing its notes with keys made here: an
 * EC P-256 audit key (rotatable) and an Ed25519 receipt key vouched for by it. Tests edit it the way an
 * attacker with database access would (rewrite, delete, truncate) and then let it sign a fresh checkpoint,
 * as the server would over whatever its database holds.
 */
final class TestLog implements AuditLogSource {

    static final String ORIGIN = "inkan.audit/0123456789abcdef";

    private final Random random = new Random(42);
    private final List<String> hashes = new ArrayList<>();
    private final Set<Long> deleted = new HashSet<>();
    private final Map<Long, String> checkpoints = new HashMap<>();
    private final List<NoteKey> auditKeys = new ArrayList<>();
    private final String origin;
    private KeyPair auditKey;
    private KeyPair receiptKey;
    private String receiptKeyStatement;
    private String latest;
    /** When set, the next inclusion proofs have their first hash damaged (a lying server). */
    boolean damageInclusionProofs;

    TestLog() {
        this(ORIGIN);
    }

    TestLog(String origin) {
        this.origin = origin;
        rotateAuditKey();
    }

    /** A new audit key signs from now on; the old ones stay published. */
    void rotateAuditKey() {
        auditKey = generate("EC");
        auditKeys.add(NoteKey.ecdsa(origin, auditKey.getPublic()));
        receiptKey = generate("Ed25519");
        byte[] spki = receiptKey.getPublic().getEncoded();
        ReceiptKeyStatement statement = new ReceiptKeyStatement(origin,
                Arrays.copyOfRange(spki, spki.length - 32, spki.length), Instant.parse("2026-12-01T00:00:00Z"));
        receiptKeyStatement = signNote(statement.text(), currentAuditKey(), auditKey, "SHA256withECDSA");
    }

    /** Every audit key used so far, as {@code GET /api/v1/audit/keys} publishes them. */
    List<NoteKey> auditKeys() {
        return List.copyOf(auditKeys);
    }

    NoteKey currentAuditKey() {
        return auditKeys.get(auditKeys.size() - 1);
    }

    long size() {
        return hashes.size();
    }

    String recordHash(long seq) {
        return hashes.get((int) seq - 1);
    }

    void append(int count) {
        for (int i = 0; i < count; i++) {
            hashes.add(randomHash());
        }
    }

    /** Changes record {@code seq} and, as the public chain algorithm would, every later hash. */
    void rewriteFrom(long seq) {
        for (long s = seq; s <= hashes.size(); s++) {
            hashes.set((int) s - 1, randomHash());
        }
    }

    void delete(long seq) {
        deleted.add(seq);
    }

    void truncateTo(long size) {
        while (hashes.size() > size) {
            hashes.remove(hashes.size() - 1);
        }
        checkpoints.keySet().removeIf(s -> s > size);
    }

    void deleteCheckpoint(long size) {
        checkpoints.remove(size);
    }

    /** Signs a checkpoint of the log as it is now and makes it the latest. */
    String checkpoint(Instant time) {
        latest = signNote(treeHead(time).text(), currentAuditKey(), auditKey, "SHA256withECDSA");
        checkpoints.put(size(), latest);
        return latest;
    }

    TreeHead treeHead(Instant time) {
        return new TreeHead(origin, size(), MerkleTree.root(0, size(), this::subtree),
                time, size() == 0 ? "" : hashes.get(hashes.size() - 1), 1000, 60, TreeHead.Kind.COUNT);
    }

    /** Makes {@code note} the server's latest checkpoint as it is, e.g. a forged one. */
    void serveLatest(String note) {
        latest = note;
    }

    /** The receipt a signing response carries for record {@code seq}, promised at {@code time}. */
    AuditReceipt receipt(long seq, Instant time) {
        InclusionPromise promise = new InclusionPromise(origin, seq, recordHash(seq), time);
        String promiseNote = signNote(promise.text(), receiptKeyStatementKey(), receiptKey, "Ed25519");
        return new AuditReceipt(origin, seq, recordHash(seq), promiseNote, receiptKeyStatement);
    }

    private NoteKey receiptKeyStatementKey() {
        return ReceiptKeyStatement.parse(SignedNote.parse(receiptKeyStatement).text()).key();
    }

    static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signNote(String text, NoteKey key, KeyPair pair, String algorithm) {
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(pair.getPrivate());
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return SignedNote.sign(text, key, signer.sign()).format();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes every checkpoint, as {@code DELETE FROM} their table would. */
    void deleteAllCheckpoints() {
        checkpoints.clear();
        latest = null;
    }

    @Override
    public String checkpoint() {
        if (latest == null) {
            throw problem(404, "no-checkpoint");
        }
        return latest;
    }

    @Override
    public AuditConsistencyProof consistencyProof(long from, long to) {
        if (!checkpoints.containsKey(from) || !checkpoints.containsKey(to)) {
            throw problem(404, "no-checkpoint");
        }
        return new AuditConsistencyProof(from, to, hex(MerkleTree.consistencyProof(from, to, this::subtree)));
    }

    @Override
    public AuditInclusionProof inclusionProof(long record, long size) {
        if (record > hashes.size() || deleted.contains(record)) {
            throw problem(404, "no-record");
        }
        List<String> path = new ArrayList<>(hex(MerkleTree.inclusionProof(record - 1, size, this::subtree)));
        if (damageInclusionProofs && !path.isEmpty()) {
            path.set(0, randomHash());
        }
        return new AuditInclusionProof(record, size, recordHash(record), path);
    }

    static InkanApiException problem(int status, String type) {
        return new InkanApiException(status, "urn:inkan:problem:" + type, type, null);
    }

    /** The root of leaves {@code start} to {@code end}, straight from RFC 9162's definition. */
    private byte[] subtree(long start, long end) {
        if (end - start == 1) {
            return MerkleTree.leafHash(HexFormat.of().parseHex(hashes.get((int) start)));
        }
        long k = Long.highestOneBit(end - start - 1);
        return MerkleTree.nodeHash(subtree(start, start + k), subtree(start + k, end));
    }

    private String randomHash() {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return HexFormat.of().formatHex(hash);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
