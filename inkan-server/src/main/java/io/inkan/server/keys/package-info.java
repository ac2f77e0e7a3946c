/**
 * The life of a key (K1–K8, decisions 002, 010, 011): the configured tokens behind one narrow interface,
 * key generation and import (bound once), fingerprints, states, the import wrapping key, self-signed
 * certificates at creation, and M-of-N activations by custodians. It never signs on its own: a token
 * signs only with a permit from the Signature Activation Module ({@code sam}). Parsed keys and
 * activations are cached under the configuration generation.
 */
package io.inkan.server.keys;
