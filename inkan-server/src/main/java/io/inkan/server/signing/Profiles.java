package io.inkan.server.signing;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.ca.Authorities;
import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.infra.seal.ConfigurationSeal;
import io.inkan.server.infra.seal.SealedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates and finds signing profiles; checks that allowed algorithms fit the profile's key. Every row is
 * sealed when written and its seal verified when read (M7), so a profile changed in the database behind
 * the service's back (another key, more algorithms, a lower authorization level) is refused.
 */
@Service
public class Profiles implements SealedTable {

    private static final String SELECT = """
            SELECT s.*, p.name AS project, k.name AS key_name
            FROM signing_profiles s JOIN projects p ON p.id = s.project_id JOIN signing_keys k ON k.id = s.key_id
            """;

    private static final String TABLE = "signing_profiles";

    private final JdbcClient jdbc;
    private final Keys keys;
    private final Authorities authorities;
    private final ConfigurationSeal seal;
    /** Profiles by project id and name, cached under the configuration generation (decision 013). */
    private final ConfigurationGeneration.Cache<String, SigningProfile> byName;
    private final Clock clock;

    Profiles(JdbcClient jdbc, Keys keys, Authorities authorities, ConfigurationSeal seal,
             ConfigurationGeneration generation, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.authorities = authorities;
        this.seal = seal;
        this.byName = generation.cache(10_000);
        this.clock = clock;
    }

    /** A level-1 profile; see {@link #create(Project, String, String, List, Integer)}. */
    public SigningProfile create(Project project, String name, String keyName, List<String> algorithms) {
        return create(project, name, keyName, algorithms, null);
    }

    /**
     * Call inside a transaction. An empty algorithm list allows all that the key's family supports; a
     * {@code null} level means 1.
     */
    public SigningProfile create(Project project, String name, String keyName, List<String> algorithms,
                                 Integer authorizationLevel) {
        Names.require("Profile", name);
        if (keyName == null) {
            throw new Refusal(Problem.KEY_REQUIRED, "A profile needs the name of one of the project's keys");
        }
        SigningKey key = keys.get(project, keyName);
        requireNoAuthority(key);
        List<SignatureAlgorithm> allowed = allowedFor(key, algorithms);
        int level = authorizationLevel == null ? 1 : authorizationLevel;
        if (level != 1 && level != 2) {
            throw new Refusal(Problem.INVALID_LEVEL,
                    "authorizationLevel must be 1 (login) or 2 (second factor separate from login)");
        }
        if (find(project, name).isPresent()) {
            throw new Refusal(Problem.ALREADY_EXISTS,
                    "Profile '" + name + "' already exists in project '" + project.name() + "'");
        }
        String algorithmList = String.join(",", allowed.stream().map(Enum::name).toList());
        jdbc.sql("""
                        INSERT INTO signing_profiles (project_id, name, key_id, allowed_algorithms, created_at,
                                                      authorization_level, seal)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(project.id(), name, key.id(), algorithmList, clock.instant().atOffset(ZoneOffset.UTC), level,
                        seal.seal(TABLE, sealed(project.id(), name, key.id(), algorithmList, level)))
                .update();
        SigningProfile created = get(project, name);
        KeySets.start(jdbc, created);
        return created;
    }

    /**
     * Makes {@code next} the profile's signing key if {@code previous} still is (call inside a
     * transaction), re-sealing the row; false when another request moved it first.
     */
    boolean moveCurrentKey(SigningProfile profile, SigningKey previous, SigningKey next) {
        requireNoAuthority(next);
        String algorithmList = String.join(",", profile.allowedAlgorithms().stream().map(Enum::name).toList());
        return jdbc.sql("UPDATE signing_profiles SET key_id = ?, seal = ? WHERE id = ? AND key_id = ?")
                .params(next.id(), seal.seal(TABLE, sealed(profile.projectId(), profile.name(), next.id(), algorithmList,
                        profile.authorizationLevel())), profile.id(), previous.id())
                .update() == 1;
    }

    private void requireNoAuthority(SigningKey key) {
        if (authorities.isAuthorityKey(key)) {
            throw new Refusal(Problem.CA_KEY_IN_USE,
                    "Key '" + key.name() + "' serves a certificate authority; CA keys sign certificates and CRLs only");
        }
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public int adoptUnsealed() {
        record Unsealed(long id, long projectId, String name, long keyId, String algorithms, int level) {
        }
        List<Unsealed> rows = jdbc.sql("SELECT * FROM signing_profiles WHERE seal IS NULL")
                .query((rs, row) -> new Unsealed(rs.getLong("id"), rs.getLong("project_id"), rs.getString("name"),
                        rs.getLong("key_id"), rs.getString("allowed_algorithms"), rs.getInt("authorization_level")))
                .list();
        rows.forEach(row -> jdbc.sql("UPDATE signing_profiles SET seal = ? WHERE id = ?")
                .params(seal.seal(TABLE, sealed(row.projectId(), row.name(), row.keyId(), row.algorithms(), row.level())),
                        row.id())
                .update());
        return rows.size();
    }

    /** What a profile's seal covers: everything that decides what it lets sign, and how. */
    private static List<Object> sealed(long projectId, String name, long keyId, String algorithms, int level) {
        return List.of(projectId, name, keyId, algorithms, level);
    }

    public SigningProfile get(Project project, String name) {
        return find(project, name).orElseThrow(() -> Refusal.notFound("Profile", name));
    }

    public List<SigningProfile> list(Project project) {
        return jdbc.sql(SELECT + " WHERE s.project_id = ? ORDER BY s.name").param(project.id())
                .query(this::map).list();
    }

    private java.util.Optional<SigningProfile> find(Project project, String name) {
        return java.util.Optional.ofNullable(byName.get(project.id() + "/" + name, key -> jdbc.sql(
                SELECT + " WHERE s.project_id = ? AND s.name = ?").params(project.id(), name)
                .query(this::map).optional().orElse(null)));
    }

    private static List<SignatureAlgorithm> allowedFor(SigningKey key, List<String> requested) {
        List<SignatureAlgorithm> compatible = Arrays.stream(SignatureAlgorithm.values())
                .filter(algorithm -> algorithm.keyFamily() == key.algorithm().family())
                .toList();
        if (requested == null || requested.isEmpty()) {
            return compatible;
        }
        Set<SignatureAlgorithm> allowed = new LinkedHashSet<>();
        for (String name : requested) {
            SignatureAlgorithm algorithm = SigningProfile.parseAlgorithm(name);
            if (!compatible.contains(algorithm)) {
                throw new Refusal(Problem.ALGORITHM_KEY_MISMATCH,
                        algorithm + " cannot be used with " + key.algorithm() + " key '" + key.name() + "'");
            }
            allowed.add(algorithm);
        }
        return List.copyOf(allowed);
    }

    private SigningProfile map(ResultSet rs, int row) throws SQLException {
        String algorithms = rs.getString("allowed_algorithms");
        int level = rs.getInt("authorization_level");
        seal.verify(TABLE, "profile '" + rs.getString("name") + "' of project '" + rs.getString("project") + "'",
                rs.getBytes("seal"), sealed(rs.getLong("project_id"), rs.getString("name"), rs.getLong("key_id"),
                        algorithms, level));
        List<SignatureAlgorithm> allowed = Arrays.stream(algorithms.split(","))
                .map(SignatureAlgorithm::valueOf).toList();
        return new SigningProfile(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project"),
                rs.getString("name"), rs.getLong("key_id"), rs.getString("key_name"), allowed,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), level);
    }
}
