package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds tarballs and publish bodies the way libnpmpublish 11 sends them. */
final class TestPackages {
  private TestPackages() {}

  /** A gzip tar with the given entries (path to content). */
  static byte[] tarball(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey(), true);
        e.setSize(data.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A tarball holding package/package.json for name@version. */
  static byte[] tarball(String name, String version) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "package/package.json", "{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}");
    files.put("package/index.js", "module.exports = '" + version + "'\n");
    return tarball(files);
  }

  /** A publish body for name@version with tag {@code tag}, carrying {@code tgz}. */
  static ObjectNode body(String name, String version, String tag, byte[] tgz) {
    ObjectNode doc = Json.object();
    doc.put("_id", name);
    doc.put("name", name);
    doc.put("description", "test package " + name);
    doc.putObject("dist-tags").put(tag, version);
    ObjectNode v = doc.putObject("versions").putObject(version);
    v.put("name", name);
    v.put("version", version);
    v.put("description", "test package " + name);
    v.put("readme", "# " + name);
    v.put("_id", name + "@" + version);
    ObjectNode dist = v.putObject("dist");
    dist.put("integrity", Integrity.fromData(tgz, List.of("sha512")).toString());
    dist.put("shasum", sha1(tgz));
    dist.put("tarball", "http://example.invalid/" + name + "/-/" + name + "-" + version + ".tgz");
    if (name.startsWith("@")) {
      doc.put("access", "public"); // tests of reads want scoped packages readable by everyone
    } else {
      doc.putNull("access"); // what libnpmpublish 11 sends without --access
    }
    ObjectNode a = doc.putObject("_attachments").putObject(name + "-" + version + ".tgz");
    a.put("content_type", "application/octet-stream");
    a.put("data", Base64.getEncoder().encodeToString(tgz));
    a.put("length", tgz.length);
    return doc;
  }

  /** A valid publish body for name@version with tag latest. */
  static ObjectNode body(String name, String version) {
    return body(name, version, "latest", tarball(name, version));
  }

  static String sha1(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
