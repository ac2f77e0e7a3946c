package io.inkan.client.audit;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The body of a checkpoint: a signed tree head in the C2SP {@code tlog-checkpoint} text format. The first
 * three lines are the standard ones (origin, tree size, base64 root hash); Inkan's extension lines add when
 * it was signed, the chain hash of the last record (so the hash chain of decision 005 is covered too), the
 * cadence the server promised (so a verifier can tell a deleted checkpoint from a quiet hour) and why it
 * was signed.
 *
 * <pre>
 * inkan.audit/4f1c2a9be0d3a711
 * 1000
 * 8Yk1c3Jp...base64...=
 * time 2026-12-03T12:00:00.123Z
 * head 5d41402abc4b2a76b9719d911017c592...
 * cadence 1000 60
 * kind count
 * </pre>
 *
 * @param cadenceRecords the most records the server lets pass without a checkpoint
 * @param cadenceSeconds the most seconds the server lets a record wait for one while it runs
 * @param kind           why it was signed
 */
public record TreeHead(String origin, long size, byte[] root, Instant time, String headHash, long cadenceRecords,
                       long cadenceSeconds, Kind kind) {

    private static final Pattern ORIGIN = Pattern.compile("[\\x21-\\x7e&&[^+]]{1,128}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** Why a checkpoint was signed; a verifier excuses a late checkpoint only when it is a {@code RECOVERY}. */
    public enum Kind {
        /** {@code checkpoint-every} records passed. */
        COUNT,
        /** The {@code checkpoint-interval} timer, also when nothing new arrived (a heartbeat). */
        TIMER,
        /** The server stopped in order. */
        STOP,
        /** A start found records after the last checkpoint, left by a server that did not stop in order. */
        RECOVERY
    }

    public TreeHead {
        if (!ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("a log origin is 1 to 128 printable ASCII characters without '+' or spaces");
        }
        if (size < 0 || root.length != 32 || (size > 0 && !HEX.matcher(headHash).matches())) {
            throw new IllegalArgumentException("not a tree head");
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** The note text a checkpoint signs. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n"
                + "time " + time + "\n"
                + "head " + headHash + "\n"
                + "cadence " + cadenceRecords + " " + cadenceSeconds + "\n"
                + "kind " + kind.name().toLowerCase(java.util.Locale.ROOT) + "\n";
    }

    /** Reads a checkpoint's text, refusing anything that {@link #text} would not have written. */
    public static TreeHead parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 8 || !lines[7].isEmpty()) {
            throw new IllegalArgumentException("not an Inkan checkpoint: it has 7 lines");
        }
        try {
            long size = decimal(lines[1]);
            byte[] root = Base64.getDecoder().decode(lines[2]);
            Instant time = Instant.parse(field(lines[3], "time"));
            String head = field(lines[4], "head");
            String[] cadence = field(lines[5], "cadence").split(" ", -1);
            if (cadence.length != 2) {
                throw new IllegalArgumentException("cadence");
            }
            Kind kind = Kind.valueOf(field(lines[6], "kind").toUpperCase(java.util.Locale.ROOT));
            TreeHead head0 = new TreeHead(lines[0], size, root, time, head, decimal(cadence[0]), decimal(cadence[1]), kind);
            if (!head0.text().equals(text)) {
                throw new IllegalArgumentException("not canonical");
            }
            return head0;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an Inkan checkpoint: " + e.getMessage(), e);
        }
    }

    public String rootHex() {
        return HexFormat.of().formatHex(root);
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected '" + name + " …'");
        }
        return line.substring(name.length() + 1);
    }

    private static long decimal(String value) {
        if (!value.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("not a decimal number: " + value);
        }
        return Long.parseLong(value);
    }
}
