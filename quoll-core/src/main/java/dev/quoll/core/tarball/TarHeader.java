package dev.quoll.core.tarball;

import dev.quoll.core.path.PosixPath;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one 512-byte ustar header block exactly as node-tar 7's {@code Header#encode} does, and
 * the pax extended header node-tar's {@code Pax#encode} writes before it when the header cannot
 * hold the entry (non-ASCII or over-long names, numbers beyond the octal fields).
 *
 * <p>node-tar's number format: octal digits, zero-padded, then a space and a NUL ({@code "000644
 * \0"}), or digits and a NUL when they fill the field; fields it leaves {@code undefined} (uid,
 * gid, uname, gname in portable mode) stay NUL. Paths of 100 bytes or more are split into the
 * 155-byte prefix field and the 100-byte name field at a slash; a path that cannot be split is
 * truncated and carried whole in the pax header.
 */
final class TarHeader {
  /** A header block and whether node-tar would precede it with a pax header. */
  record Block(byte[] bytes, boolean needPax) {}

  private static final int PATH_SIZE = 100;
  private static final int PREFIX_SIZE = 155;

  private TarHeader() {}

  /**
   * Encodes a header.
   *
   * @param path the entry path, e.g. {@code package/index.js}
   * @param mode permission bits
   * @param size content size in bytes
   * @param mtime modification time in seconds since the epoch, or null for none
   * @param type the type flag, {@code '0'} file, {@code '1'} hard link, {@code 'x'} pax
   * @param linkpath the link target, or null
   */
  static Block encode(String path, int mode, long size, Long mtime, char type, String linkpath) {
    byte[] buf = new byte[512];
    String[] split = new String[3];
    boolean needPax = splitPrefix(path, split);
    needPax |= encString(buf, 0, PATH_SIZE, split[0]);
    needPax |= encNumber(buf, 100, 8, mode);
    needPax |= encNumber(buf, 124, 12, size);
    if (mtime != null) {
      needPax |= encNumber(buf, 136, 12, mtime);
    }
    buf[156] = (byte) type;
    if (linkpath != null) {
      needPax |= encString(buf, 157, 100, linkpath);
    }
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, buf, 257, magic.length);
    // uname and gname stay NUL: portable entries leave them unset, pax headers set them empty
    needPax |= encNumber(buf, 329, 8, 0);
    needPax |= encNumber(buf, 337, 8, 0);
    needPax |= encString(buf, 345, PREFIX_SIZE, split[1]);
    long sum = 8 * 0x20;
    for (int i = 0; i < 148; i++) {
      sum += buf[i] & 0xff;
    }
    for (int i = 156; i < 512; i++) {
      sum += buf[i] & 0xff;
    }
    encNumber(buf, 148, 8, sum);
    return new Block(buf, needPax);
  }

  /** node-tar's splitPrefix: fills {@code out} with [name, prefix]; returns whether truncated. */
  private static boolean splitPrefix(String p, String[] out) {
    if (utf8Length(p) < PATH_SIZE) {
      out[0] = p;
      out[1] = "";
      return false;
    }
    String root = p.startsWith("/") ? "/" : ".";
    String prefix = dirname(p);
    String pp = PosixPath.basename(p);
    do {
      if (utf8Length(pp) <= PATH_SIZE && utf8Length(prefix) <= PREFIX_SIZE) {
        out[0] = pp;
        out[1] = prefix;
        return false;
      } else if (utf8Length(pp) > PATH_SIZE && utf8Length(prefix) <= PREFIX_SIZE) {
        out[0] = pp.substring(0, Math.min(pp.length(), PATH_SIZE - 1));
        out[1] = prefix;
        return true;
      } else {
        pp = PosixPath.join(PosixPath.basename(prefix), pp);
        prefix = dirname(prefix);
      }
    } while (!prefix.equals(root));
    out[0] = p.substring(0, Math.min(p.length(), PATH_SIZE - 1));
    out[1] = "";
    return true;
  }

  /** node's path.posix.dirname for the relative and absolute paths tar entries have. */
  static String dirname(String p) {
    int end = p.length();
    while (end > 1 && p.charAt(end - 1) == '/') {
      end--;
    }
    int slash = p.lastIndexOf('/', end - 1);
    if (slash < 0) {
      return ".";
    }
    if (slash == 0) {
      return "/";
    }
    int stop = slash;
    while (stop > 1 && p.charAt(stop - 1) == '/') {
      stop--;
    }
    return p.substring(0, stop);
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Writes as many whole UTF-8 characters of {@code str} as fit, as Buffer#write does.
   *
   * @return whether the field cannot hold the string as ASCII (node-tar's needPax rule)
   */
  private static boolean encString(byte[] buf, int off, int size, String str) {
    int pos = off;
    for (int i = 0; i < str.length(); ) {
      int cp = str.codePointAt(i);
      byte[] b = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
      if (pos + b.length > off + size) {
        break;
      }
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
      i += Character.charCount(cp);
    }
    return str.length() != utf8Length(str) || str.length() > size;
  }

  /** Octal as node-tar pads it, or base-256 (and a pax header) when it does not fit. */
  private static boolean encNumber(byte[] buf, int off, int size, long num) {
    long max = size == 12 ? 077777777777L : 07777777L;
    if (num > max || num < 0) {
      buf[off] = (byte) (num < 0 ? 0xff : 0x80);
      long n = num;
      for (int i = off + size - 1; i > off; i--) {
        buf[i] = (byte) (n & 0xff);
        n >>= 8;
      }
      return true;
    }
    String digits = Long.toOctalString(num);
    String text =
        digits.length() == size - 1
            ? digits + "\0"
            : "0".repeat(size - digits.length() - 2) + digits + " \0";
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, buf, off, size);
    return false;
  }

  /**
   * node-tar's pax extended header for a portable entry: a header block named {@code
   * PaxHeader/<basename>} followed by the {@code path}, {@code linkpath}, {@code mtime} and {@code
   * size} records, padded to 512 bytes.
   */
  static byte[] pax(String path, String linkpath, Long mtime, long size) {
    StringBuilder body = new StringBuilder();
    body.append(paxField("path", path));
    if (linkpath != null) {
      body.append(paxField("linkpath", linkpath));
    }
    if (mtime != null) {
      body.append(paxField("mtime", Long.toString(mtime)));
    }
    body.append(paxField("size", Long.toString(size)));
    byte[] bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
    int blocks = (bodyBytes.length + 511) / 512;
    byte[] out = new byte[512 * (1 + blocks)];
    String name = "PaxHeader/" + PosixPath.basename(path);
    if (name.length() > 99) {
      name = name.substring(0, 99);
    }
    Block header = encode(name, 0644, bodyBytes.length, mtime, 'x', "");
    System.arraycopy(header.bytes(), 0, out, 0, 512);
    System.arraycopy(bodyBytes, 0, out, 512, bodyBytes.length);
    return out;
  }

  private static String paxField(String field, String value) {
    String s = " " + field + "=" + value + "\n";
    int byteLen = utf8Length(s);
    int digits = (int) Math.floor(StrictMath.log(byteLen) / StrictMath.log(10)) + 1;
    if (byteLen + digits >= Math.pow(10, digits)) {
      digits += 1;
    }
    return (digits + byteLen) + s;
  }
}
