package io.inkan.cli.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Signs one artifact in one format and writes the result (the signed artifact or its detached signature)
 * to a stream, so the caller decides where it lands and can make a whole batch all-or-nothing.
 */
public interface ArtifactSigner {

    void sign(Path file, OutputStream out) throws IOException;
}
