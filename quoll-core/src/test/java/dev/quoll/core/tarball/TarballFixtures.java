package dev.quoll.core.tarball;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds (possibly malicious) tarballs in memory for the tests. */
final class TarballFixtures {
  private final List<TarArchiveEntry> entries = new ArrayList<>();
  private final List<byte[]> contents = new ArrayList<>();
  private int longFileMode = TarArchiveOutputStream.LONGFILE_POSIX;

  static TarballFixtures tar() {
    return new TarballFixtures();
  }

  TarballFixtures file(String name, String content) {
    return file(name, content, 0644);
  }

  TarballFixtures file(String name, String content, int mode) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setMode(mode);
    e.setSize(bytes.length);
    entries.add(e);
    contents.add(bytes);
    return this;
  }

  TarballFixtures paxFile(String name, Map<String, String> pax, String content) {
    file(name, content);
    pax.forEach(entries.getLast()::addPaxHeader);
    return this;
  }

  TarballFixtures dir(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
    e.setMode(0755);
    entries.add(e);
    contents.add(new byte[0]);
    return this;
  }

  TarballFixtures link(String name, byte type, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setLinkName(target);
    entries.add(e);
    contents.add(new byte[0]);
    return this;
  }

  TarballFixtures special(String name, byte type) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    entries.add(e);
    contents.add(new byte[0]);
    return this;
  }

  TarballFixtures raw(String name, byte type, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setSize(bytes.length);
    entries.add(e);
    contents.add(bytes);
    return this;
  }

  TarballFixtures globalPax(Map<String, String> pax) {
    TarArchiveEntry e =
        new TarArchiveEntry("pax_global_header", TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER, true);
    pax.forEach(e::addPaxHeader);
    entries.add(e);
    contents.add(null);
    return this;
  }

  TarballFixtures gnuLongNames() {
    longFileMode = TarArchiveOutputStream.LONGFILE_GNU;
    return this;
  }

  byte[] plain() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      tar.setLongFileMode(longFileMode);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (int i = 0; i < entries.size(); i++) {
        tar.putArchiveEntry(entries.get(i));
        if (contents.get(i) == null) {
          continue; // commons-compress writes global pax headers whole in putArchiveEntry
        }
        tar.write(contents.get(i));
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  byte[] tgz() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
