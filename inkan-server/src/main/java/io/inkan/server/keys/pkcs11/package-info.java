/**
 * The PKCS#11 token (K2, decision 002): SunPKCS11 for the login and the JDK's own PKCS#11 wrapper for slot
 * lookup by label, non-extractable key generation and the raw sign mechanisms, through a small session
 * pool. The one place that relies on a JDK-internal API, so that reliance is confined and tested against
 * SoftHSM2.
 */
package io.inkan.server.keys.pkcs11;
