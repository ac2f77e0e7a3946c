package io.inkan.client.audit;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The audit key's signed statement that an Ed25519 key belongs to one server node's run: each node makes a
 * fresh receipt key when it starts, keeps its private half in memory only, and has the audit key in the
 * token vouch for the public half. Promises need a signature per record, which the token could not give at
 * signing speed; the statement ties them back to the audit key all the same.
 *
 * <pre>
 * inkan.audit/4f1c2a9be0d3a711
 * receipt-key inkan.audit/4f1c2a9be0d3a711 9xK...base64 of 32 bytes...=
 * time 2026-12-03T12:00:00.123Z
 * </pre>
 */
public record ReceiptKeyStatement(String origin, byte[] publicKey, Instant time) {

    private static final Pattern LINE = Pattern.compile("receipt-key (\\S+) ([A-Za-z0-9+/]{43}=)");

    public ReceiptKeyStatement {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The receipt key this statement vouches for; its name is the log's origin. */
    public NoteKey key() {
        return NoteKey.ed25519(origin, publicKey);
    }

    public String text() {
        return origin + "\nreceipt-key " + origin + " " + Base64.getEncoder().encodeToString(publicKey) + "\ntime " + time + "\n";
    }

    /** The receipt key a statement vouches for, if one of {@code auditKeys} signed it; empty for anything else. */
    public static Optional<NoteKey> vouchedBy(String statement, Collection<NoteKey> auditKeys) {
        try {
            SignedNote note = SignedNote.parse(statement);
            return auditKeys.stream().anyMatch(key -> key.verifies(note))
                    ? Optional.of(parse(note.text()).key()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static ReceiptKeyStatement parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 4 || !lines[3].isEmpty() || !lines[2].startsWith("time ")) {
            throw new IllegalArgumentException("not an Inkan receipt-key statement");
        }
        var match = LINE.matcher(lines[1]);
        if (!match.matches() || !match.group(1).equals(lines[0])) {
            throw new IllegalArgumentException("not an Inkan receipt-key statement");
        }
        ReceiptKeyStatement statement = new ReceiptKeyStatement(lines[0], Base64.getDecoder().decode(match.group(2)),
                Instant.parse(lines[2].substring(5)));
        if (!statement.text().equals(text)) {
            throw new IllegalArgumentException("not an Inkan receipt-key statement: not canonical");
        }
        return statement;
    }
}
