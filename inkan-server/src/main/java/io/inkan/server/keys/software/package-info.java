/**
 * The embedded software token (K3, decision 002): keys generated with the JDK and stored PKCS#8, sealed
 * with AES-256-GCM under the master key ({@code infra.secrets}), applying the same raw mechanisms as a
 * PKCS#11 token so every token produces identical signatures. For first runs and small teams; weaker than
 * an HSM and labelled so.
 */
package io.inkan.server.keys.software;
