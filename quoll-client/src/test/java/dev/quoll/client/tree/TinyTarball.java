package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** A gzipped tar with one entry, {@code package/package.json}, for the fake registry. */
final class TinyTarball {
  private TinyTarball() {}

  static byte[] of(ObjectNode manifest) {
    byte[] body = Json.stringify(manifest, "  ").getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[512];
    put(header, 0, "package/package.json");
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", body.length));
    put(header, 136, "00000000000");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = '0';
    put(header, 257, "ustar");
    header[262] = 0;
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(header);
      gz.write(body);
      gz.write(new byte[(512 - body.length % 512) % 512]);
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
