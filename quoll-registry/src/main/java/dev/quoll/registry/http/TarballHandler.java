package dev.quoll.registry.http;

import dev.quoll.core.name.PackageName;
import dev.quoll.registry.RegistryException;
import dev.quoll.registry.RegistryException.Kind;
import dev.quoll.registry.packages.PackageService;
import dev.quoll.registry.storage.BlobStore;
import dev.quoll.registry.uplink.UplinkService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * {@code GET|HEAD /<name>/-/<file>.tgz} (wire note §3.3): answers the stored tarball as {@code
 * application/octet-stream} with {@code Cache-Control: public, max-age=31536000, immutable} (a
 * published version's bytes never change). A blob the store holds in memory is written from its
 * buffer in one go; others are streamed from the store. When the blob store hands reads off (S3
 * with {@code presign-seconds}), a local tarball is answered with a 302 to a short-lived presigned
 * URL instead. A package published here never serves an uplink tarball (no mixing of versions).
 */
final class TarballHandler {
  private static final HttpField IMMUTABLE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, max-age=31536000, immutable");
  private static final HttpField OCTETS =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/octet-stream");
  private final PackageService packages;
  private final Optional<UplinkService> uplink;
  private final Authenticator auth;

  TarballHandler(PackageService packages, Optional<UplinkService> uplink, Authenticator auth) {
    this.packages = packages;
    this.uplink = uplink;
    this.auth = auth;
  }

  void tarball(Exchange ex, PackageName name, String file) throws IOException {
    var local = packages.findPackument(name, false);
    local.ifPresent(r -> packages.access().requireRead(() -> auth.identity(ex), r.access()));
    Optional<BlobStore.Blob> localBlob =
        local.isPresent() ? packages.findTarball(name, file) : Optional.empty();
    Optional<java.net.URI> redirect =
        localBlob.isPresent() ? packages.findTarballRedirect(name, file) : Optional.empty();
    if (redirect.isPresent()) {
      ex.setHeader("Location", redirect.get().toString());
      ex.setHeader("Cache-Control", "no-store");
      ex.stream(302, "text/plain", 0, java.io.InputStream.nullInputStream());
      return;
    }
    BlobStore.Blob blob =
        localBlob
            .or(
                () ->
                    local.isPresent()
                        ? Optional.empty()
                        : uplink.flatMap(u -> u.findTarball(name, file)))
            .orElseThrow(() -> new RegistryException(Kind.NOT_FOUND, "Not found: " + file));
    ex.setHeader(IMMUTABLE);
    Optional<ByteBuffer> bytes = blob.bytes();
    if (bytes.isPresent()) {
      ex.send(200, OCTETS, bytes.get());
    } else {
      ex.stream(200, "application/octet-stream", blob.size(), blob.open());
    }
  }
}
