package dev.quoll.core.tarball;

import dev.quoll.core.CoreException;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code npm pack} of a folder, as npm 11 does it with pacote 21, npm-packlist 10 and node-tar 7.
 *
 * <p>Contract: the uncompressed tar is byte-identical to npm's: the {@link PackList} files in
 * npm-packlist's order, each under {@code package/}, with {@link TarballWriter}'s node-tar format,
 * mtime 1985-10-26T08:15:00Z, mode {@code (mode | 0600) & ~022} from disk (plus {@code 0111} for
 * files pacote recognises as bins), a hard-link entry for a second path to the same inode, and no
 * directory entries. Lifecycle scripts are never run (as with {@code npm pack --ignore-scripts}).
 *
 * <p>Known difference, gzip: the framing is node's ({@link NodeGzipOutputStream}: the same 10
 * header bytes {@code 1f 8b 08 00 00000000 02 ff}, the same CRC-32 and length trailer), but the
 * deflate stream between them is the JDK's {@link java.util.zip.Deflater}, which produces vanilla
 * zlib's level-9 output, while node 20 bundles Chromium's zlib fork (1.3.1-e00f703) whose CPU-
 * dependent string hashing (crc32c on SSE4.2 / ARMv8-CRC machines) picks different matches. The
 * {@code .tgz} bytes, and with them {@code size}, {@code shasum} and {@code integrity}, therefore
 * usually differ from npm's (npm's own differ between CPUs); they are computed over the bytes Quoll
 * writes, and the decompressed tar is identical.
 *
 * <p>The tar is written by {@link TarballWriter} rather than commons-compress's tar writer because
 * npm's bytes are node-tar's exact field formatting (octal padding, fields left NUL in portable
 * mode, its prefix-splitting and pax-header naming), which is simpler to write than to coax out of
 * a general-purpose writer.
 */
public final class Pack {
  private static final Pattern BUNDLED = Pattern.compile("^node_modules/((?:@[^/]+/)?[^/]+)");

  private Pack() {}

  /**
   * Packs a folder into memory.
   *
   * @param dir the package folder
   * @return the report and the {@code .tgz} bytes
   * @throws CoreException as {@link #pack(Path, OutputStream)}
   */
  public static PackedTarball pack(Path dir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PackResult result = pack(dir, bytes);
    return new PackedTarball(result, bytes.toByteArray());
  }

