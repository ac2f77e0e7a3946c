package io.inkan.server.sam;

/**
 * Where a SAD stands ({@code signature_activations.state}, stored by name): only an ISSUED SAD signs; a
 * request that renews it claims it (RENEWING), so every other request is refused from then on; it ends
 * CONSUMED (used up or renewed) or REVOKED (replaced, unused, by a new handle for the same digests,
 * {@link SignatureActivation#reissue}).
 */
enum SadState {
    ISSUED,
    RENEWING,
    CONSUMED,
    REVOKED
}
