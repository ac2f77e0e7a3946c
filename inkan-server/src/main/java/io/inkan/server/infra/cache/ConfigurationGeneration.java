package io.inkan.server.infra.cache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tells whether configuration rows a node has cached (tokens, principals with their role bindings,
 * projects, keys, profiles) are still current, across every node sharing the database (decision 013).
 *
 * <p>Every configuration change appends its audit record in the transaction of the change, and that
 * append moves the counter {@code audit_head.config_generation} on by one. A request reads that one value
 * once, when it first needs a cached row, and uses only entries loaded under the same value; so a
 * revoked token, a removed role binding or a disabled key take effect for the next request on every node,
 * as they would without a cache. Time plays no part: there is no TTL during which a stale row is served.
 */
@Component
public class ConfigurationGeneration {

    private static final String ATTRIBUTE = ConfigurationGeneration.class.getName();

    private final JdbcClient jdbc;

    ConfigurationGeneration(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current generation: read once per HTTP request, on every call outside one. */
    public long current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Long known) {
            return known;
        }
        long generation = jdbc.sql("SELECT config_generation FROM audit_head WHERE id = 1").query(Long.class).single();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, generation, RequestAttributes.SCOPE_REQUEST);
        }
        return generation;
    }

    /**
     * Called by the audit log when the current request records a configuration change: later look-ups of
     * this request read the generation again (and so see their own change).
     */
    public void changed() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** A new cache of at most {@code maxEntries} configuration rows checked against this generation. */
    public <K, V> Cache<K, V> cache(int maxEntries) {
        return new Cache<>(this, maxEntries);
    }

    /**
     * Configuration rows by key, each valid only under the generation it was loaded in. Absent rows are
     * not cached (a row created elsewhere must be found at once), and a row loaded inside a transaction
     * is cached only once that transaction commits, so a rolled-back change never reaches the cache.
     */
    public static final class Cache<K, V> {

        private record Entry<V>(long generation, V value) {
        }

        private final ConfigurationGeneration generation;
        private final int maxEntries;
        private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

        private Cache(ConfigurationGeneration generation, int maxEntries) {
            this.generation = generation;
            this.maxEntries = maxEntries;
        }

        /** The cached row for {@code key}, or the loader's answer (which may be {@code null}: not found). */
        public V get(K key, Function<K, V> loader) {
            long current = generation.current();
            Entry<V> entry = entries.get(key);
            if (entry != null && entry.generation() == current) {
                return entry.value();
            }
            V value = loader.apply(key);
            if (value != null) {
                remember(key, new Entry<>(current, value));
            }
            return value;
        }

        private void remember(K key, Entry<V> entry) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        put(key, entry);
                    }
                });
            } else {
                put(key, entry);
            }
        }

        private void put(K key, Entry<V> entry) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.merge(key, entry, (old, fresh) -> fresh.generation() >= old.generation() ? fresh : old);
        }
    }
}