  /**
   * Packs a folder into {@code destinationDir/<filename>}, as {@code npm pack --pack-destination}.
   *
   * @param dir the package folder
   * @param destinationDir an existing folder; a file of the same name is replaced
   * @return what {@code npm pack --json} reports; {@link PackResult#filename()} names the file
   * @throws CoreException as {@link #pack(Path, OutputStream)}, {@code EIO} when the file cannot be
   *     written
   */
  public static PackResult packTo(Path dir, Path destinationDir) {
    // The partial file lives outside the package folder, which is often the destination too, so
    // that it can never be packed into itself.
    Path partial;
    try {
      partial = Files.createTempFile("quoll-pack-", ".tgz");
    } catch (IOException e) {
      throw new CoreException("EIO", "cannot create a temporary file for the tarball", e);
    }
    try {
      PackResult result;
      try (OutputStream out = Files.newOutputStream(partial)) {
        result = pack(dir, out);
      }
      Files.move(
          partial,
          destinationDir.resolve(result.filename()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return result;
    } catch (IOException e) {
      throw new CoreException("EIO", "cannot write tarball to " + destinationDir, e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // best effort: the partial file is only left behind when the pack itself failed
      }
    }
  }

  /**
   * Packs a folder, streaming the {@code .tgz}.
   *
   * @param dir the package folder
   * @param tgz where the gzipped tarball goes (not closed)
   * @return what {@code npm pack --json} reports
   * @throws CoreException {@code EINVALIDPACKAGENAME} / {@code EINVALIDVERSION} when package.json
   *     has no string name / version, {@code EIO} when a file cannot be read or written, and the
   *     errors of {@link PackList#of(Path)}
   */
  public static PackResult pack(Path dir, OutputStream tgz) {
    PackNode root = PackNode.root(dir);
    String name =
        root.manifest()
            .name()
            .orElseThrow(
                () -> new CoreException("EINVALIDPACKAGENAME", "package.json has no name"));
    String version =
        root.manifest()
            .version()
            .orElseThrow(() -> new CoreException("EINVALIDVERSION", "package.json has no version"));
    MessageDigest sha1 = digest("SHA-1");
    MessageDigest sha512 = digest("SHA-512");
    Counting counting = new Counting(tgz, sha1, sha512);
    List<PackedFile> entries;
    try {
      NodeGzipOutputStream gzip = new NodeGzipOutputStream(counting);
      entries = writeTar(root, gzip);
      gzip.finish();
    } catch (IOException e) {
      throw new CoreException("EIO", "cannot pack " + dir + ": " + e.getMessage(), e);
    }
    long unpacked = 0;
    Set<String> bundled = new LinkedHashSet<>();
    for (PackedFile f : entries) {
      unpacked += f.size();
      Matcher m = BUNDLED.matcher(f.path());
      if (m.find()) {
        bundled.add(m.group(1));
      }
    }
    List<PackedFile> upper = new ArrayList<>();
    List<PackedFile> other = new ArrayList<>();
    for (PackedFile f : entries) {
      (NpmCollation.startsUpper(f.path()) ? upper : other).add(f);
    }
    upper.sort((a, b) -> NpmCollation.reportCompare().compare(a.path(), b.path()));
    other.sort((a, b) -> NpmCollation.reportCompare().compare(a.path(), b.path()));
    upper.addAll(other);
    String filename = name.replaceFirst("@", "").replaceFirst("/", "-") + "-" + version + ".tgz";
    return new PackResult(
        name + "@" + version,
        name,
        version,
        counting.count,
        unpacked,
        HexFormat.of().formatHex(sha1.digest()),
        "sha512-" + Base64.getEncoder().encodeToString(sha512.digest()),
        filename,
        upper,
        entries.size(),
        List.copyOf(bundled));
  }

  /**
   * Writes the uncompressed tar npm would gzip for a folder.
   *
   * @param dir the package folder
   * @param tar where the tar bytes go (not closed)
   * @return the entries written, in tarball order
   * @throws CoreException as {@link #pack(Path, OutputStream)}
   */
  public static List<PackedFile> tar(Path dir, OutputStream tar) {
    try {
      return writeTar(PackNode.root(dir), tar);
    } catch (IOException e) {
      throw new CoreException("EIO", "cannot pack " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<PackedFile> writeTar(PackNode root, OutputStream out) throws IOException {
    TarballWriter writer = new TarballWriter(out, TarballWriter.NPM_MTIME);
    Map<String, String> firstLink = new HashMap<>();
    List<PackedFile> entries = new ArrayList<>();
    for (String raw : PackList.walk(root)) {
      String path = PackList.entryPath(raw);
      Path file = root.location().resolve(path);
      Map<String, Object> st = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) st.get("mode");
      if (isPackageBin(root.manifest(), raw)) {
        mode |= 0111;
      }
      mode = ((mode & 07777) | 0600) & ~022;
      String entryPath = "package/" + path;
      if ((Integer) st.get("nlink") > 1) {
        String key = st.get("dev") + ":" + st.get("ino");
        String first = firstLink.putIfAbsent(key, entryPath);
        if (first != null) {
          writer.addHardLink(entryPath, mode, first);
          entries.add(new PackedFile(path, 0, mode));
          continue;
        }
      }
      long size = (Long) st.get("size");
      try (InputStream in = Files.newInputStream(file)) {
        writer.addFile(entryPath, mode, size, in);
      }
      entries.add(new PackedFile(path, size, mode));
    }
    writer.finish();
    return entries;
  }

  /**
   * pacote's is-package-bin: the path minus its first segment equals a bin target. (So only bins
   * one level deep, or at the root, get their executable bits forced, as in npm.)
   */
  static boolean isPackageBin(PackManifest manifest, String packlistPath) {
    String p = packlistPath.replaceFirst("^[^\\\\/]*/", "");
    return manifest.bin().containsValue(p);
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
    }
  }

  /** Passes bytes through while counting and hashing them. */
  private static final class Counting extends FilterOutputStream {
    private final MessageDigest[] digests;
    private long count;

    Counting(OutputStream out, MessageDigest... digests) {
      super(out);
      this.digests = digests;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      for (MessageDigest d : digests) {
        d.update(b, off, len);
      }
      count += len;
    }
  }
}
