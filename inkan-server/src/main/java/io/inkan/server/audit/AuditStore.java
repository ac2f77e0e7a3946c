package io.inkan.server.audit;

import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

/** Reads the trail: pages for search, and an ordered stream for verification, export and reports. */
@Component
class AuditStore {

    private static final String COLUMNS =
            "seq, occurred_at, principal, source, action, outcome, project, detail, data, prev_hash, hash";
    private static final int FETCH_SIZE = 2000;

    static final RowMapper<AuditEntry> ENTRY = (rs, row) -> new AuditEntry(rs.getLong("seq"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant().toString(), rs.getString("principal"),
            rs.getString("source"), rs.getString("action"), rs.getString("outcome"), rs.getString("project"),
            rs.getString("detail"), rs.getString("data"), rs.getString("prev_hash"), rs.getString("hash"));

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final boolean h2;

    AuditStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(template.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.h2 = Databases.isH2(streaming);
    }

    List<AuditEntry> recent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_records ORDER BY seq DESC FETCH FIRST "
                + Math.max(1, limit) + " ROWS ONLY").query(ENTRY).list();
    }

    /** Newest first; {@code size} records from {@code page * size}. */
    AuditPage search(AuditQuery query, int page, int size) {
        AuditQuery.Where where = query.where();
        List<AuditEntry> rows = jdbc.sql("SELECT " + COLUMNS + " FROM audit_records " + where.sql()
                        + " ORDER BY seq DESC OFFSET " + ((long) page * size) + " ROWS FETCH NEXT " + (size + 1) + " ROWS ONLY")
                .params(where.params())
                .query(ENTRY)
                .list();
        boolean more = rows.size() > size;
        return new AuditPage(more ? rows.subList(0, size) : rows, page, size, more);
    }

    /**
     * Streams the matching records in ascending {@code seq} without loading them all; call inside a
     * transaction, so PostgreSQL uses a cursor and H2's lazy mode stays on this one connection.
     */
    void forEach(AuditQuery query, Consumer<AuditEntry> consumer) {
        AuditQuery.Where where = query.where();
        stream(where.sql(), where.params().toArray(), consumer);
    }

    /** Every record up to {@code lastSeq} in ascending order, streamed like {@link #forEach}. */
    void forEachUpTo(long lastSeq, Consumer<AuditEntry> consumer) {
        stream("WHERE seq <= ?", new Object[]{lastSeq}, consumer);
    }

    /** The highest {@code seq} stored, 0 for an empty trail; read outside any snapshot. */
    long highestSeq() {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM audit_records").query(Long.class).single();
    }

    private void stream(String where, Object[] params, Consumer<AuditEntry> consumer) {
        // H2 otherwise materializes the whole result (on disk, for large trails) before the first row.
        if (h2) {
            streaming.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        try {
            streaming.query("SELECT " + COLUMNS + " FROM audit_records " + where + " ORDER BY seq",
                    (RowCallbackHandler) rs -> consumer.accept(ENTRY.mapRow(rs, 0)), params);
        } finally {
            if (h2) {
                streaming.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
    }
}
