package dev.quoll.e2e;

import dev.quoll.core.integrity.Integrity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Publish requests built the way libnpmpublish 11 sends them, for load the npm CLI is too slow for.
 */
final class PublishBodies {
  private PublishBodies() {}

  /** The JSON body of {@code PUT /<name>} publishing name@version with a tiny tarball. */
  static String body(String name, String version) {
    byte[] tgz = tarball(name, version);
    String file = name + "-" + version + ".tgz";
    String integrity = Integrity.fromData(tgz, List.of("sha512")).toString();
    return """
        {"_id":"%1$s","name":"%1$s","dist-tags":{"latest":"%2$s"},
         "versions":{"%2$s":{"name":"%1$s","version":"%2$s","_id":"%1$s@%2$s",
           "dist":{"integrity":"%3$s","shasum":"%4$s","tarball":"http://x.invalid/%5$s"}}},
         "access":null,
         "_attachments":{"%5$s":{"content_type":"application/octet-stream","data":"%6$s",
           "length":%7$d}}}
        """
        .formatted(
            name,
            version,
            integrity,
            sha1(tgz),
            file,
            Base64.getEncoder().encodeToString(tgz),
            tgz.length);
  }

  private static byte[] tarball(String name, String version) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      byte[] pj =
          ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("package/package.json", true);
      e.setSize(pj.length);
      e.setMode(0644);
      tar.putArchiveEntry(e);
      tar.write(pj);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String sha1(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
