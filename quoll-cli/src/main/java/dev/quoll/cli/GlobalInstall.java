package dev.quoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.install.InstallRequest;
import dev.quoll.client.install.InstallResult;
import dev.quoll.client.install.Omit;
import dev.quoll.client.install.Operation;
import dev.quoll.client.reify.PackageSource;
import dev.quoll.client.reify.PlacedPackage;
import dev.quoll.client.reify.ProjectScripts;
import dev.quoll.client.reify.Reifier;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.reify.ReifyPlan;
import dev.quoll.client.tree.IdealTreeRequest.ResolveOptions;
import dev.quoll.client.tree.ManifestPicker;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.json.Json;
import dev.quoll.core.packument.Dist;
import dev.quoll.core.packument.VersionManifest;
import dev.quoll.core.path.FolderTrees;
import dev.quoll.core.path.UniqueNames;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.FileSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.core.spec.SpecType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code quoll install -g <specs>}: npm's global layout. Each package (a registry spec, a tarball
 * file or URL, or a git spec: {@link GlobalSource}) goes to {@code
 * <prefix>/lib/node_modules/<name>} with its own dependencies nested inside it (production
 * dependencies only), and its bins are linked into {@code <prefix>/bin}; a folder is linked instead
 * ({@link GlobalLink}). Each package is built in a staging folder beside the others and moved into
 * place only when complete; other global packages are never touched. The global package's own
 * {@code preinstall}, {@code install} and {@code postinstall} scripts run in its final folder after
 * its dependencies are in place (arborist runs them as for any dependency; never its {@code
 * prepare}), unless scripts are off.
 */
final class GlobalInstall implements Callable<Integer> {
  private final ClientOptions client;
  private final List<String> specs;
  private final boolean ignoreScripts;
  private final boolean dryRun;

  GlobalInstall(ClientOptions client, List<String> specs, boolean ignoreScripts, boolean dryRun) {
    this.client = client;
    this.specs = List.copyOf(specs);
    this.ignoreScripts = ignoreScripts;
    this.dryRun = dryRun;
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    // npm 11 install.js: `npm i -g` alone installs (links) the current folder
    int added = specs.isEmpty() ? withSpecs(List.of(".")).installAll() : installAll();
    System.out.println();
    System.out.println(
        new InstallResult(added, 0, 0, added, false, List.of(), List.of())
            .summary(InstallResult.ms((System.nanoTime() - start) / 1_000_000)));
    return 0;
  }

  private GlobalInstall withSpecs(List<String> other) {
    return new GlobalInstall(client, other, ignoreScripts, dryRun);
  }

  /**
   * Installs every spec into the global prefix, printing nothing (but {@code --dry-run}'s lines).
   *
   * @return the packages placed, nested ones included
   */
  int installAll() {
    int added = 0;
    try (ClientSession session = ClientSession.open(client.flags(Map.of("global", "true")))) {
      Path prefix = prefix(client);
      Path lib = prefix.resolve("lib").resolve("node_modules");
      for (String spec : specs) {
        added += installOne(session, lib, prefix.resolve("bin"), spec);
      }
    }
    return added;
  }

  private int installOne(ClientSession session, Path lib, Path bin, String spec) {
    PackageSpec parsed = PackageSpec.parse(spec);
    PackageSpec inner = parsed instanceof AliasSpec a ? a.subSpec() : parsed;
    Optional<String> alias = parsed instanceof AliasSpec ? parsed.name() : Optional.empty();
    if (inner instanceof FileSpec folder && folder.type() == SpecType.DIRECTORY) {
      ReifyOptions scripts =
          ClientSession.reifyOptions(session.config(), lib, "install", 1)
              .withIgnoreScripts(ignoreScripts);
      return GlobalLink.install(folder, alias, lib, bin, scripts, dryRun);
    }
    Path work = lib.resolve(".quoll-global-" + UniqueNames.next());
    try {
      GlobalSource.Top top =
          inner instanceof RegistrySpec reg
              ? registryTop(session, parsed, reg, spec)
              : GlobalSource.fetch(session, inner, alias, work, ignoreScripts);
      if (dryRun) {
        System.out.println("add " + top.name() + " " + top.version());
        return 1;
      }
      Files.createDirectories(work);
      String loc = "node_modules/" + top.name();
      PlacedPackage placed =
          new PlacedPackage(
              loc,
              top.realName(),
              top.version(),
              top.source(),
              Map.of(),
              false,
              false,
              false,
              false,
              false);
      new Reifier(session.client(), session.cache())
          .reify(
              new ReifyPlan(
                  work, List.of(placed), ReifyOptions.defaults().withIgnoreScripts(true)));
      Path pkgDir = work.resolve(loc);
      InstallResult deps =
          session
              .installer()
              .run(
                  new InstallRequest(
                      pkgDir,
                      Operation.Install.plain(),
                      false,
                      Set.of(Omit.DEV),
                      ignoreScripts,
                      false,
                      ResolveOptions.DEFAULT),
                  false);
      // npm keeps no lockfile, hidden or not, for global packages
      Files.deleteIfExists(pkgDir.resolve("node_modules").resolve(".package-lock.json"));
      Path target = lib.resolve(top.name());
      FolderTrees.delete(target);
      Files.createDirectories(target.getParent());
      Files.move(pkgDir, target);
      linkBins(target, bin);
      // arborist runs a registry, tarball or git package's install scripts (never its prepare)
      new ProjectScripts(
              ClientSession.reifyOptions(session.config(), target, "install", 1)
                  .withIgnoreScripts(ignoreScripts),
              Optional.empty())
          .run(target, List.of("preinstall", "install", "postinstall"));
      return 1 + deps.added();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      FolderTrees.delete(work);
    }
  }

