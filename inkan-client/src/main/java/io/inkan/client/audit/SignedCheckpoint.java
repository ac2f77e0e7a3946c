package io.inkan.client.audit;

import java.util.Collection;

/**
 * A checkpoint note read and its signature checked against the audit keys, the first step of every
 * check against a saved checkpoint or the server's latest one. Reading and verifying are separate steps
 * so a caller can tell "this is not a checkpoint" (bad input) from "this checkpoint is forged".
 */
record SignedCheckpoint(SignedNote note, TreeHead head) {

    /** @throws IllegalArgumentException if {@code text} is not a checkpoint note */
    static SignedCheckpoint read(String text) {
        SignedNote note = SignedNote.parse(text);
        return new SignedCheckpoint(note, TreeHead.parse(note.text()));
    }

    /** {@code null} when one of {@code keys} (named after this checkpoint's log) signed it, else why not. */
    String forgery(Collection<NoteKey> keys, String which) {
        for (NoteKey key : keys) {
            if (key.name().equals(head.origin()) && key.verifies(note)) {
                return null;
            }
        }
        StringBuilder signers = new StringBuilder();
        for (SignedNote.NoteSignature signature : note.signatures()) {
            boolean known = keys.stream().anyMatch(k -> k.name().equals(signature.keyName()) && k.id() == signature.keyId());
            signers.append(signers.length() == 0 ? "" : ", ").append(String.format("%08x", signature.keyId()))
                    .append(known ? " (bad signature)" : " (not a known audit key)");
        }
        return which + " (size " + head.size() + ") is not validly signed by an audit key of " + head.origin()
                + ": signed by " + signers;
    }
}
