package io.inkan.client.audit;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A trail as the server's database holds it (records with their promises, checkpoints, the chain head),
 * built with the real classes the way the server builds it: records sealed by {@link AuditChain}, a signed
 * tree head of kind {@code COUNT} every {@code every} records over the {@link CompactRange} root, signed by
 * an EC P-256 audit key, and a promise of inclusion per record signed by an Ed25519 receipt key the audit
 * key vouches for. The edit methods are what an attacker with write access to the database can do: change
 * rows, renumber them, recompute every hash with the public algorithm, move the head, delete checkpoints;
 * never sign with the audit or receipt key.
 */
final class TestTrail {

    /** One row of {@code audit_records}: the record and the promise stored with it ({@code null} when forged). */
    record Row(AuditEntry entry, String promise) {
    }

    static final long CADENCE_SECONDS = 3600;
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final String[] ACTIONS = {"sign", "key.create", "project.create", "token.create", "authenticate"};

    private final Keys keys;
    final long every;
    List<Row> rows;
    List<AuditCheckpoint> checkpoints;
    AuditHead head;
    /**
     * The canonical hash of every record content sealed so far (by the builder or the attacker), so a verifier
     * run need not recompute it: {@link AuditVerifier#accept(AuditEntry, String)} takes it precomputed, as from
     * {@link AuditPipeline}. A record edited without sealing is not in it and is hashed afresh.
     */
    private final Map<AuditEntry, String> sealed;

    /** The keys of one log: the audit key, and a receipt key with the audit key's statement vouching for it. */
    record Keys(KeyPair auditKey, NoteKey auditNoteKey, KeyPair receiptKey, NoteKey receiptNoteKey, String statement) {

        static Keys generate() {
            KeyPair audit = TestLog.generate("EC");
            NoteKey auditNote = NoteKey.ecdsa(TestLog.ORIGIN, audit.getPublic());
            KeyPair receipt = TestLog.generate("Ed25519");
            byte[] spki = receipt.getPublic().getEncoded();
            byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            String statement = TestLog.signNote(new ReceiptKeyStatement(TestLog.ORIGIN, raw, START).text(), auditNote,
                    audit, "SHA256withECDSA");
            return new Keys(audit, auditNote, receipt, NoteKey.ed25519(TestLog.ORIGIN, raw), statement);
        }
    }

    private TestTrail(Keys keys, long every, List<Row> rows, List<AuditCheckpoint> checkpoints, AuditHead head,
                      Map<AuditEntry, String> sealed) {
        this.keys = keys;
        this.sealed = sealed;
        this.every = every;
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.head = head;
    }

    /** {@code records} records, one per second, with a checkpoint after every {@code every}-th. */
    static TestTrail build(Keys keys, int records, long every) {
        List<Row> rows = new ArrayList<>(records + 8);
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        CompactRange tree = new CompactRange();
        String previous = AuditChain.GENESIS;
        for (int seq = 1; seq <= records; seq++) {
            Instant time = START.plusSeconds(seq);
            AuditEntry entry = AuditChain.seal(new AuditEntry(seq, time.toString(), "signer-" + seq % 7 + " (id)",
                    "192.0.2." + seq % 250, ACTIONS[seq % ACTIONS.length], "SUCCESS", "project-" + seq % 3,
                    "event " + seq, seq % 2 == 0 ? AuditChain.canonicalJson(Map.of("count", seq)) : null, previous, null));
            rows.add(new Row(entry, promise(keys, entry, time)));
            tree.append(MerkleTree.leafHash(HexFormat.of().parseHex(entry.hash())));
            if (seq % every == 0) {
                checkpoints.add(checkpoint(keys, new TreeHead(TestLog.ORIGIN, seq, tree.root(), time.plusMillis(1),
                        entry.hash(), every, CADENCE_SECONDS, TreeHead.Kind.COUNT)));
            }
            previous = entry.hash();
        }
        Map<AuditEntry, String> sealed = new java.util.HashMap<>();
        rows.forEach(row -> sealed.put(row.entry(), row.entry().hash()));
        return new TestTrail(keys, every, rows, checkpoints, new AuditHead(records, previous), sealed);
    }

    /**
     * Appends {@code count} records as a server whose next checkpoint is not due yet does (a promise each, no
     * checkpoint), e.g. after a restart with a larger {@code checkpoint-every}.
     */
    void appendUnsigned(int count) {
        for (int i = 0; i < count; i++) {
            long seq = rows.size() + 1L;
            Instant time = START.plusSeconds(seq);
            AuditEntry entry = AuditChain.seal(new AuditEntry(seq, time.toString(), "signer (id)", null, "sign", "SUCCESS",
                    "project-0", "event " + seq, null, head.hash(), null));
            rows.add(new Row(entry, promise(keys, entry, time)));
            sealed.put(entry, entry.hash());
            head = new AuditHead(seq, entry.hash());
        }
    }

    /** A copy to edit; the original stays as it was. */
    TestTrail copy() {
        return new TestTrail(keys, every, new ArrayList<>(rows), new ArrayList<>(checkpoints), head,
                new java.util.HashMap<>(sealed));
    }

    /** When the trail is read: a second after its last record, so an untouched tail is young. */
    Instant asOf() {
        return START.plusSeconds(rows.size() + 1L);
    }

    /** The tree head of checkpoint {@code seq}, as an auditor saving it outside the database keeps it. */
    TreeHead treeHead(long seq) {
        AuditCheckpoint checkpoint = checkpoints.stream().filter(c -> c.seq() == seq).findFirst().orElseThrow();
        return TreeHead.parse(SignedNote.parse(checkpoint.note()).text());
    }

