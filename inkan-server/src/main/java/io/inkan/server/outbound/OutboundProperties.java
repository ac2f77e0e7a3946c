package io.inkan.server.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Where the server may connect on behalf of its users (webhooks, external time-stamping authorities).
 *
 * @param allowedNetworks networks in CIDR notation (e.g. {@code 10.20.0.0/16}, {@code 127.0.0.1/32},
 *                        {@code fd00::/8}) that are reachable although they are not public; empty (the
 *                        default): only public addresses
 */
@ConfigurationProperties("inkan.outbound")
public record OutboundProperties(List<String> allowedNetworks) {

    public OutboundProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    }
}
