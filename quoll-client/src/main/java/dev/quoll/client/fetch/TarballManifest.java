package dev.quoll.client.fetch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.core.json.Json;
import dev.quoll.core.tarball.ExtractOptions;
import dev.quoll.core.tarball.Extraction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The package.json inside a package tarball (pacote 21's {@code FetcherBase.manifest()} for
 * tarballs): the tarball is unpacked with npm's rules (first path segment stripped, unsafe entries
 * refused) into a temporary folder, and {@code package.json} is read from it.
 */
final class TarballManifest {
  private TarballManifest() {}

  /**
   * Reads a tarball's package.json.
   *
   * @param what the package, for messages
   * @param tgz the (gzipped) tarball bytes
   * @return the manifest as written
   * @throws ClientException {@code EBADTAR} when the tarball has no package.json, {@code
   *     EJSONPARSE} when it is not JSON; extraction errors of {@link Extraction}
   */
  static ObjectNode read(String what, byte[] tgz) {
    try (TempFolder tmp = TempFolder.create("quoll-manifest")) {
      Path dir = tmp.path().resolve("package");
      Extraction.extract(new ByteArrayInputStream(tgz), dir, ExtractOptions.DEFAULT);
      Path pj = dir.resolve("package.json");
      if (!Files.isRegularFile(pj)) {
        throw new ClientException("EBADTAR", what + ": the tarball has no package.json");
      }
      return Json.parseObject(Files.readString(pj));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
