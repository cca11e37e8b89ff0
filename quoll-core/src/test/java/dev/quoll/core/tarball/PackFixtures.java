package dev.quoll.core.tarball;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Builds package folders on disk for the pack tests. */
final class PackFixtures {
  private final Path dir;

  private PackFixtures(Path dir) {
    this.dir = dir;
  }

  static PackFixtures at(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PackFixtures(dir);
  }

  Path dir() {
    return dir;
  }

  /** Writes a file (creating parent folders) with mode 0644. */
  PackFixtures file(String path, String content) {
    return file(path, content, 0644);
  }

  /** Writes a file (creating parent folders) with the given mode. */
  PackFixtures file(String path, String content, int mode) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
      chmod(p, mode);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes raw bytes (for text that is not valid UTF-8). */
  PackFixtures bytes(String path, byte[] content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PackFixtures mkdir(String path) {
    try {
      Files.createDirectories(dir.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PackFixtures symlink(String path, String target) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.createSymbolicLink(p, Path.of(target));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PackFixtures hardlink(String path, String existing) {
    try {
      Files.createLink(dir.resolve(path), dir.resolve(existing));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void chmod(Path p, int mode) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        perms.add(order[i]);
      }
    }
    Files.setPosixFilePermissions(p, perms);
  }

  /** Extracts a registry tarball's {@code package/} folder into {@code dest}, keeping modes. */
  static void extract(Path tgz, Path dest) throws IOException {
    try (InputStream in = Files.newInputStream(tgz);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        int slash = name.indexOf('/');
        if (slash < 0 || !e.isFile()) {
          continue;
        }
        Path out = dest.resolve(name.substring(slash + 1)).normalize();
        if (!out.startsWith(dest)) {
          continue;
        }
        Files.createDirectories(out.getParent());
        Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        chmod(out, (e.getMode() | 0644) & 0755);
      }
    }
  }
}
