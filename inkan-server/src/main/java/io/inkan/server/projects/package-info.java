/**
 * Projects, the unit of isolation (A4): every key, profile, request and role binding belongs to one, and a
 * principal of one project never sees another's. Projects are cached by name under the configuration
 * generation.
 */
package io.inkan.server.projects;
