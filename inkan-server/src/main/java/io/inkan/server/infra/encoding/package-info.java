/**
 * Strict decoders for what clients send in text form (base64), one implementation per encoding. Imports
 * only the JDK; never a capability package nor {@code web}. Callers turn a refusal into their own problem.
 */
package io.inkan.server.infra.encoding;
