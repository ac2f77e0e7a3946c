package io.inkan.client;

import java.net.URI;

/** RFC 3161 time-stamps, through a profile's configured authority or the server's public one. */
public interface TimestampsClient {

    /**
     * Sends a DER RFC 3161 {@code TimeStampReq} to the profile's time-stamping authority through the server
     * (which answers itself or relays to the external authority) and returns the DER {@code TimeStampResp}.
     */
    byte[] timestamp(String project, String profile, byte[] query);

    /** The server's public built-in time-stamping authority, {@code <server>/tsa}. */
    URI tsaUrl();

    /** Sends a DER {@code TimeStampReq} to {@link #tsaUrl()} over this client's trusted connection. */
    byte[] serverTimestamp(byte[] query);
}
