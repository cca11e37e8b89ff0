package dev.quoll.registry.http;

import dev.quoll.core.json.Json;
import dev.quoll.core.name.PackageName;
import dev.quoll.core.packument.AbbreviatedPackument;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.packages.RenderedPackument;
import dev.quoll.registry.packages.RenderedPackument.Representation;
import dev.quoll.registry.uplink.UplinkService;
import java.util.Optional;

/**
 * {@code GET /<name>} and {@code GET /<name>/<version-or-tag>} (wire note §3.1, §3.2). The
 * packument is answered from bytes rendered at write time: abbreviated when Accept names {@code
 * application/vnd.npm.install-v1+json}, else full; gzip when Accept-Encoding allows it; 304 when
 * If-None-Match names the document's ETag; {@code Cache-Control: public, max-age=0,
 * must-revalidate} so clients always revalidate. {@code ?write=true} reads the store, not the
 * cache.
 */
final class PackumentHandler {
  static final String CACHE = "public, max-age=0, must-revalidate";
  private final PackageService packages;
  private final Optional<UplinkService> uplink;

  PackumentHandler(PackageService packages, Optional<UplinkService> uplink) {
    this.packages = packages;
    this.uplink = uplink;
  }

  /** The local document, else the uplink's (marking a stale one in the response headers). */
  private Optional<RenderedPackument> find(Exchange ex, PackageName name, boolean fresh) {
    Optional<RenderedPackument> local = packages.findPackument(name, fresh);
    if (local.isPresent() || uplink.isEmpty()) {
      return local;
    }
    return uplink
        .get()
        .findPackument(name)
        .map(
            served -> {
              ex.setHeader("x-quoll-uplink", served.stale() ? "stale" : "fresh");
              if (served.stale()) {
                ex.setHeader("Warning", "110 quoll \"Response is Stale\"");
              }
              return served.rendered();
            });
  }

  void packument(Exchange ex, PackageName name) {
    RenderedPackument r = find(ex, name, ex.queryFlag("write")).orElseThrow(() -> notFound());
    String accept = ex.header("Accept");
    boolean corgi = accept != null && accept.contains(AbbreviatedPackument.MEDIA_TYPE);
    Representation rep = corgi ? r.abbreviated() : r.full();
    String encoding = ex.header("Accept-Encoding");
    boolean gzip = encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
    ex.setHeader("Cache-Control", CACHE);
    ex.setHeader("Vary", "Accept, Accept-Encoding");
    ex.setHeader("ETag", gzip ? rep.gzipEtag() : rep.etag());
    r.packument().time().modified().ifPresent(m -> ex.setHeader("Last-Modified", httpDate(m)));
    if (rep.matches(ex.header("If-None-Match"))) {
      ex.empty(304);
      return;
    }
    if (gzip) {
      ex.setHeader("Content-Encoding", "gzip");
    }
    ex.send(
        200,
        corgi ? AbbreviatedPackument.MEDIA_TYPE : "application/json",
        gzip ? rep.gzip() : rep.json());
  }

  void version(Exchange ex, PackageName name, String spec) {
    var manifest =
        find(ex, name, false)
            .flatMap(
                r ->
                    r.packument()
                        .version(spec)
                        .or(
                            () ->
                                r.packument().distTags().get(spec).flatMap(r.packument()::version)))
            .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "version not found: " + spec));
    ex.setHeader("Cache-Control", CACHE);
    ex.json(200, manifest.json());
  }

  private static String httpDate(String iso) {
    try {
      return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
          java.time.Instant.parse(iso).atZone(java.time.ZoneOffset.UTC));
    } catch (java.time.DateTimeException e) {
      return "";
    }
  }

  private static RegistryException notFound() {
    return new RegistryException(Kind.NOT_FOUND, "Not found");
  }

  static {
    Json.object(); // load Jackson early; keeps the first request fast
  }
}
