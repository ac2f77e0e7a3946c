package io.inkan.server.sam;

import io.inkan.core.api.KeyStateRequest;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.Role;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Projects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Authenticated, replay-resistant key state requests (K6, M6): only a key custodian of the key's project
 * may stop the use of, revoke or destroy a key; each request carries a fresh nonce, accepted once on any
 * node (a unique index), and a timestamp close to the server's clock, so a captured request can neither
 * be replayed later nor kept for later use. The accepted request, its nonce and the new state are recorded
 * in the same transaction.
 */
@Service
class KeyStateRequests {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final int MAX_REASON = 500;

    private final Projects projects;
    private final Keys keys;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Duration maxSkew;
    private final Clock clock;

    KeyStateRequests(Projects projects, Keys keys, JdbcClient jdbc, AuditLog audit, SamProperties properties,
            Clock clock) {
        this.projects = projects;
        this.keys = keys;
        this.jdbc = jdbc;
        this.audit = audit;
        this.maxSkew = properties.requestMaxSkew();
        this.clock = clock;
    }

    /** Call inside a transaction; records {@code action} on success. */
    SigningKey apply(String project, String keyName, KeyState target, AuditAction action, KeyStateRequest request) {
        InkanPrincipal principal = Access.requireRole(project, Role.CUSTODIAN);
        checkFreshness(request);
        SigningKey key = keys.get(projects.get(project), keyName);
        try {
            jdbc.sql("""
                            INSERT INTO key_state_requests (nonce, key_id, principal_id, target_state, requested_at, received_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(request.nonce(), key.id(), principal.id(), target.name(),
                            request.timestamp().atOffset(ZoneOffset.UTC), clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException replay) {
            throw new Refusal(Problem.REPLAYED_REQUEST,
                    "This request's nonce was already used; every key state request needs a fresh nonce");
        }
        KeyState before = key.state();
        SigningKey changed = keys.changeState(key, target);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key", key.name());
        data.put("keyHandle", key.handle());
        data.put("token", key.tokenName());
        data.put("from", before.name());
        data.put("to", target.name());
        data.put("nonce", request.nonce());
        data.put("requestedAt", request.timestamp().toString());
        if (request.reason() != null) {
            data.put("reason", request.reason());
        }
        audit.record(action, Outcome.SUCCESS, project, "key '" + key.name() + "' (" + key.handle() + ") "
                + before.name().toLowerCase() + " -> " + target.name().toLowerCase()
                + (target == KeyState.DESTROYED ? ", removed from token '" + key.tokenName() + "'" : "")
                + (request.reason() == null ? "" : ": " + request.reason()), data);
        return changed;
    }

    private void checkFreshness(KeyStateRequest request) {
        if (request.nonce() == null || !NONCE.matcher(request.nonce()).matches()) {
            throw new Refusal(Problem.INVALID_NONCE,
                    "nonce must be 16 to 64 characters of A-Z, a-z, 0-9, '-' and '_', fresh for every request");
        }
        if (request.timestamp() == null) {
            throw new Refusal(Problem.STALE_REQUEST, "timestamp is required");
        }
        Duration skew = Duration.between(request.timestamp(), clock.instant()).abs();
        if (skew.compareTo(maxSkew) > 0) {
            throw new Refusal(Problem.STALE_REQUEST, "timestamp " + request.timestamp()
                    + " is more than " + maxSkew.toSeconds() + " s from the server's clock");
        }
        if (request.reason() != null && request.reason().length() > MAX_REASON) {
            throw new Refusal(Problem.INVALID_REASON, "reason has at most " + MAX_REASON + " characters");
        }
    }
}
