package io.inkan.server.tsa;

import io.inkan.core.api.TimestampingView;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.outbound.OutboundAddresses;
import io.inkan.server.signing.SigningProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Which time-stamping authority a signing profile uses (S3, S5): none, the built-in one, or an external
 * URL the server relays to. Stored beside the profile, set by the project's key custodians.
 */
@Service
class ProfileTimestamping {

    /** Which time-stamping authority a profile uses: none, the built-in one, or an external one it relays to. */
    enum TimestampSource {
        NONE, BUILTIN, EXTERNAL;

        String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A profile's setting: {@code url} only for {@link TimestampSource#EXTERNAL}. */
    record Setting(TimestampSource authority, URI url, Instant updatedAt) {

        TimestampingView view(SigningProfile profile) {
            return new TimestampingView(profile.project(), profile.name(), authority.apiName(),
                    url == null ? null : url.toString(), updatedAt);
        }
    }

    private static final int MAX_URL_LENGTH = 2048;

    private final JdbcClient jdbc;
    private final OutboundAddresses outbound;
    private final Clock clock;

    ProfileTimestamping(JdbcClient jdbc, OutboundAddresses outbound, Clock clock) {
        this.jdbc = jdbc;
        this.outbound = outbound;
        this.clock = clock;
    }

    Setting get(SigningProfile profile) {
        return jdbc.sql("SELECT authority, url, updated_at FROM profile_timestamping WHERE profile_id = ?")
                .param(profile.id())
                .query((rs, row) -> new Setting(TimestampSource.valueOf(rs.getString("authority")),
                        Optional.ofNullable(rs.getString("url")).map(URI::create).orElse(null),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .optional().orElse(new Setting(TimestampSource.NONE, null, null));
    }

    /** Checks and stores a new setting; call inside the transaction that records it. */
    Setting set(SigningProfile profile, String authorityName, String url) {
        TimestampSource authority = parse(authorityName);
        URI uri = authority == TimestampSource.EXTERNAL ? externalUrl(url) : null;
        if (authority != TimestampSource.EXTERNAL && url != null) {
            throw new Refusal(Problem.INVALID_TSA_URL,
                    "A URL is given only with authority 'external'");
        }
        Instant now = clock.instant();
        int updated = jdbc.sql("UPDATE profile_timestamping SET authority = ?, url = ?, updated_at = ? WHERE profile_id = ?")
                .params(authority.name(), uri == null ? null : uri.toString(), now.atOffset(ZoneOffset.UTC), profile.id())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO profile_timestamping (profile_id, authority, url, updated_at) VALUES (?, ?, ?, ?)")
                    .params(profile.id(), authority.name(), uri == null ? null : uri.toString(),
                            now.atOffset(ZoneOffset.UTC))
                    .update();
        }
        return get(profile);
    }

    private static TimestampSource parse(String name) {
        if (name == null) {
            throw new Refusal(Problem.INVALID_TSA_AUTHORITY,
                    "Field 'authority' is required: builtin, external or none");
        }
        for (TimestampSource authority : TimestampSource.values()) {
            if (authority.apiName().equals(name)) { // exactly as spelled, like every enum name of the API
                return authority;
            }
        }
        throw new Refusal(Problem.INVALID_TSA_AUTHORITY,
                "Unknown authority: use builtin, external or none");
    }

    /** An absolute http(s) URL without credentials (they would be shown to every project member). */
    private URI externalUrl(String url) {
        if (url == null || url.isBlank()) {
            throw invalidUrl("Authority 'external' needs a URL");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw invalidUrl("The URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalidUrl("The URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalidUrl("The URL must be an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalidUrl("The URL must not carry credentials or a fragment");
        }
        String refusal = outbound.refusal(uri);
        if (refusal != null) {
            throw new Refusal(Problem.ADDRESS_NOT_ALLOWED, "url: " + refusal);
        }
        return uri;
    }

    private static Refusal invalidUrl(String detail) {
        return new Refusal(Problem.INVALID_TSA_URL, detail);
    }
}
