/**
 * The master key, loaded once from outside the database, and the boxes that seal small secrets under keys
 * derived from it. May import the JDK, Spring and {@code io.inkan.server.InkanProperties}; never a
 * capability package nor {@code web}.
 */
package io.inkan.server.infra.secrets;