    /** The verdict of the streaming verifier on the trail as it is, with a tree head trusted from outside or none. */
    AuditVerification verify(TreeHead witness) {
        return verify(witness, every);
    }

    /** The verdict with the server configured to sign every {@code configuredEvery} records now. */
    AuditVerification verify(TreeHead witness, long configuredEvery) {
        Map<Long, String> promises = rows.stream().filter(row -> row.promise() != null)
                .collect(Collectors.toMap(row -> row.entry().seq(), Row::promise, (a, b) -> a));
        AuditEvidence evidence = new AuditEvidence(checkpoints, List.of(keys.auditNoteKey()), List.of(),
                List.of(keys.statement()), promises, head, asOf(), witness,
                new AuditEvidence.Cadence(configuredEvery, CADENCE_SECONDS));
        AuditVerifier verifier = new AuditVerifier(evidence);
        rows.forEach(row -> verifier.accept(row.entry(), sealed.computeIfAbsent(row.entry(), AuditChain::hash)));
        return verifier.finish();
    }

    /** The newest checkpoint at or before {@code seq}, 0 if none. */
    long checkpointAtOrBefore(long seq) {
        return checkpoints.stream().mapToLong(AuditCheckpoint::seq).filter(s -> s <= seq).max().orElse(0);
    }

    /** The oldest checkpoint at or after {@code seq}, 0 if none. */
    long checkpointAtOrAfter(long seq) {
        return checkpoints.stream().mapToLong(AuditCheckpoint::seq).filter(s -> s >= seq).min().orElse(0);
    }

    long size() {
        return rows.size();
    }

    // ---- what an attacker with write access to the database does ----

    /** Changes one field of record {@code seq}; with {@code rechain}, recomputes its hash and every later one and moves the head. */
    void modify(long seq, String detail, boolean rechain) {
        AuditEntry e = entry(seq);
        rows.set(index(seq), new Row(new AuditEntry(e.seq(), e.time(), e.principal(), e.source(), e.action(), e.outcome(),
                e.project(), detail, e.data(), e.prevHash(), e.hash()), row(seq).promise()));
        if (rechain) {
            rechainFrom(seq);
        }
    }

    /** Deletes record {@code seq}; with {@code renumber}, closes the gap, recomputes every later hash and moves the head. */
    void delete(long seq, boolean renumber) {
        rows.remove(index(seq));
        if (renumber) {
            rechainFrom(seq);
        }
    }

    /** Inserts a forged record at {@code seq} with a correct chain hash, renumbers the later ones, recomputes, moves the head. */
    void insert(long seq, String detail) {
        AuditEntry before = seq == 1 ? null : entry(seq - 1);
        String time = before == null ? START.toString() : before.time();
        rows.add(index(seq), new Row(new AuditEntry(seq, time, "bootstrap-admin (id)", null, "key.create", "SUCCESS",
                "project-0", detail, null, AuditChain.GENESIS, null), null));
        rechainFrom(seq);
    }

    /** Cuts the trail after record {@code size} with every checkpoint beyond it and moves the head back. */
    void truncate(long size) {
        rows.subList((int) size, rows.size()).clear();
        checkpoints.removeIf(checkpoint -> checkpoint.seq() > size);
        head = size == 0 ? new AuditHead(0, AuditChain.GENESIS) : new AuditHead(size, entry(size).hash());
    }

    void deleteCheckpoint(long seq) {
        checkpoints.removeIf(checkpoint -> checkpoint.seq() == seq);
    }

    /** Replaces checkpoint {@code seq} by the same tree head signed with a key of the attacker's. */
    void forgeCheckpoint(long seq) {
        TreeHead treeHead = treeHead(seq);
        Keys attacker = Keys.generate();
        AuditCheckpoint forged = checkpoint(attacker, treeHead);
        checkpoints.replaceAll(checkpoint -> checkpoint.seq() == seq ? forged : checkpoint);
    }

    /** Renumbers records from {@code seq} on to their positions, recomputes their links and hashes, moves the head. */
    private void rechainFrom(long seq) {
        String previous = seq == 1 ? AuditChain.GENESIS : entry(seq - 1).hash();
        for (int i = (int) seq - 1; i < rows.size(); i++) {
            AuditEntry e = rows.get(i).entry();
            AuditEntry resealed = AuditChain.seal(new AuditEntry(i + 1, e.time(), e.principal(), e.source(), e.action(),
                    e.outcome(), e.project(), e.detail(), e.data(), previous, null));
            rows.set(i, new Row(resealed, rows.get(i).promise()));
            sealed.put(resealed, resealed.hash());
            previous = resealed.hash();
        }
        head = new AuditHead(rows.size(), previous);
    }

    private AuditEntry entry(long seq) {
        return row(seq).entry();
    }

    private Row row(long seq) {
        return rows.get(index(seq));
    }

    private static int index(long seq) {
        return Math.toIntExact(seq - 1);
    }

    private static String promise(Keys keys, AuditEntry entry, Instant time) {
        return TestLog.signNote(new InclusionPromise(TestLog.ORIGIN, entry.seq(), entry.hash(), time).text(),
                keys.receiptNoteKey(), keys.receiptKey(), "Ed25519");
    }

    private static AuditCheckpoint checkpoint(Keys keys, TreeHead treeHead) {
        String note = TestLog.signNote(treeHead.text(), keys.auditNoteKey(), keys.auditKey(), "SHA256withECDSA");
        String signature = java.util.Base64.getEncoder().encodeToString(SignedNote.parse(note).signatures().get(0).signature());
        return new AuditCheckpoint(treeHead.size(), treeHead.headHash(), treeHead.time().toString(), "ECDSA_SHA256",
                signature, note);
    }
}
