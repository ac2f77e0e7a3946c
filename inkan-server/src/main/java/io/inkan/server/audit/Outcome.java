package io.inkan.server.audit;

/** How a recorded action ended. */
public enum Outcome {
    /** Done as asked. */
    SUCCESS,
    /** Refused: missing or wrong credentials, or not allowed for this principal. */
    DENIED,
    /** Refused: the request itself was invalid. */
    REJECTED,
    /** Failed on the server's side. */
    FAILED
}
