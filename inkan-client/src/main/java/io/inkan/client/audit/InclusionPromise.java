package io.inkan.client.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * A node's signed promise that record {@code index} with {@code recordHash} is in the log (the idea of
 * Rekor's SignedEntryTimestamp), signed as a note by the node's receipt key the moment the record is
 * written. It lets every signing response carry evidence the client keeps, before any checkpoint covers
 * the record, and it is what a forged record appended at the tail of the trail cannot have.
 *
 * <pre>
 * inkan.audit/4f1c2a9be0d3a711
 * promise 42 5d41402abc4b2a76b9719d911017c592...
 * time 2026-12-03T12:00:00.123456Z
 * </pre>
 */
public record InclusionPromise(String origin, long index, String recordHash, Instant time) {

    private static final Pattern LINE = Pattern.compile("promise ([1-9][0-9]{0,18}) ([0-9a-f]{64})");

    public String text() {
        return origin + "\npromise " + index + " " + recordHash + "\ntime " + time + "\n";
    }

    /**
     * Whether {@code note} is a promise, signed by one of {@code receiptKeys}, that record {@code index} with
     * {@code recordHash} is in the log; anything malformed is simply not a promise.
     */
    public static boolean promises(String note, long index, String recordHash, Collection<NoteKey> receiptKeys) {
        if (note == null) {
            return false;
        }
        try {
            SignedNote signed = SignedNote.parse(note);
            InclusionPromise content = parse(signed.text());
            return content.index() == index && content.recordHash().equals(recordHash)
                    && receiptKeys.stream().anyMatch(key -> key.verifies(signed));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static InclusionPromise parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 4 || !lines[3].isEmpty() || !lines[2].startsWith("time ")) {
            throw new IllegalArgumentException("not an Inkan promise of inclusion");
        }
        var match = LINE.matcher(lines[1]);
        if (!match.matches()) {
            throw new IllegalArgumentException("not an Inkan promise of inclusion");
        }
        InclusionPromise promise = new InclusionPromise(lines[0], Long.parseLong(match.group(1)), match.group(2),
                Instant.parse(lines[2].substring(5)));
        if (!promise.text().equals(text)) {
            throw new IllegalArgumentException("not an Inkan promise of inclusion: not canonical");
        }
        return promise;
    }
}
