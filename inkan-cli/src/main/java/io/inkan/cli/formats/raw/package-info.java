/**
 * Raw signatures: the file is hashed here and the server's signature bytes are the whole output. The
 * fallback format for any file no other format recognises.
 */
package io.inkan.cli.formats.raw;
