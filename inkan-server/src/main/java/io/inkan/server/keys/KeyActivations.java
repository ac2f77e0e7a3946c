package io.inkan.server.keys;

import io.inkan.core.api.ActivationPolicyRequest;
import io.inkan.core.api.ActivationView;
import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.Principals;
import io.inkan.server.identity.SeparationOfDuties;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * M-of-N key activation (K8). A key with an activation policy is usable only inside an activation: N of
 * its M named custodians approve, each once (separation of duties: N distinct people), and the key then
 * works for a limited time and number of uses. The root CA is kept this way, so every certificate it
 * signs takes a ceremony; any other key can be, too.
 *
 * <p>A policy is set once and can be neither lowered nor removed: otherwise a single custodian could undo
 * what N of them are there to guarantee.
 */
@Service
public class KeyActivations {

    static final int MAX_CUSTODIANS = 16;
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final int CACHED_REQUIREMENTS = 10_000;

    private final JdbcClient jdbc;
    private final Principals principals;

    /**
     * Whether a key has an activation policy, cached under the configuration generation for the signing
     * path (setting a policy is an audited configuration change, so every node reloads it).
     */
    private final ConfigurationGeneration.Cache<Long, Optional<Policy>> requirements;
    private final Clock clock;

    KeyActivations(JdbcClient jdbc, Principals principals, ConfigurationGeneration generation, Clock clock) {
        this.jdbc = jdbc;
        this.principals = principals;
        this.requirements = generation.cache(CACHED_REQUIREMENTS);
        this.clock = clock;
    }

    /**
     * Refuses the use of {@code key} unless it needs no activation or an activation of it is open; an open
     * activation loses one use. Inside the transaction of the use (a SAD's issue), a rollback gives the use
     * back. Outside any transaction (a request signed without SAD) the use is spent at once, before the
     * token signs, and a request that fails later does not get it back: no failure yields more signatures
     * than the custodians allowed, and no row stays locked while the token works.
     *
     * @throws Refusal 409 {@code key-not-activated}
     */
    public void requireActivated(SigningKey key) {
        if (requirements.get(key.id(), this::policy).isEmpty()) {
            return;
        }
        int used = jdbc.sql("""
                        UPDATE key_activations SET uses_left = uses_left - 1
                        WHERE key_id = ? AND activated_at IS NOT NULL AND expires_at > ? AND uses_left > 0""")
                .params(key.id(), now()).update();
        if (used == 0) {
            throw new Refusal(Problem.KEY_NOT_ACTIVATED, "Key '" + key.name()
                    + "' needs an activation by its custodians (M of N) and has none open");
        }
    }

