/**
 * The configuration cache of every node (decision 013): rows valid only under the configuration generation
 * they were loaded in. May import Spring JDBC, transactions and request scope; never a capability package
 * nor {@code web}. The audit log moves the generation on; capabilities create caches.
 */
package io.inkan.server.infra.cache;
