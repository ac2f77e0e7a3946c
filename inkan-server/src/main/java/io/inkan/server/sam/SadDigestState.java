package io.inkan.server.sam;

/**
 * Where one value a SAD authorizes stands ({@code sad_digests.state}, stored by name): AUTHORIZED until a
 * request reserves it, RESERVED while the token signs it, then CONSUMED (signed), or RENEWED (moved to the
 * SAD's successor); a failed signature gives a reservation back.
 */
enum SadDigestState {
    AUTHORIZED,
    RESERVED,
    CONSUMED,
    RENEWED
}