    /** Sets the key's policy; call inside a transaction. */
    public ActivationView setPolicy(SigningKey key, ActivationPolicyRequest request) {
        if (request == null || request.custodians() == null || request.custodians().isEmpty()) {
            throw invalid("custodians must name at least one principal");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>(request.custodians());
        if (names.size() != request.custodians().size()) {
            throw invalid("custodians must be distinct people; a name appears twice");
        }
        if (names.size() > MAX_CUSTODIANS) {
            throw invalid("at most " + MAX_CUSTODIANS + " custodians");
        }
        if (request.required() < 1 || request.required() > names.size()) {
            throw invalid("required must be between 1 and the number of custodians (" + names.size() + ")");
        }
        Duration window = parseWindow(request.window());
        if (request.maxUses() < 1) {
            throw invalid("maxUses must be at least 1");
        }
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            InkanPrincipal principal = principals.byName(name).orElseThrow(() -> Refusal.notFound("Principal", name));
            ids.add(principal.id());
        }
        if (policy(key.id()).isPresent()) {
            throw new Refusal(Problem.ACTIVATION_POLICY_EXISTS,
                    "Key '" + key.name() + "' already requires activation; a policy is never changed or removed");
        }
        jdbc.sql("""
                        INSERT INTO key_activation_policies (key_id, required, window_seconds, max_uses, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(key.id(), request.required(), window.toSeconds(), request.maxUses(), now()).update();
        for (String id : ids) {
            jdbc.sql("INSERT INTO key_activation_custodians (key_id, principal_id) VALUES (?, ?)").params(key.id(), id)
                    .update();
        }
        return view(key);
    }

    /**
     * Records {@code custodian}'s approval of the key's next activation, opening one if none is pending;
     * the N-th distinct approval opens the window. Call inside a transaction; the caller has checked that
     * {@code custodian} holds the custodian role in the key's project.
     */
    public ActivationView approve(SigningKey key, InkanPrincipal custodian) {
        Policy policy = lockPolicy(key).orElseThrow(() -> new Refusal(Problem.ACTIVATION_NOT_REQUIRED,
                "Key '" + key.name() + "' has no activation policy"));
        if (!policy.custodianIds().contains(custodian.id())) {
            throw new Refusal(Problem.FORBIDDEN, "Only the custodians the key's activation policy names may activate it");
        }
        OffsetDateTime now = now();
        Optional<Activation> current = current(key.id()).filter(a -> !a.activated() || a.usesLeft() > 0);
        if (current.isPresent() && current.get().activated()) {
            throw new Refusal(Problem.KEY_ALREADY_ACTIVATED,
                    "Key '" + key.name() + "' is activated until " + current.get().expiresAt());
        }
        long activationId;
        List<String> approvers;
        if (current.isPresent()) {
            activationId = current.get().id();
            approvers = current.get().approverIds();
            SeparationOfDuties.requireDistinct(append(approvers, custodian.id()), List.of());
        } else {
            GeneratedKeyHolder generated = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO key_activations (key_id, opened_at, expires_at, uses_left)
                            VALUES (?, ?, ?, ?)""")
                    .params(key.id(), now, now.plusSeconds(policy.windowSeconds()), policy.maxUses())
                    .update(generated, "id");
            activationId = generated.getKeyAs(Long.class);
            approvers = List.of();
        }
        jdbc.sql("INSERT INTO key_activation_approvals (activation_id, principal_id, approved_at) VALUES (?, ?, ?)")
                .params(activationId, custodian.id(), now).update();
        if (approvers.size() + 1 >= policy.required()) {
            jdbc.sql("UPDATE key_activations SET activated_at = ?, expires_at = ?, uses_left = ? WHERE id = ?")
                    .params(now, now.plusSeconds(policy.windowSeconds()), policy.maxUses(), activationId).update();
        }
        return view(key);
    }

    /** The policy and the current activation, as the API shows them. */
    public ActivationView view(SigningKey key) {
        Optional<Policy> policy = policy(key.id());
        if (policy.isEmpty()) {
            return ActivationView.notRequired(key.project(), key.name());
        }
        Policy p = policy.get();
        Optional<Activation> current = current(key.id());
        String state = current.map(a -> a.activated() ? (a.usesLeft() > 0 ? "active" : "used-up") : "pending")
                .orElse("inactive");
        return new ActivationView(key.project(), key.name(), state, p.required(), names(p.custodianIds()),
                Duration.ofSeconds(p.windowSeconds()).toString(), p.maxUses(),
                current.map(a -> names(a.approverIds())).orElse(List.of()),
                current.map(a -> a.expiresAt().toInstant()).orElse(null),
                current.filter(Activation::activated).map(Activation::usesLeft).orElse(null));
    }

    private static Duration parseWindow(String text) {
        Duration window;
        try {
            window = Duration.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalid("window must be an ISO-8601 duration such as PT30M");
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw invalid("window must be between PT1S and " + MAX_WINDOW);
        }
        return window;
    }

    private static Refusal invalid(String detail) {
        return new Refusal(Problem.INVALID_ACTIVATION_POLICY, detail);
    }

    private Optional<Policy> policy(long keyId) {
        return jdbc.sql("SELECT required, window_seconds, max_uses FROM key_activation_policies WHERE key_id = ?")
                .param(keyId)
                .query((rs, row) -> new Policy(rs.getInt("required"), rs.getLong("window_seconds"), rs.getInt("max_uses"),
                        custodianIds(keyId)))
                .optional();
    }

    /** Serializes approvals of one key across transactions and server nodes. */
    private Optional<Policy> lockPolicy(SigningKey key) {
        List<Long> locked = jdbc.sql("SELECT key_id FROM key_activation_policies WHERE key_id = ? FOR UPDATE")
                .param(key.id()).query(Long.class).list();
        return locked.isEmpty() ? Optional.empty() : policy(key.id());
    }

    private List<String> custodianIds(long keyId) {
        return jdbc.sql("SELECT principal_id FROM key_activation_custodians WHERE key_id = ? ORDER BY principal_id")
                .param(keyId).query(String.class).list();
    }

    /** The newest activation that is still pending or open. */
    private Optional<Activation> current(long keyId) {
        return jdbc.sql("""
                        SELECT id, activated_at, expires_at, uses_left FROM key_activations
                        WHERE key_id = ? AND expires_at > ? ORDER BY id DESC""")
                .params(keyId, now())
                .query((rs, row) -> new Activation(rs.getLong("id"), rs.getObject("activated_at", OffsetDateTime.class) != null,
                        rs.getObject("expires_at", OffsetDateTime.class), rs.getInt("uses_left"),
                        approverIds(rs.getLong("id"))))
                .stream().findFirst();
    }

    private List<String> approverIds(long activationId) {
        return jdbc.sql("SELECT principal_id FROM key_activation_approvals WHERE activation_id = ? ORDER BY approved_at")
                .param(activationId).query(String.class).list();
    }

    private List<String> names(List<String> principalIds) {
        if (principalIds.isEmpty()) {
            return List.of();
        }
        return principalIds.stream().map(id -> jdbc.sql("SELECT name FROM principals WHERE id = ?").param(id)
                .query(String.class).single()).toList();
    }

    private static List<String> append(List<String> list, String element) {
        List<String> result = new ArrayList<>(list);
        result.add(element);
        return result;
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private record Policy(int required, long windowSeconds, int maxUses, List<String> custodianIds) {
    }

    private record Activation(long id, boolean activated, OffsetDateTime expiresAt, int usesLeft,
                              List<String> approverIds) {
    }
}
