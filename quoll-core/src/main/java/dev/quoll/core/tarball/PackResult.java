package dev.quoll.core.tarball;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import java.util.List;

/**
 * What {@code npm pack --json} reports for one packed package (npm 11's lib/utils/tar.js {@code
 * getContents}).
 *
 * @param id {@code name@version}
 * @param name the package name
 * @param version the package version
 * @param size the gzipped tarball's size in bytes
 * @param unpackedSize the sum of the entries' sizes in bytes
 * @param shasum hex SHA-1 of the gzipped tarball
 * @param integrity SHA-512 subresource-integrity string of the gzipped tarball, {@code sha512-…}
 * @param filename the tarball's file name, e.g. {@code scope-name-1.0.0.tgz}
 * @param files the entries, in npm's report order (see {@link NpmCollation})
 * @param entryCount the number of tar entries
 * @param bundled the bundled dependency names, in tarball order
 */
public record PackResult(
    String id,
    String name,
    String version,
    long size,
    long unpackedSize,
    String shasum,
    String integrity,
    String filename,
    List<PackedFile> files,
    int entryCount,
    List<String> bundled) {

  /** Copies the lists, keeping the record immutable. */
  public PackResult {
    files = List.copyOf(files);
    bundled = List.copyOf(bundled);
  }

  /**
   * The object {@code npm pack --json} prints for this package, with npm's key order.
   *
   * @return a JSON object
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("name", name);
    o.put("version", version);
    o.put("size", size);
    o.put("unpackedSize", unpackedSize);
    o.put("shasum", shasum);
    o.put("integrity", integrity);
    o.put("filename", filename);
    ArrayNode fs = o.putArray("files");
    for (PackedFile f : files) {
      ObjectNode e = fs.addObject();
      e.put("path", f.path());
      e.put("size", f.size());
      e.put("mode", f.mode());
    }
    o.put("entryCount", entryCount);
    ArrayNode b = o.putArray("bundled");
    bundled.forEach(b::add);
    return o;
  }
}
