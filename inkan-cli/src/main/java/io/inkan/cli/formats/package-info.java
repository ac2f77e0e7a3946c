/**
 * Artifact formats assembled on the client: the file is hashed here, the server signs a digest, and the
 * signature is embedded the way the format's own verifier expects. One sub-package per format, each
 * with one {@link io.inkan.cli.formats.Format} implementation listed in {@link io.inkan.cli.formats.Formats#ALL};
 * the SPI here holds no command-line types.
 */
package io.inkan.cli.formats;
