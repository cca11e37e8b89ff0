package dev.quoll.registry.packages;

import dev.quoll.core.packument.Packument;
import dev.quoll.registry.access.PackageAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A package's documents rendered to bytes once per write: the full packument and the abbreviated
 * one, each as JSON and gzip, each with its own strong ETag. Reads answer from these bytes. Only
 * bytes are held (a parsed document takes several times the memory of its JSON); {@link
 * #packument()} parses the full JSON again when a caller needs the tree.
 *
 * @param name the package name
 * @param revision the store revision they were rendered from
 * @param full the full packument's bytes
 * @param abbreviated the abbreviated ({@code application/vnd.npm.install-v1+json}) bytes
 * @param lastModified {@code time.modified} as an HTTP-date (RFC 9110 §5.6.7), or {@code ""} when
 *     the document has none that parses
 * @param access who may read and write the package (taken from the stored document at render time,
 *     so reads decide access without parsing)
 */
public record RenderedPackument(
    String name,
    long revision,
    Representation full,
    Representation abbreviated,
    String lastModified,
    PackageAccess access) {

  /**
   * Renders a public packument nobody here owns (an uplink's).
   *
   * @param packument the full document as served (with {@code _rev} and canonical tarball URLs)
   * @param revision its store revision
   */
  public static RenderedPackument of(Packument packument, long revision) {
    return of(packument, revision, PackageAccess.open(packument.name()));
  }

  /**
   * Renders a packument.
   *
   * @param packument the full document as served (with {@code _rev} and canonical tarball URLs)
   * @param revision its store revision
   * @param access its access facts, from the stored document
   */
  public static RenderedPackument of(Packument packument, long revision, PackageAccess access) {
    return new RenderedPackument(
        packument.name(),
        revision,
        Representation.of(packument.toBytes()),
        Representation.of(packument.abbreviate().toBytes()),
        packument.time().modified().map(RenderedPackument::httpDate).orElse(""),
        access);
  }

  /** The full document (with {@code _rev}), parsed from {@link #full()} on each call. */
  public Packument packument() {
    return Packument.parse(full.json());
  }

  private static String httpDate(String iso) {
    try {
      return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse(iso).atZone(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return "";
    }
  }

  /** The bytes these documents hold (JSON and gzip of both forms), for cache bounds. */
  public long byteSize() {
    return full.json().length
        + full.gzip().length
        + abbreviated.json().length
        + abbreviated.gzip().length;
  }

  /**
   * One document's bytes.
   *
   * @param json the UTF-8 JSON
   * @param gzip the same bytes gzip-compressed
   * @param etag quoted ETag of the JSON form: base64url SHA-256 of the JSON, first 27 characters
   * @param gzipEtag the ETag of the gzip form: the JSON one with {@code -gz} before the closing
   *     quote (a different representation needs a different strong ETag, RFC 9110 §8.8.3)
   */
  public record Representation(byte[] json, byte[] gzip, String etag, String gzipEtag) {
    static Representation of(byte[] json) {
      String tag;
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
        tag = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      return new Representation(json, gzip(json), '"' + tag + '"', '"' + tag + "-gz\"");
    }

    /**
     * @param ifNoneMatch the If-None-Match header value, or null
     * @return whether it names either form of this document (or is {@code *})
     */
    public boolean matches(String ifNoneMatch) {
      if (ifNoneMatch == null) {
        return false;
      }
      if (ifNoneMatch.equals(etag) || ifNoneMatch.equals(gzipEtag)) {
        return true;
      }
      for (String t : ifNoneMatch.split(",")) {
        String s = t.strip();
        if (s.startsWith("W/")) {
          s = s.substring(2);
        }
        if (s.equals("*") || s.equals(etag) || s.equals(gzipEtag)) {
          return true;
        }
      }
      return false;
    }

    private static byte[] gzip(byte[] bytes) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
      try (GZIPOutputStream z =
          new GZIPOutputStream(out) {
            {
              def.setLevel(Deflater.BEST_COMPRESSION);
            }
          }) {
        z.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }
}
