package io.inkan.client;

/**
 * Who the server thinks the caller is; used to check a token before it is saved.
 *
 * @param name    the token's name
 * @param role    {@code admin} or {@code signer}
 * @param project the project a signer token is confined to; {@code null} for admin tokens
 */
public record WhoAmI(String name, String role, String project) {
}
