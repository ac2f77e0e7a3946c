package io.inkan.server.signing;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.KeySetView;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.KeyFingerprint;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Project;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Key sets and rotation (K7). A profile's set holds every key that was ever its current key; exactly one
 * is current ({@code signing_profiles.key_id}, so signing reads the current key without knowing about
 * sets) and signs, the others are retired: they no longer sign, but their public keys and certificates
 * stay published so that releases signed before a rotation keep verifying.
 */
@Service
public class KeySets {

    /** A member row: which key, and when it joined, last became current, last stopped being current. */
    private record Membership(long keyId, String origin, Instant addedAt, Instant currentSince, Instant retiredAt) {
    }

    private final JdbcClient jdbc;
    private final Keys keys;
    private final Profiles profiles;
    private final Clock clock;

    KeySets(JdbcClient jdbc, Keys keys, Profiles profiles, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** The first member of a new profile's set: its key, current from the start. */
    static void start(JdbcClient jdbc, SigningProfile profile) {
        jdbc.sql("INSERT INTO profile_keys (profile_id, key_id, added_at, current_since) VALUES (?, ?, ?, ?)")
                .params(profile.id(), profile.keyId(), profile.createdAt().atOffset(ZoneOffset.UTC),
                        profile.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The profile's set, current key first, then the retired ones, most recently retired first. */
    public KeySetView view(Project project, String profileName) {
        SigningProfile profile = profiles.get(project, profileName);
        List<KeySetView.Member> members = memberships(profile).stream().map(m -> member(profile, m)).toList();
        return new KeySetView(project.name(), profile.name(), profile.keyName(), members);
    }

    /**
     * The keys whose certificates verifiers should accept for this profile: every member except revoked and
     * destroyed keys, current first.
     */
    public List<SigningKey> published(Project project, String profileName) {
        SigningProfile profile = profiles.get(project, profileName);
        return memberships(profile).stream().map(m -> keys.byId(m.keyId()))
                .filter(key -> key.state() != KeyState.REVOKED && key.state() != KeyState.DESTROYED)
                .toList();
    }

    /** A rotation that happened: the profile as it is now and the key that was current before. */
    public record Rotation(SigningProfile profile, SigningKey previous, SigningKey current) {
    }

    /**
     * Makes {@code keyName} the profile's current key; the previous one is retired but stays in the set.
     * Call inside a transaction; the caller has checked that the principal is a custodian of the project.
     */
    public Rotation rotate(Project project, String profileName, String keyName) {
        SigningProfile profile = profiles.get(project, profileName);
        if (keyName == null || keyName.isBlank()) {
            throw new Refusal(Problem.KEY_REQUIRED, "Rotation needs the name of one of the project's keys");
        }
        SigningKey next = keys.get(project, keyName);
        SigningKey previous = keys.byId(profile.keyId());
        if (next.id() == previous.id()) {
            throw new Refusal(Problem.ALREADY_CURRENT,
                    "Key '" + next.name() + "' is already the current key of profile '" + profile.name() + "'");
        }
        if (next.state() != KeyState.ACTIVE) {
            throw new Refusal(Problem.KEY_NOT_ACTIVE,
                    "Key '" + next.name() + "' is " + next.state().name().toLowerCase() + " and cannot become current");
        }
        List<SignatureAlgorithm> unfit = profile.allowedAlgorithms().stream()
                .filter(algorithm -> algorithm.keyFamily() != next.algorithm().family()).toList();
        if (!unfit.isEmpty()) {
            throw new Refusal(Problem.ALGORITHM_KEY_MISMATCH,
                    "Profile '" + profile.name() + "' allows " + unfit + ", which " + next.algorithm() + " key '"
                            + next.name() + "' cannot serve; rotate to a key of the same family or create a new profile");
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        if (!profiles.moveCurrentKey(profile, previous, next)) {
            throw new Refusal(Problem.CONCURRENT_ROTATION,
                    "Profile '" + profile.name() + "' was rotated by another request meanwhile; read it and retry");
        }
        jdbc.sql("UPDATE profile_keys SET retired_at = ? WHERE profile_id = ? AND key_id = ?")
                .params(now, profile.id(), previous.id()).update();
        int rejoined = jdbc.sql("UPDATE profile_keys SET current_since = ?, retired_at = NULL WHERE profile_id = ? AND key_id = ?")
                .params(now, profile.id(), next.id()).update();
        if (rejoined == 0) {
            jdbc.sql("INSERT INTO profile_keys (profile_id, key_id, added_at, current_since) VALUES (?, ?, ?, ?)")
                    .params(profile.id(), next.id(), now, now).update();
        }
        return new Rotation(profiles.get(project, profileName), previous, next);
    }

    private List<Membership> memberships(SigningProfile profile) {
        return jdbc.sql("""
                        SELECT m.*, k.origin FROM profile_keys m JOIN signing_keys k ON k.id = m.key_id
                        WHERE m.profile_id = ?
                        ORDER BY CASE WHEN m.key_id = ? THEN 0 ELSE 1 END, m.retired_at DESC, m.added_at DESC""")
                .params(profile.id(), profile.keyId())
                .query(KeySets::membership).list();
    }

    private KeySetView.Member member(SigningProfile profile, Membership membership) {
        SigningKey key = keys.byId(membership.keyId());
        boolean current = key.id() == profile.keyId();
        return new KeySetView.Member(key.name(), current ? "CURRENT" : "RETIRED", key.algorithm().name(),
                key.state().name(), membership.origin(), KeyFingerprint.hex(key.publicKey()),
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()), Keys.chain(key),
                membership.addedAt(), membership.currentSince(), current ? null : membership.retiredAt());
    }

    private static Membership membership(ResultSet rs, int row) throws SQLException {
        return new Membership(rs.getLong("key_id"), rs.getString("origin"), instant(rs, "added_at"),
                instant(rs, "current_since"), instant(rs, "retired_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
