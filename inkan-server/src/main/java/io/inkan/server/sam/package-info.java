/**
 * The Signature Activation Module (M1–M8, K6, decisions 008, 010, 015): the only code that can make a
 * token sign. A client digest needs an activation, either a SAD (bound to signer, key and exact digests,
 * stored hashed and sealed, single-use on every node) or, on a level-1 profile, the login itself for one
 * request; the server's own keys sign under named service purposes with allow-listed callers; project-key
 * signatures for the CA spend the key's M-of-N activation. It also carries out stop-use and destruction
 * and implements the token and seal interfaces {@code infra} declares. Its imports may only shrink
 * ({@code PackageDirectionTest}).
 */
package io.inkan.server.sam;
