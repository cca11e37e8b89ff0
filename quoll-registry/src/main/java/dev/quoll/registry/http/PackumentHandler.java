package dev.quoll.registry.http;

import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.AbbreviatedPackument;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.packages.RenderedPackument;
import dev.quoll.registry.packages.RenderedPackument.Representation;
import dev.quoll.registry.packages.VersionSelector;
import dev.quoll.registry.uplink.UplinkService;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * {@code GET /<name>} and {@code GET /<name>/<version-tag-or-range>} (wire note §3.1, §3.2). The
 * packument is answered from bytes rendered at write time: abbreviated when Accept names {@code
 * application/vnd.npm.install-v1+json}, else full; gzip when Accept-Encoding allows it; 304 when
 * If-None-Match names the document's ETag; {@code Cache-Control: public, max-age=0,
 * must-revalidate} so clients always revalidate. {@code ?write=true} reads the store, not the
 * cache. A single version is picked by {@link VersionSelector} (exact version, max satisfying
 * range, dist-tag), else 404 {@code version not found: <spec>}.
 */
final class PackumentHandler {
  static final String CACHE = "public, max-age=0, must-revalidate";
  private static final HttpField CACHE_FIELD =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, CACHE);
  private static final HttpField VARY =
      new PreEncodedHttpField(HttpHeader.VARY, "Accept, Accept-Encoding");
  private static final HttpField GZIP =
      new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
  private static final HttpField JSON_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
  private static final HttpField CORGI_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, AbbreviatedPackument.MEDIA_TYPE);
  private static final HttpField UPLINK_FRESH = new PreEncodedHttpField("x-quoll-uplink", "fresh");
  private static final HttpField UPLINK_STALE = new PreEncodedHttpField("x-quoll-uplink", "stale");
  private static final HttpField STALE_WARNING =
      new PreEncodedHttpField(HttpHeader.WARNING, "110 quoll \"Response is Stale\"");
  private final PackageService packages;
  private final Optional<UplinkService> uplink;
  private final Authenticator auth;

  PackumentHandler(PackageService packages, Optional<UplinkService> uplink, Authenticator auth) {
    this.packages = packages;
    this.uplink = uplink;
    this.auth = auth;
  }

  /** The local document, else the uplink's (marking a stale one in the response headers). */
  private Optional<RenderedPackument> find(Exchange ex, PackageName name, boolean fresh) {
    Optional<RenderedPackument> local = packages.findPackument(name, fresh);
    if (local.isPresent()) {
      packages.access().requireRead(() -> auth.identity(ex), local.get().access());
    }
    if (local.isPresent() || uplink.isEmpty()) {
      return local;
    }
    return uplink
        .get()
        .findPackument(name)
        .map(
            served -> {
              ex.setHeader(served.stale() ? UPLINK_STALE : UPLINK_FRESH);
              if (served.stale()) {
                ex.setHeader(STALE_WARNING);
              }
              return served.rendered();
            });
  }

  void packument(Exchange ex, PackageName name) {
    RenderedPackument r = find(ex, name, ex.queryFlag("write")).orElseThrow(() -> notFound());
    if (r.access().unpublished()) {
      ex.send(404, JSON_TYPE, ByteBuffer.wrap(r.full().json()));
      return;
    }
    String accept = ex.header(HttpHeader.ACCEPT);
    boolean corgi = accept != null && accept.contains(AbbreviatedPackument.MEDIA_TYPE);
    Representation rep = corgi ? r.abbreviated() : r.full();
    String encoding = ex.header(HttpHeader.ACCEPT_ENCODING);
    boolean gzip = encoding != null && acceptsGzip(encoding);
    ex.setHeader(CACHE_FIELD);
    ex.setHeader(VARY);
    ex.setHeader(HttpHeader.ETAG, gzip ? rep.gzipEtag() : rep.etag());
    if (!r.lastModified().isEmpty()) {
      ex.setHeader(HttpHeader.LAST_MODIFIED, r.lastModified());
    }
    if (rep.matches(ex.header(HttpHeader.IF_NONE_MATCH))) {
      ex.empty(304);
      return;
    }
    if (gzip) {
      ex.setHeader(GZIP);
    }
    ex.send(200, corgi ? CORGI_TYPE : JSON_TYPE, ByteBuffer.wrap(gzip ? rep.gzip() : rep.json()));
  }

  void version(Exchange ex, PackageName name, String spec) {
    var manifest =
        find(ex, name, false)
            .flatMap(r -> VersionSelector.select(r.packument(), spec))
            .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "version not found: " + spec));
    ex.setHeader(CACHE_FIELD);
    ex.json(200, manifest.json());
  }

  /** Whether Accept-Encoding names gzip (any case). */
  static boolean acceptsGzip(String acceptEncoding) {
    return indexOfIgnoreCase(acceptEncoding, "gzip") >= 0;
  }

  private static int indexOfIgnoreCase(String s, String lowerNeedle) {
    int n = lowerNeedle.length();
    for (int i = 0; i + n <= s.length(); i++) {
      if (s.regionMatches(true, i, lowerNeedle, 0, n)) {
        return i;
      }
    }
    return -1;
  }

  private static RegistryException notFound() {
    return new RegistryException(Kind.NOT_FOUND, "Not found");
  }

  static {
    Json.object(); // load Jackson early; keeps the first request fast
  }
}
