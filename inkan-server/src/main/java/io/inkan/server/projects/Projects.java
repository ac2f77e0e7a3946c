package io.inkan.server.projects;

import io.inkan.server.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Creates and finds projects. Authorization is the caller's job (see {@code Access}). */
@Service
public class Projects {

    private final JdbcClient jdbc;

    public Projects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Project create(String name, String description) {
        Names.require("Project", name);
        if (description != null && description.length() > 512) {
            throw ApiProblem.badRequest("invalid-description", "Invalid description", "description is limited to 512 characters");
        }
        if (find(name).isPresent()) {
            throw ApiProblem.conflict("already-exists", "Already exists", "Project '" + name + "' already exists");
        }
        Instant now = Instant.now();
        jdbc.sql("INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?)")
                .params(name, description, now.atOffset(ZoneOffset.UTC)).update();
        return get(name);
    }

    /** The project of that name, or a 404 problem. */
    public Project get(String name) {
        return find(name).orElseThrow(() -> ApiProblem.notFound("Project", name));
    }

    public Optional<Project> find(String name) {
        return jdbc.sql("SELECT * FROM projects WHERE name = ?").param(name).query(Projects::map).optional();
    }

    public List<Project> list() {
        return jdbc.sql("SELECT * FROM projects ORDER BY name").query(Projects::map).list();
    }

    private static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
