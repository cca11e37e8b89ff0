package dev.quoll.core.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of validate-npm-package-name 7.0.2, in its order, with its exact messages.
 *
 * <p>Contract: for every string without lone surrogates, {@link #validate} yields the same errors
 * and warnings (same strings, same order) as the library's {@code validate(name)}. The library
 * throws a URIError on lone surrogates; here such a name fails the URL-friendliness rule instead.
 */
final class NameRules {
  /** Longest name valid for new packages (validate-npm-package-name). */
  static final int MAX_LENGTH = 214;

  private static final List<String> EXCLUDED = List.of("node_modules", "favicon.ico");

  /**
   * The core module names validate-npm-package-name 7.0.2 ships in lib/builtin-modules.json (a
   * fixed list, the same whatever node runs it).
   */
  private static final Set<String> BUILTINS =
      Set.of(
          "_http_agent",
          "_http_client",
          "_http_common",
          "_http_incoming",
          "_http_outgoing",
          "_http_server",
          "_stream_duplex",
          "_stream_passthrough",
          "_stream_readable",
          "_stream_transform",
          "_stream_wrap",
          "_stream_writable",
          "_tls_common",
          "_tls_wrap",
          "assert",
          "assert/strict",
          "async_hooks",
          "buffer",
          "child_process",
          "cluster",
          "console",
          "constants",
          "crypto",
          "dgram",
          "diagnostics_channel",
          "dns",
          "dns/promises",
          "domain",
          "events",
          "fs",
          "fs/promises",
          "http",
          "http2",
          "https",
          "inspector",
          "inspector/promises",
          "module",
          "net",
          "os",
          "path",
          "path/posix",
          "path/win32",
          "perf_hooks",
          "process",
          "punycode",
          "querystring",
          "readline",
          "readline/promises",
          "repl",
          "stream",
          "stream/consumers",
          "stream/promises",
          "stream/web",
          "string_decoder",
          "sys",
          "timers",
          "timers/promises",
          "tls",
          "trace_events",
          "tty",
          "url",
          "util",
          "util/types",
          "v8",
          "vm",
          "wasi",
          "worker_threads",
          "zlib",
          "node:sea",
          "node:sqlite",
          "node:test",
          "node:test/reporters");

  private NameRules() {}

  /** Whether {@code name} has one of {@code ~'!()*} at or after {@code from}. */
  private static boolean hasSpecialCharacter(String name, int from) {
    for (int i = from; i < name.length(); i++) {
      if ("~'!()*".indexOf(name.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  static NameValidation validate(String name) {
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (name.isEmpty()) {
      errors.add("name length must be greater than zero");
    }
    if (name.startsWith(".")) {
      errors.add("name cannot start with a period");
    }
    if (name.startsWith("-")) {
      errors.add("name cannot start with a hyphen");
    }
    if (name.startsWith("_")) {
      errors.add("name cannot start with an underscore");
    }
    if (!EcmaStrings.trim(name).equals(name)) {
      errors.add("name cannot contain leading or trailing spaces");
    }
    String lower = EcmaStrings.toLowerCase(name);
    for (String excluded : EXCLUDED) {
      if (lower.equals(excluded)) {
        errors.add(excluded + " is not a valid package name");
      }
    }
    if (BUILTINS.contains(lower)) {
      warnings.add(name + " is a core module name");
    }
    if (name.length() > MAX_LENGTH) {
      warnings.add("name can no longer contain more than 214 characters");
    }
    if (!lower.equals(name)) {
      warnings.add("name can no longer contain capital letters");
    }
    if (hasSpecialCharacter(name, name.lastIndexOf('/') + 1)) {
      warnings.add("name can no longer contain special characters (\"~'!()*\")");
    }
    if (!EcmaStrings.isUriComponentSafe(name)) {
      // /^(?:@([^/]+?)[/])?([^/]+?)$/: no slash at all (no scope), or "@user/pkg" with one slash
      int slash = name.indexOf('/');
      boolean scoped = name.startsWith("@") && slash >= 2 && slash < name.length() - 1;
      if (slash < 0 || (scoped && name.indexOf('/', slash + 1) < 0)) {
        String user = slash < 0 ? null : name.substring(1, slash);
        String pkg = name.substring(slash + 1);
        if (pkg.startsWith(".")) {
          errors.add("name cannot start with a period");
        }
        if (user != null
            && EcmaStrings.isUriComponentSafe(user)
            && EcmaStrings.isUriComponentSafe(pkg)) {
          return NameValidation.of(errors, warnings);
        }
      }
      errors.add("name can only contain URL-friendly characters");
    }
    return NameValidation.of(errors, warnings);
  }
}
