package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The platform a tree is installed for, and npm-install-checks 7's {@code checkPlatform}: a
 * package's {@code os}, {@code cpu} and {@code libc} lists allow the listed values, and {@code
 * !value} entries forbid one; an empty or absent list allows everything; a {@code libc} list
 * rejects platforms without a libc (non-Linux).
 *
 * @param os node's {@code process.platform}, e.g. {@code linux}
 * @param cpu node's {@code process.arch}, e.g. {@code x64}
 * @param libc {@code glibc} or {@code musl} on Linux, else empty
 * @param engines the node and npm versions {@code engines} fields are checked against
 */
public record Platform(String os, String cpu, String libc, Engines engines) {

  /** A platform with {@link Engines#detect()}'s engines (the node on the PATH). */
  public Platform(String os, String cpu, String libc) {
    this(os, cpu, libc, Engines.detect());
  }

  /** The platform of this JVM, in node's names. */
  public static Platform current() {
    String osName = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String os =
        osName.startsWith("linux")
            ? "linux"
            : osName.startsWith("mac") ? "darwin" : osName.startsWith("windows") ? "win32" : osName;
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x64";
          case "aarch64" -> "arm64";
          case "x86", "i386", "i686" -> "ia32";
          default -> arch;
        };
    String libc =
        os.equals("linux")
            ? (java.nio.file.Files.exists(java.nio.file.Path.of("/lib/ld-musl-x86_64.so.1"))
                    || java.nio.file.Files.exists(
                        java.nio.file.Path.of("/lib/ld-musl-aarch64.so.1"))
                ? "musl"
                : "glibc")
            : "";
    return new Platform(os, cpu, libc);
  }

  /** Whether a package with this manifest may be installed on this platform. */
  public boolean allows(ObjectNode pkg) {
    return allowed(pkg.get("os"), os)
        && allowed(pkg.get("cpu"), cpu)
        && libcAllowed(pkg.get("libc"));
  }

  private boolean libcAllowed(JsonNode list) {
    if (list == null || list.isNull() || list.isArray() && list.isEmpty()) {
      return true;
    }
    return !libc.isEmpty() && allowed(list, libc);
  }

  private static boolean allowed(JsonNode list, String value) {
    if (list == null || list.isNull()) {
      return true;
    }
    if (list.isTextual()) {
      return allowedOne(new String[] {list.asText()}, value);
    }
    if (!list.isArray() || list.isEmpty()) {
      return true;
    }
    String[] items = new String[list.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = list.get(i).asText();
    }
    return allowedOne(items, value);
  }

  private static boolean allowedOne(String[] items, String value) {
    boolean match = false;
    boolean anyPositive = false;
    for (String item : items) {
      if (item.startsWith("!")) {
        if (item.substring(1).equals(value)) {
          return false;
        }
      } else {
        anyPositive = true;
        if (item.equals(value)) {
          match = true;
        }
      }
    }
    return match || !anyPositive;
  }
}
