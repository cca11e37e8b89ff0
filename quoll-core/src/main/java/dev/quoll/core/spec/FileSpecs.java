package dev.quoll.core.spec;

import dev.quoll.core.CoreException;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.core.path.PosixPath;
import dev.quoll.core.url.WhatwgUrl;
import java.util.regex.Pattern;

/**
 * npm-package-arg 13's {@code fromFile} on POSIX: the spec becomes a {@code file:} URL (with node's
 * path escaping), is resolved as a URL against {@code where}, and yields the absolute fetchSpec and
 * a saveSpec relative to {@code where} ({@code ~/} kept as written, absolute paths kept absolute).
 */
final class FileSpecs {
  private static final Pattern IS_FILE_TYPE =
      Pattern.compile("[.](?:tgz|tar\\.gz|tar)\\z", Pattern.CASE_INSENSITIVE);
  private static final Pattern FILE_DOUBLE_SLASH_HOST = Pattern.compile("^file://[^/]");
  private static final Pattern LEADING_DOTS = Pattern.compile("^/{1,3}\\.\\.?(/|\\z)");
  private static final Pattern HOME = Pattern.compile("^/~(/|\\z)");

  private FileSpecs() {}

  static FileSpec fromFile(SpecParser.Input in) {
    String where = in.where();
    String cwd = System.getProperty("user.dir");
    SpecType type = IS_FILE_TYPE.matcher(in.rawSpec()).find() ? SpecType.FILE : SpecType.DIRECTORY;
    String rawSpec = pathToFileUrl(in.rawSpec());
    if (rawSpec.startsWith("file:/")) {
      if (FILE_DOUBLE_SLASH_HOST.matcher(rawSpec).find()) {
        rawSpec = "file:/" + rawSpec.substring(5);
      }
      if (LEADING_DOTS.matcher(rawSpec.substring(5)).find()) {
        rawSpec = rawSpec.replaceFirst("^file:/{1,3}", "file:");
      }
    }
    WhatwgUrl base =
        WhatwgUrl.parse(pathToFileUrl(PosixPath.resolve(cwd, where)) + "/")
            .orElseThrow(FileSpecs::invalid);
    WhatwgUrl resolvedUrl = WhatwgUrl.parse(rawSpec, base).orElseThrow(FileSpecs::invalid);
    WhatwgUrl specUrl = WhatwgUrl.parse(rawSpec).orElseThrow(FileSpecs::invalid);
    String specPath = decode(specUrl.pathname());
    String resolvedPath = decode(resolvedUrl.pathname());
    String saveSpec;
    if (HOME.matcher(specPath).find()) {
      saveSpec = "file:" + specPath.substring(1);
      resolvedPath =
          PosixPath.resolve(
              cwd,
              System.getProperty("user.home"),
              specPath.length() > 3 ? specPath.substring(3) : "");
    } else if (!PosixPath.isAbsolute(rawSpec.substring(5))) {
      saveSpec = "file:" + PosixPath.relative(cwd, where, resolvedPath);
    } else {
      saveSpec = "file:" + PosixPath.resolve(cwd, resolvedPath);
    }
    String fetchSpec = PosixPath.resolve(cwd, where, resolvedPath);
    saveSpec = saveSpec.replace('\\', '/');
    if (saveSpec.startsWith("file://")) {
      saveSpec = "file:/" + saveSpec.substring(7);
    }
    return new FileSpec(type, in.raw(), in.name(), in.rawSpec(), saveSpec, fetchSpec, where);
  }

  /** npm-package-arg's {@code pathToFileURL}: node's path escaping, then a {@code file:} prefix. */
  static String pathToFileUrl(String s) {
    StringBuilder out = new StringBuilder(s.length() + 5);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\0' -> out.append("%00");
        case '\t' -> out.append("%09");
        case '\n' -> out.append("%0A");
        case '\r' -> out.append("%0D");
        case ' ' -> out.append("%20");
        case '"' -> out.append("%22");
        case '#' -> out.append("%23");
        case '%' -> out.append("%25");
        case '?' -> out.append("%3F");
        case '[' -> out.append("%5B");
        case '\\' -> out.append("%5C");
        case ']' -> out.append("%5D");
        case '^' -> out.append("%5E");
        case '|' -> out.append("%7C");
        case '~' -> out.append("%7E");
        default -> out.append(c);
      }
    }
    String result = out.toString();
    return result.startsWith("file:") ? result : "file:" + result;
  }

  private static String decode(String s) {
    try {
      return EcmaStrings.decodeUriComponent(s);
    } catch (CoreException e) {
      throw new CoreException("EINVALIDSPEC", "URI malformed");
    }
  }

  private static CoreException invalid() {
    return new CoreException("EINVALIDSPEC", "Invalid file: URL, must comply with RFC 8089");
  }
}
