package io.inkan.client.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A note in the C2SP {@code signed-note} format: UTF-8 text ending in a newline, a blank line, then one
 * line {@code — <key name> <base64(key ID || signature)>} per signature. Checkpoints, promises of inclusion
 * and receipt-key statements all travel in it, so one parser and one {@link NoteKey} verify them all and
 * tools that know the transparency-log ecosystem read them unchanged. Parsing is strict: anything that is
 * not exactly a signed note is refused, never repaired.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    private static final String DASH = "\u2014 ";
    private static final int MAX_LENGTH = 64 * 1024;
    private static final int MAX_SIGNATURES = 16;

    /** One signature line: the key's name, its 32-bit ID and the signature bytes. */
    public record NoteSignature(String keyName, int keyId, byte[] signature) {

        String line() {
            byte[] blob = new byte[4 + signature.length];
            blob[0] = (byte) (keyId >>> 24);
            blob[1] = (byte) (keyId >>> 16);
            blob[2] = (byte) (keyId >>> 8);
            blob[3] = (byte) keyId;
            System.arraycopy(signature, 0, blob, 4, signature.length);
            return DASH + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }
    }

    public SignedNote {
        signatures = List.copyOf(signatures);
    }

    /** The note's text signed by {@code key} with {@code signer}'s bytes. */
    public static SignedNote sign(String text, NoteKey key, byte[] signature) {
        return new SignedNote(text, List.of(new NoteSignature(key.name(), key.id(), signature)));
    }

    public byte[] textBytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The note as it is stored and sent. */
    public String format() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(signature -> note.append(signature.line()));
        return note.toString();
    }

    /** Parses a note, refusing anything that is not exactly in the format. */
    public static SignedNote parse(String note) {
        if (note == null || note.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not a signed note: missing or longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n' || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(note, i)) {
                throw new IllegalArgumentException("not a signed note: control character at offset " + i);
            }
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("not a signed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : note.substring(split + 2).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            signatures.add(signatureLine(line));
        }
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("not a signed note: it needs 1 to " + MAX_SIGNATURES + " signature lines");
        }
        return new SignedNote(text, signatures);
    }

    private static NoteSignature signatureLine(String line) {
        if (!line.startsWith(DASH)) {
            throw new IllegalArgumentException("not a signed note: a signature line must start with an em dash and a space");
        }
        String[] parts = line.substring(DASH.length()).split(" ", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[0].contains("+")) {
            throw new IllegalArgumentException("not a signed note: a signature line is '— <key name> <base64>'");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a signed note: the signature is not base64");
        }
        if (blob.length < 5) {
            throw new IllegalArgumentException("not a signed note: the signature is too short");
        }
        int id = (blob[0] & 0xff) << 24 | (blob[1] & 0xff) << 16 | (blob[2] & 0xff) << 8 | blob[3] & 0xff;
        byte[] signature = new byte[blob.length - 4];
        System.arraycopy(blob, 4, signature, 0, signature.length);
        return new NoteSignature(parts[0], id, signature);
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
