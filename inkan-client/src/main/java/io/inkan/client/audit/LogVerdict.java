package io.inkan.client.audit;

/**
 * What checking the live log against evidence kept outside it (a saved checkpoint, a receipt) found.
 * Three outcomes, because "could not check yet" must never read as "intact", nor as "tampered".
 *
 * @param finding what is wrong, or {@code null} when intact
 * @param record  the record the finding is about, when one can be named
 * @param message a sentence for people
 */
public record LogVerdict(Outcome outcome, Finding finding, Long record, String message) {

    /** The three answers a script acts on. */
    public enum Outcome {
        /** The evidence holds: the log only grew, or the record is (still) in it. */
        INTACT,
        /** The log contradicts the evidence. */
        TAMPERED,
        /** Neither could be shown: no checkpoint covers the record yet, or the log is another one. */
        UNVERIFIED
    }

    /** What exactly a check found. */
    public enum Finding {
        /** A checkpoint or receipt whose signature is bad, or whose key is not a known audit key. */
        FORGED,
        /** The log is shorter than a checkpoint or receipt shows it was. */
        TRUNCATED,
        /** The log is not an extension of a saved checkpoint, or a record's hash changed. */
        REWRITTEN,
        /** A record the evidence names is gone. */
        DELETED,
        /** The checkpoint the evidence names is gone from the server. */
        DELETED_CHECKPOINT,
        /** No checkpoint covers the record yet; try again later. */
        NOT_YET_CHECKPOINTED,
        /** The evidence is of another log than the server keeps. */
        OTHER_LOG
    }

    static LogVerdict intact(String message) {
        return new LogVerdict(Outcome.INTACT, null, null, message);
    }

    static LogVerdict tampered(Finding finding, Long record, String message) {
        return new LogVerdict(Outcome.TAMPERED, finding, record, message);
    }

    static LogVerdict unverified(Finding finding, Long record, String message) {
        return new LogVerdict(Outcome.UNVERIFIED, finding, record, message);
    }

    public boolean intact() {
        return outcome == Outcome.INTACT;
    }
}
