package io.inkan.server.signing;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.audit.ConfigurationGeneration;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Creates and finds signing profiles; checks that allowed algorithms fit the profile's key. */
@Service
public class Profiles {

    private static final String SELECT = """
            SELECT s.*, p.name AS project, k.name AS key_name
            FROM signing_profiles s JOIN projects p ON p.id = s.project_id JOIN signing_keys k ON k.id = s.key_id
            """;

    private final JdbcClient jdbc;
    private final Keys keys;
    /** Profiles by project id and name, cached under the configuration generation (decision 013). */
    private final ConfigurationGeneration.Cache<String, SigningProfile> byName;

    Profiles(JdbcClient jdbc, Keys keys, ConfigurationGeneration generation) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.byName = generation.cache(10_000);
    }

    /** Call inside a transaction. An empty algorithm list allows all that the key's family supports. */
    public SigningProfile create(Project project, String name, String keyName, List<String> algorithms) {
        Names.require("Profile", name);
        if (keyName == null) {
            throw ApiProblem.badRequest("key-required", "Key required", "A profile needs the name of one of the project's keys");
        }
        SigningKey key = keys.get(project, keyName);
        List<SignatureAlgorithm> allowed = allowedFor(key, algorithms);
        if (find(project, name).isPresent()) {
            throw ApiProblem.conflict("already-exists", "Already exists",
                    "Profile '" + name + "' already exists in project '" + project.name() + "'");
        }
        jdbc.sql("""
                        INSERT INTO signing_profiles (project_id, name, key_id, allowed_algorithms, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(project.id(), name, key.id(), String.join(",", allowed.stream().map(Enum::name).toList()),
                        Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        return get(project, name);
    }

    public SigningProfile get(Project project, String name) {
        return find(project, name).orElseThrow(() -> ApiProblem.notFound("Profile", name));
    }

    public List<SigningProfile> list(Project project) {
        return jdbc.sql(SELECT + " WHERE s.project_id = ? ORDER BY s.name").param(project.id())
                .query(Profiles::map).list();
    }

    private java.util.Optional<SigningProfile> find(Project project, String name) {
        return java.util.Optional.ofNullable(byName.get(project.id() + "/" + name, key -> jdbc.sql(
                SELECT + " WHERE s.project_id = ? AND s.name = ?").params(project.id(), name)
                .query(Profiles::map).optional().orElse(null)));
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
            SignatureAlgorithm algorithm = HashSigning.parseAlgorithm(name);
            if (!compatible.contains(algorithm)) {
                throw ApiProblem.badRequest("algorithm-key-mismatch", "Algorithm does not fit the key",
                        algorithm + " cannot be used with " + key.algorithm() + " key '" + key.name() + "'");
            }
            allowed.add(algorithm);
        }
        return List.copyOf(allowed);
    }

    private static SigningProfile map(ResultSet rs, int row) throws SQLException {
        List<SignatureAlgorithm> allowed = Arrays.stream(rs.getString("allowed_algorithms").split(","))
                .map(SignatureAlgorithm::valueOf).toList();
        return new SigningProfile(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project"),
                rs.getString("name"), rs.getLong("key_id"), rs.getString("key_name"), allowed,
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
