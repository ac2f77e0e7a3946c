package io.inkan.server.projects;

import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Creates and finds projects. Authorization is the caller's job (see {@code Access}). Every API call
 * under a project looks it up by name, so found projects are cached under the configuration generation
 * (decision 013).
 */
@Service
public class Projects {

    private static final int CACHED_PROJECTS = 10_000;

    private final JdbcClient jdbc;
    private final ConfigurationGeneration.Cache<String, Project> byName;
    private final Clock clock;

    public Projects(JdbcClient jdbc, ConfigurationGeneration generation, Clock clock) {
        this.jdbc = jdbc;
        this.byName = generation.cache(CACHED_PROJECTS);
        this.clock = clock;
    }

    public Project create(String name, String description) {
        Names.require("Project", name);
        if (description != null && description.length() > 512) {
            throw new Refusal(Problem.INVALID_DESCRIPTION, "description is limited to 512 characters");
        }
        if (find(name).isPresent()) {
            throw new Refusal(Problem.ALREADY_EXISTS, "Project '" + name + "' already exists");
        }
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?)")
                .params(name, description, now.atOffset(ZoneOffset.UTC)).update();
        return get(name);
    }

    /** The project of that name, or a 404 problem. */
    public Project get(String name) {
        return find(name).orElseThrow(() -> Refusal.notFound("Project", name));
    }

    public Optional<Project> find(String name) {
        return Optional.ofNullable(byName.get(name, key -> jdbc.sql("SELECT * FROM projects WHERE name = ?")
                .param(key).query(Projects::map).optional().orElse(null)));
    }

    public List<Project> list() {
        return jdbc.sql("SELECT * FROM projects ORDER BY name").query(Projects::map).list();
    }

    private static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
