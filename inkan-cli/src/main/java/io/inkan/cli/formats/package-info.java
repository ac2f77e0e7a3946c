/**
 * Artifact formats assembled on the client: the file is hashed here, the server signs a digest, and the
 * signature is embedded the way the format's own verifier expects. One sub-package per format.
 */
package io.inkan.cli.formats;
