package dev.quoll.core.spec;

import dev.quoll.core.CoreException;
import dev.quoll.core.hostedgit.HostedGit;
import dev.quoll.core.name.EcmaStrings;
import dev.quoll.core.name.NameValidation;
import dev.quoll.core.name.PackageName;
import dev.quoll.core.url.WhatwgUrl;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * npm-package-arg 13.0.2's {@code npa(arg, where)} and {@code npa.resolve(name, spec, where)} on a
 * POSIX system: how an argument splits into name and spec, and how a spec is classified (file,
 * alias, hosted git, URL, file by shape, registry), in the library's order.
 *
 * <p>Contract: for every input, the result has the same type and fields as npm-package-arg's, or
 * the same failure (code, and message where npm-package-arg's is not node's URL error); a
 * JavaScript URIError ("URI malformed", from a lone surrogate) is {@code EINVALIDSPEC}. Registry
 * classification asks node-semver's loose {@code valid} then {@code validRange} (quoll-semver).
 */
final class SpecParser {
  /** JavaScript's {@code .}: anything but a line terminator. */
  private static final String DOT = "[^\\n\\r\\u2028\\u2029]";

  private static final Pattern IS_URL =
      Pattern.compile("^(?:git[+])?[a-z]+:", Pattern.CASE_INSENSITIVE);
  private static final Pattern IS_GIT =
      Pattern.compile("^[^@]+@[^:.]+\\.[^:]+:" + DOT + "+\\z", Pattern.CASE_INSENSITIVE);
  private static final Pattern IS_FILE_TYPE =
      Pattern.compile("[.](?:tgz|tar\\.gz|tar)\\z", Pattern.CASE_INSENSITIVE);
  private static final Pattern IS_PORT_NUMBER = Pattern.compile(":[0-9]+(/|\\z)");
  private static final Pattern IS_POSIX_FILE = Pattern.compile("^(?:[.]|~[/]|[/]|[a-zA-Z]:)");
  private static final Pattern GIT_SCP =
      Pattern.compile(
          "^git\\+ssh://([^:#]+:[^#]+(?:\\.git)?)(?:#(" + DOT + "*))?\\z",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern GIT_FILE_DRIVE =
      Pattern.compile("^git\\+file://[a-z]:", Pattern.CASE_INSENSITIVE);

  private SpecParser() {}

  static PackageSpec npa(String arg, String where) {
    int nameEndsAt = arg.indexOf('@', 1);
    String namePart = nameEndsAt > 0 ? arg.substring(0, nameEndsAt) : arg;
    String name = null;
    String spec;
    if (IS_URL.matcher(arg).find()) {
      spec = arg;
    } else if (IS_GIT.matcher(arg).find()) {
      spec = "git+ssh://" + arg;
    } else if (!namePart.startsWith("@")
        && (namePart.indexOf('/') >= 0 || IS_FILE_TYPE.matcher(namePart).find())) {
      spec = arg;
    } else if (nameEndsAt > 0) {
      name = namePart;
      spec = arg.substring(nameEndsAt + 1);
      if (spec.isEmpty()) {
        spec = "*";
      }
    } else if (validForOld(arg)) {
      name = arg;
      spec = "*";
    } else {
      spec = arg;
    }
    return resolve(name, spec, where, arg);
  }

  /**
   * {@code resolve(name, spec, where, arg)}; {@code arg} is null for a dependency entry, whose raw
   * is then {@code name@spec}.
   */
  static PackageSpec resolve(String name, String spec, String where, String arg) {
    String raw = arg != null ? arg : name != null && !name.isEmpty() ? name + "@" + spec : spec;
    PackageName pkg = null;
    if (name != null && !name.isEmpty()) {
      rejectLoneSurrogates(name);
      try {
        pkg = PackageName.parseLegacy(name);
      } catch (CoreException e) {
        NameValidation v = PackageName.validate(name);
        throw new CoreException(
            "EINVALIDPACKAGENAME",
            "Invalid package name \""
                + name
                + "\" of package \""
                + raw
                + "\": "
                + String.join("; ", v.errors())
                + ".");
      }
    }
    Input in = new Input(raw, pkg, spec, where);
    if (isFileSpec(spec)) {
      return FileSpecs.fromFile(in);
    }
    if (spec.toLowerCase(Locale.ROOT).startsWith("npm:")) {
      return fromAlias(in);
    }
    Optional<HostedGit> hosted = HostedGit.fromUrl(spec);
    if (hosted.isPresent()) {
      return fromHostedGit(in, hosted.get());
    }
    if (!spec.isEmpty() && IS_URL.matcher(spec).find()) {
      return fromUrl(in);
    }
    if (!spec.isEmpty() && (spec.indexOf('/') >= 0 || IS_FILE_TYPE.matcher(spec).find())) {
      return FileSpecs.fromFile(in);
    }
    return fromRegistry(in);
  }

  private static boolean validForOld(String name) {
    rejectLoneSurrogates(name);
    return PackageName.validate(name).validForOldPackages();
  }

  /**
   * Where npm-package-arg hands a string to {@code encodeURIComponent} (name validation, tag
   * check), JavaScript throws URIError "URI malformed" on a lone surrogate.
   */
  private static void rejectLoneSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new CoreException("EINVALIDSPEC", "URI malformed");
      }
    }
  }

  /** What every kind of spec starts from. */
  record Input(String raw, PackageName name, String rawSpec, String where) {}

  private static boolean isFileSpec(String spec) {
    if (spec.isEmpty()) {
      return false;
    }
    return spec.toLowerCase(Locale.ROOT).startsWith("file:") || IS_POSIX_FILE.matcher(spec).find();
  }

  private static PackageSpec fromAlias(Input in) {
    PackageSpec sub = npa(in.rawSpec().substring(4), in.where());
    if (sub instanceof AliasSpec) {
      throw new CoreException("EINVALIDSPEC", "nested aliases not supported");
    }
    if (!(sub instanceof RegistrySpec registry)) {
      throw new CoreException("EINVALIDSPEC", "aliases only work for registry deps");
    }
    if (registry.name().isEmpty()) {
      throw new CoreException("EINVALIDSPEC", "aliases must have a name");
    }
    return new AliasSpec(in.raw(), in.name(), in.rawSpec(), registry);
  }

  private static PackageSpec fromHostedGit(Input in, HostedGit hosted) {
    String saveSpec = hosted.render(false, false).orElse(null);
    String fetchSpec =
        hosted.defaultRepresentation().equals("shortcut")
            ? null
            : hosted.render(true, true).orElse(null);
    GitAttrs attrs = GitAttrs.parse(hosted.committish().orElse(null));
    return new GitSpec(in.raw(), in.name(), in.rawSpec(), saveSpec, fetchSpec, attrs, hosted);
  }

  private static PackageSpec fromUrl(Input in) {
    String rawSpec = in.rawSpec();
    if (rawSpec.startsWith("git+ssh:")) {
      Matcher m = GIT_SCP.matcher(rawSpec);
      if (m.find() && !IS_PORT_NUMBER.matcher(m.group(1)).find()) {
        GitAttrs attrs = GitAttrs.parse(m.group(2));
        return new GitSpec(in.raw(), in.name(), rawSpec, rawSpec, m.group(1), attrs, null);
      }
    } else if (rawSpec.startsWith("git+file://")) {
      rawSpec = rawSpec.replace('\\', '/');
    }
    WhatwgUrl url =
        WhatwgUrl.parse(rawSpec)
            .orElseThrow(() -> new CoreException("ERR_INVALID_URL", "Invalid URL"));
    switch (url.protocol()) {
      case "git:", "git+http:", "git+https:", "git+rsync:", "git+ftp:", "git+file:", "git+ssh:" -> {
        String hash = url.hash();
        GitAttrs attrs = GitAttrs.parse(hash.isEmpty() ? "" : hash.substring(1));
        String fetchSpec;
        if (url.protocol().equals("git+file:") && GIT_FILE_DRIVE.matcher(rawSpec).find()) {
          fetchSpec = "git+file://" + url.host().toLowerCase(Locale.ROOT) + ":" + url.pathname();
        } else {
          fetchSpec = url.hrefWithoutFragment();
        }
        if (fetchSpec.startsWith("git+")) {
          fetchSpec = fetchSpec.substring(4);
        }
        return new GitSpec(in.raw(), in.name(), in.rawSpec(), in.rawSpec(), fetchSpec, attrs, null);
      }
      case "http:", "https:" -> {
        return new RemoteSpec(in.raw(), in.name(), in.rawSpec());
      }
      default ->
          throw new CoreException(
              "EUNSUPPORTEDPROTOCOL",
              "Unsupported URL Type \"" + url.protocol() + "\": " + rawSpec);
    }
  }

  private static PackageSpec fromRegistry(Input in) {
    String spec = EcmaStrings.trim(in.rawSpec());
    SpecType type;
    if (Semver.valid(spec, Options.LOOSE).isPresent()) {
      type = SpecType.VERSION;
    } else if (Semver.validRange(spec, Options.LOOSE).isPresent()) {
      type = SpecType.RANGE;
    } else {
      rejectLoneSurrogates(spec);
      if (!EcmaStrings.isUriComponentSafe(spec)) {
        throw new CoreException(
            "EINVALIDTAGNAME",
            "Invalid tag name \""
                + spec
                + "\" of package \""
                + in.raw()
                + "\": Tags may not have any characters that encodeURIComponent encodes.");
      }
      type = SpecType.TAG;
    }
    return new RegistrySpec(type, in.raw(), in.name(), in.rawSpec(), spec);
  }
}
