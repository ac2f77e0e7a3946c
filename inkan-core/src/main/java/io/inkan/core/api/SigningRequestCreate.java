package io.inkan.core.api;

import java.util.List;

/**
 * Asks for approval to sign (W2): exactly these digests with this algorithm, or, for a profile with
 * release windows, a window (then {@code items} is empty and {@code algorithm} may be omitted).
 *
 * @param reason   why, shown to approvers (required)
 * @param ciRunUrl link to the CI run that asks, if any
 * @param commit   the source revision, if any
 */
public record SigningRequestCreate(String profile, String algorithm, List<Item> items, String reason,
                                   String ciRunUrl, String commit) {

    /**
     * @param artifact the artifact's file name (checked against the profile's name patterns)
     * @param digest   base64 digest, exactly as it will be signed
     * @param size     the artifact's size in bytes, if known
     */
    public record Item(String artifact, String digest, Long size) {
    }
}
