package io.inkan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An unsigned, stored (uncompressed) APK-shaped archive: a binary-XML manifest header and a dex header.
 * Enough for apksig and apksigner, which parse the archive but never run its code. The dex names the
 * file, so two samples never share a digest.
 */
final class TinyApk {

    private TinyApk() {
    }

    static Path write(Path file) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.setMethod(ZipOutputStream.STORED);
            stored(out, "AndroidManifest.xml", new byte[] {3, 0, 8, 0, 8, 0, 0, 0});
            stored(out, "classes.dex", ("dex\n035\0" + file.getFileName()).getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    private static void stored(ZipOutputStream out, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }
}
