package io.inkan.server.signing;

import java.util.Map;

/** The round trips on the embedded software token. */
class SoftwareTokenRoundTripTest extends HashSigningRoundTripContract {

    @Override
    String tokenName() {
        return "software";
    }

    @Override
    Map<String, String> tokenProperties() {
        return Map.of();
    }
}