  /** A registry spec's version, picked from its packument. */
  private static GlobalSource.Top registryTop(
      ClientSession session, PackageSpec parsed, RegistrySpec reg, String spec) {
    String name = parsed.name().orElseThrow();
    String realName = reg.name().orElse(name);
    VersionManifest m = ManifestPicker.pick(session.packuments().packument(realName), reg);
    Dist dist = m.dist().orElseThrow(() -> new ClientException("EBADTAR", "no dist for " + spec));
    Integrity integrity =
        dist.integrity()
            .flatMap(Integrity::parse)
            .orElseThrow(() -> new ClientException("EINTEGRITY", "no integrity for " + spec));
    return new GlobalSource.Top(
        name,
        realName,
        m.version(),
        new PackageSource.Tarball(dist.tarball().orElseThrow(), integrity));
  }

  /**
   * {@code npm uninstall -g <names>}: removes each {@code <prefix>/lib/node_modules/<name>} and the
   * links in {@code <prefix>/bin} of its bins; a name that is not installed changes nothing. Prints
   * npm's summary ({@code removed 2 packages in 40ms}, counting the nested packages too).
   *
   * @param client the config flags ({@code --prefix} is the global prefix)
   * @param names package names
   * @param dryRun print {@code remove <name> <version>} lines and change nothing
   * @return the exit code, 0
   */
  static int uninstall(ClientOptions client, List<String> names, boolean dryRun) {
    long start = System.nanoTime();
    Path prefix = prefix(client);
    Path lib = prefix.resolve("lib").resolve("node_modules");
    int removed = 0;
    List<String> actions = new java.util.ArrayList<>();
    try {
      for (String name : names) {
        Path pkg = lib.resolve(name);
        if (!Files.isRegularFile(pkg.resolve("package.json"))) {
          continue;
        }
        removed += countPackages(pkg);
        actions.add(
            "remove "
                + name
                + " "
                + Json.parse(Files.readAllBytes(pkg.resolve("package.json")))
                    .path("version")
                    .asText());
        if (dryRun) {
          continue;
        }
        Path binDir = prefix.resolve("bin");
        for (String bin : bins(pkg).keySet()) {
          Path link = binDir.resolve(bin);
          if (Files.isSymbolicLink(link)
              && binDir.resolve(Files.readSymbolicLink(link)).normalize().startsWith(pkg)) {
            Files.delete(link);
          }
        }
        FolderTrees.delete(pkg);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (dryRun) {
      actions.forEach(System.out::println);
    }
    System.out.println();
    System.out.println(
        new InstallResult(0, removed, 0, 0, false, List.of(), List.of())
            .summary(InstallResult.ms((System.nanoTime() - start) / 1_000_000)));
    return 0;
  }

  /** The global prefix: {@code --prefix}, the {@code prefix} config, or npm's default. */
  static Path prefix(ClientOptions client) {
    return Path.of(
        dev.quoll.client.config.ConfigLoader.forProcess(client.flags(Map.of("global", "true")))
            .load()
            .get("prefix")
            .orElse("/usr/local"));
  }

  /** The package folder and every package folder nested in its node_modules. */
  private static int countPackages(Path pkg) throws IOException {
    if (Files.isSymbolicLink(pkg)) {
      return 1; // a linked folder (install -g <folder>): its own node_modules is not npm's
    }
    try (Stream<Path> walk = Files.walk(pkg)) {
      return (int)
          walk.filter(p -> p.getFileName().toString().equals("package.json"))
              .map(Path::getParent)
              .filter(
                  d ->
                      d.equals(pkg)
                          || d.getParent().getFileName().toString().equals("node_modules")
                          || d.getParent()
                              .getParent()
                              .getFileName()
                              .toString()
                              .equals("node_modules"))
              .count();
    }
  }

  private static Map<String, String> bins(Path pkg) throws IOException {
    JsonNode pj = Json.parse(Files.readAllBytes(pkg.resolve("package.json")));
    JsonNode b = pj.path("bin");
    String base = pkg.getFileName().toString();
    Map<String, String> bins = new java.util.LinkedHashMap<>();
    if (b.isTextual()) {
      String n = pj.path("name").asText(base);
      bins.put(n.substring(n.lastIndexOf('/') + 1), b.asText());
    } else {
      b.properties().forEach(e -> bins.put(e.getKey(), e.getValue().asText()));
    }
    return bins;
  }

  static void linkBins(Path pkg, Path binDir) throws IOException {
    Map<String, String> bins = bins(pkg);
    Files.createDirectories(binDir);
    for (Map.Entry<String, String> e : bins.entrySet()) {
      if (e.getKey().contains("/") || e.getKey().startsWith(".")) {
        continue;
      }
      Path file = pkg.resolve(e.getValue()).normalize();
      if (!file.startsWith(pkg) || !Files.isRegularFile(file)) {
        continue;
      }
      file.toFile().setExecutable(true, false);
      Path link = binDir.resolve(e.getKey());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, binDir.relativize(file));
    }
  }
}
