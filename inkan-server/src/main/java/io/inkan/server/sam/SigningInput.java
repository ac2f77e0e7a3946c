package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;

/**
 * The one length check of what a client asks to have signed (decision 018): a digest of exactly the
 * algorithm's digest length for pre-hashed algorithms, 1 to {@value SignatureAlgorithm#MAX_PURE_INPUT}
 * bytes of data for pure Ed25519. Hash signing, signing requests and SAD issuance each had their own copy.
 */
public final class SigningInput {

    private SigningInput() {
    }

    /**
     * {@code value} when its length fits {@code algorithm}.
     *
     * @param field names the value in the refusal, e.g. {@code items[2].digest}
     * @throws Refusal {@code digest-length} or {@code data-length}, 400
     */
    public static byte[] require(SignatureAlgorithm algorithm, byte[] value, String field) {
        if (algorithm.isPrehashed()) {
            if (value.length != algorithm.digest().length()) {
                throw new Refusal(Problem.DIGEST_LENGTH, field + " has " + value.length
                        + " bytes; " + algorithm.digest().jcaName() + " digests have " + algorithm.digest().length());
            }
        } else if (value.length == 0 || value.length > SignatureAlgorithm.MAX_PURE_INPUT) {
            throw new Refusal(Problem.DATA_LENGTH, field + " has " + value.length
                    + " bytes; pure " + algorithm + " signs 1 to " + SignatureAlgorithm.MAX_PURE_INPUT);
        }
        return value;
    }
}
