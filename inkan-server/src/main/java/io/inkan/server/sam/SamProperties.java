package io.inkan.server.sam;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the Signature Activation Module under {@code inkan.sam.*}.
 *
 * @param sadTtl         how long a SAD stays valid when its issuer asks for no other lifetime (default 5 minutes)
 * @param maxSadTtl      the longest lifetime any SAD may have (default 1 day, for approved requests)
 * @param maxSadDigests  most digests one SAD authorizes (default 10000)
 * @param requestMaxSkew how far a key stop-use or destruction request's timestamp may be from the
 *                       server's clock (default 5 minutes)
 */
@ConfigurationProperties(prefix = "inkan.sam")
public record SamProperties(Duration sadTtl, Duration maxSadTtl, int maxSadDigests, Duration requestMaxSkew) {

    public SamProperties {
        sadTtl = sadTtl == null ? Duration.ofMinutes(5) : sadTtl;
        maxSadTtl = maxSadTtl == null ? Duration.ofDays(1) : maxSadTtl;
        maxSadDigests = maxSadDigests <= 0 ? 10_000 : maxSadDigests;
        requestMaxSkew = requestMaxSkew == null ? Duration.ofMinutes(5) : requestMaxSkew;
    }
}
