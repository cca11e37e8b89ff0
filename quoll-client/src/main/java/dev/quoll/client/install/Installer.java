package dev.quoll.client.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.lockfile.LockfileReader;
import dev.quoll.client.lockfile.LockfileWriter;
import dev.quoll.client.reify.PlaceAhead;
import dev.quoll.client.reify.PlacedPackage;
import dev.quoll.client.reify.ProjectScripts;
import dev.quoll.client.reify.Reifier;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.reify.ReifyPlan;
import dev.quoll.client.reify.ReifyResult;
import dev.quoll.client.reify.ScriptRun;
import dev.quoll.client.tree.BundleContents;
import dev.quoll.client.tree.Engines;
import dev.quoll.client.tree.IdealTree;
import dev.quoll.client.tree.IdealTreeBuilder;
import dev.quoll.client.tree.IdealTreePrune;
import dev.quoll.client.tree.IdealTreeRequest;
import dev.quoll.client.tree.Node;
import dev.quoll.client.tree.PackumentSource;
import dev.quoll.client.tree.Platform;
import dev.quoll.core.json.Json;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.manifest.DependencyType;
import dev.quoll.core.path.FolderTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * The install operation behind {@code quoll install}, {@code ci}, {@code uninstall}, {@code
 * update}, {@code dedupe} and {@code prune} (npm 11's arborist {@code buildIdealTree} + {@code
 * reify} as its commands drive them).
 *
 * <p>Contract, in order:
 *
 * <ol>
 *   <li>Read package.json (an empty one when absent) and the lockfile ({@code npm-shrinkwrap.json},
 *       else {@code package-lock.json}); {@code ci} without a lockfile fails with npm's {@code
 *       EUSAGE} message.
 *   <li>A plain {@code install} (no specs) returns at once when {@link UpToDate} says node_modules
 *       already matches (the hidden lockfile fast path).
 *   <li>Build the ideal tree from the lockfile's tree and the request ({@link IdealTreeBuilder},
 *       packuments from the {@link PackumentSource}). For {@code ci}, every node of the ideal tree
 *       must be in the lockfile at the same location with the same version (npm's {@code
 *       validateLockfile}), else {@code EUSAGE} with npm's message and the differences; then
 *       node_modules is emptied.
 *   <li>Reify ({@link Reifier}): the tree minus omitted, inert and bundled nodes ({@link
 *       TreePlan}). A failure rolls node_modules back and is rethrown; package.json and the
 *       lockfile are untouched. Then the bundled dependencies are read back from disk into the tree
 *       ({@link BundleContents}; the folders of packages a bundle shadows are removed).
 *   <li>Unless {@code --dry-run}: with {@code save}, write package.json (only when the request
 *       changed it) and the lockfile ({@code ci} never writes either); then the hidden lockfile
 *       {@code node_modules/.package-lock.json} with what is on disk. Files are replaced atomically
 *       (written beside, then renamed).
 * </ol>
 */
public final class Installer {
  // -Dquoll.placeAhead=false turns PlaceAhead off (for measurements, see README)
  private static final boolean PLACE_AHEAD =
      Boolean.parseBoolean(System.getProperty("quoll.placeAhead", "true"));

  private final NpmConfig config;
  private final PackumentSource packuments;
  private final Reifier reifier;
  private final ReifyOptions reifyOptions;
  private final Platform platform;
  private final Optional<PrintStream> scriptBanner;

  /**
   * @param config the npm configuration (registries for missing {@code resolved} URLs)
   * @param packuments where the tree builder gets packuments
   * @param reifier places packages in node_modules
   * @param reifyOptions script environment, shell and concurrency (ignore-scripts and dry-run are
   *     taken from each request)
   * @param platform the platform optional packages are checked against
   */
  public Installer(
      NpmConfig config,
      PackumentSource packuments,
      Reifier reifier,
      ReifyOptions reifyOptions,
      Platform platform) {
    this(config, packuments, reifier, reifyOptions, platform, Optional.of(System.out));
  }

  private Installer(
      NpmConfig config,
      PackumentSource packuments,
      Reifier reifier,
      ReifyOptions reifyOptions,
      Platform platform,
      Optional<PrintStream> scriptBanner) {
    this.config = config;
    this.packuments = packuments;
    this.reifier = reifier;
    this.reifyOptions = reifyOptions;
    this.platform =
        config
            .get("node-version")
            .map(
                v ->
                    new Platform(
                        platform.os(),
                        platform.cpu(),
                        platform.libc(),
                        Engines.of(Optional.of(v), platform.engines().npm())))
            .orElse(platform);
    this.scriptBanner = scriptBanner;
  }

  /**
   * This installer with another destination for the banners of the project's own scripts ({@link
   * ProjectScripts}); empty for {@code --silent}. Default: {@code System.out}.
   *
   * @param banner the stream, or empty for none
   * @return a new installer
   */
  public Installer withScriptBanner(Optional<PrintStream> banner) {
    return new Installer(config, packuments, reifier, reifyOptions, platform, banner);
  }

  /**
   * What this installer prepares a git dependency with ({@link GitPrepare}), for callers that pack
   * git packages themselves (e.g. {@code install -g} of a git URL).
   *
   * @return the preparer
   */
  public dev.quoll.client.fetch.GitPreparer gitPreparer() {
    return new GitPrepare(this, config, platform, reifyOptions);
  }

  /**
   * Runs the project's own install-time scripts when npm would: after {@code ci}, and after an
   * {@code install} without package arguments ({@link ProjectScripts}; npm runs them also for
   * {@code --dry-run} and when nothing changed). The caller of {@link #upToDate} calls this itself.
   *
   * @param request the install request ({@code ignoreScripts} turns this off)
   * @return the scripts that ran, in order
   * @throws ClientException {@code ELIFECYCLE} for a failing script
   */
  public List<ScriptRun> runProjectScripts(InstallRequest request) {
    if (!runsProjectScripts(request)) {
      return List.of();
    }
    return new ProjectScripts(reifyOptions, scriptBanner).run(request.project());
  }

  /**
   * Whether npm runs the project's own scripts after this request: {@code ci}, or {@code install}
   * without package arguments, and not {@code --ignore-scripts}.
   *
   * @param request the request
   * @return whether {@link ProjectScripts} applies
   */
  public static boolean runsProjectScripts(InstallRequest request) {
    boolean applies =
        request.operation() instanceof Operation.Ci
            || request.operation() instanceof Operation.Install i && i.specs().isEmpty();
    return applies && !request.ignoreScripts();
  }

  /**
   * Runs one install.
   *
   * @param request the project, operation and switches
   * @return the counts and warnings
   * @throws ClientException {@code EUSAGE} for {@code ci} without a lockfile or out of sync, the
   *     tree builder's {@code ERESOLVE}/{@code ETARGET}/{@code E404}, reify's {@code EINTEGRITY},
   *     {@code ELIFECYCLE} and fetch errors
   * @throws dev.quoll.core.CoreException {@code EJSONPARSE} for a broken package.json or lockfile
   */
  public InstallResult run(InstallRequest request) {
    return run(request, true);
  }

  /**
   * As {@link #run(InstallRequest)}; {@code projectScripts} false never runs the root's scripts
   * (e.g. a global package's dependencies installed into its folder, where npm runs only the
   * dependencies' scripts).
   *
   * @param request the project, operation and switches
   * @param projectScripts whether the root's own scripts run when npm would run them
   * @return the counts and warnings
   * @throws ClientException as {@link #run(InstallRequest)}
   */
  public InstallResult run(InstallRequest request, boolean projectScripts) {
    return run(request, projectScripts, Optional.empty());
  }

  /**
   * As {@link #run(InstallRequest)} for {@code install -w}/{@code --workspaces} (and {@code ci}
   * with them) without package arguments: the whole tree is built and saved, but only the part the
   * named workspaces need is reified ({@link WorkspaceFilter}).
   *
   * @param request the install request (an {@code install} without specs, or {@code ci})
   * @param filter the workspaces
   * @return the counts and warnings
   * @throws ClientException as {@link #run(InstallRequest)}
   */
  public InstallResult run(InstallRequest request, WorkspaceFilter filter) {
    return run(request, true, Optional.of(filter));
  }

  /** As {@link #run(InstallRequest, WorkspaceFilter)}, with or without the project's scripts. */
  InstallResult run(
      InstallRequest request, boolean projectScripts, Optional<WorkspaceFilter> filter) {
    Project project = Project.read(request.project());
    if (request.operation() instanceof Operation.Ci && project.lock().isEmpty()) {
      throw new ClientException(
          "EUSAGE",
          "The `npm ci` command can only install with an existing package-lock.json or"
              + " npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or"
              + " later to generate a package-lock.json file, then try again.");
    }
    if (nothingToDo(request, project)) {
      if (projectScripts) {
        runProjectScripts(request);
      }
      return new InstallResult(0, 0, 0, hiddenCount(request.project()), true, List.of(), List.of());
    }
    Phases.mark("project files");
    Optional<PlaceAhead> ahead = placeAhead(request, project, filter);
    try {
      return run(request, projectScripts, filter, project, ahead);
    } finally {
      ahead.ifPresent(PlaceAhead::close);
    }
  }

  /** The texts built beside reify; its failure is rethrown as it was thrown. */
  private static LockfileWriter.Texts texts(FutureTask<LockfileWriter.Texts> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("EINTR", "interrupted");
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * Starts linking the lockfile's packages while the tree is built ({@link PlaceAhead}) for an
   * {@code install} or {@code ci} with a lockfile into a project without node_modules.
   */
  private Optional<PlaceAhead> placeAhead(
      InstallRequest request, Project project, Optional<WorkspaceFilter> filter) {
    boolean installs =
        request.operation() instanceof Operation.Ci
            || request.operation() instanceof Operation.Install;
    if (!installs
        || request.dryRun()
        || filter.isPresent()
        || project.lock().isEmpty()
        || !PLACE_AHEAD) {
      return Optional.empty();
    }
    return reifier.placeAhead(
        request.project(),
        () -> AheadCandidates.of(project.lock().get(), request.ignoreScripts(), request.omit()));
  }

  /** The rest of {@link #run(InstallRequest, boolean, Optional)}, from the read project on. */
  private InstallResult run(
      InstallRequest request,
      boolean projectScripts,
      Optional<WorkspaceFilter> filter,
      Project project,
      Optional<PlaceAhead> ahead) {
    Operation op = request.operation();
    boolean legacy = request.resolve().legacyPeerDeps();
    platform.engines().askAhead(); // the engine check after the tree needs node's version
    Optional<Node> lockTree =
        project.lock().map(l -> LockfileReader.read(l, project.manifest(), legacy));
    IdealTreeRequest treeRequest =
        treeRequest(op, IdealTreeRequest.of(project.manifest()), lockTree)
            .withOptions(request.resolve())
            .withPlatform(platform)
            .withWorkspaces(project.workspaces());
    if (lockTree.isPresent()) {
      treeRequest = treeRequest.withLockTree(lockTree.get());
    }
    Phases.mark("read");
    IdealTree ideal =
        new IdealTreeBuilder(packuments, reifier.sourceFetcher(request.project()))
            .build(treeRequest);
    if (op instanceof Operation.Prune) {
      IdealTreePrune.prune(ideal.root());
    }
    Phases.mark("ideal tree");
    if (op instanceof Operation.Ci) {
      CiCheck.validate(
          LockfileReader.read(project.lock().get(), project.manifest(), legacy), ideal.root());
    }
    List<String> engines =
        EngineCheck.check(
            ideal.root(),
            request.omit(),
            platform.engines(),
            request.resolve().force(),
            config.bool("engine-strict"));
    List<PlacedPackage> plan = TreePlan.of(ideal.root(), request.omit(), config);
    if (op instanceof Operation.Ci && !request.dryRun()) {
      if (ahead.isEmpty()) { // else node_modules was absent and holds only the staging folder
        emptyNodeModules(request.project());
      }
      for (IdealTreeRequest.Workspace ws : project.workspaces()) {
        emptyNodeModules(request.project().resolve(ws.path()));
      }
    }
    Optional<Lockfile> oldHidden = Optional.empty();
    Set<String> untouched = Set.of();
    Set<String> fromDisk = Set.of();
    if (filter.isPresent()) {
      oldHidden = WorkspaceFilter.hidden(request.project());
      List<PlacedPackage> onDisk =
          WorkspaceFilter.onDisk(oldHidden, project.manifest(), legacy, config);
      Set<String> touched =
          filter
              .get()
              .locations(
                  ideal.root(),
                  WorkspaceFilter.actual(oldHidden, project, legacy),
                  onDisk.stream().map(PlacedPackage::location).collect(Collectors.toSet()));
      plan = WorkspaceFilter.plan(plan, onDisk, touched);
      fromDisk = WorkspaceFilter.untouched(oldHidden, touched);
      untouched = new HashSet<>();
      for (Node n : ideal.root().inventory()) {
        if (!n.location().isEmpty() && !touched.contains(n.location())) {
          untouched.add(n.location());
        }
      }
    }
    Map<String, String> before = request.dryRun() ? installedVersions(request.project()) : Map.of();
    // both lockfiles' texts from one pass over the tree (each entry built and sorted once); when
    // no package bundles dependencies (BundleContents changes the tree after reify otherwise),
    // built on another core while reify links: reify reads only the plan, never the tree's nodes,
    // and the tree is read again here only after the texts are done
    FutureTask<LockfileWriter.Texts> textsTask =
        new FutureTask<>(
            () ->
                LockfileWriter.writeBoth(
                    ideal.root(),
                    request.project().getFileName().toString(),
                    project.lockFormat()));
    boolean bundles = BundleContents.hasBundlers(ideal.root());
    boolean textsAhead = !request.dryRun() && !bundles;
    if (textsAhead) {
      Thread.ofPlatform().daemon().name("quoll-lockfile-texts").start(textsTask);
    }
    ReifyResult result =
        reifier
            .preparingGitWith(Optional.of(new GitPrepare(this, config, platform, reifyOptions)))
            .reify(
                new ReifyPlan(
                    request.project(),
                    plan,
                    reifyOptions
                        .withIgnoreScripts(request.ignoreScripts())
                        .withDryRun(request.dryRun())),
                ahead);
    Phases.mark("reify");
    // joined before the tree is read again (Deprecations, BundleContents, TreePlan.leftOut)
    LockfileWriter.Texts allTexts = textsAhead ? texts(textsTask) : null;
    List<String> warnings = new ArrayList<>(ideal.warnings());
    warnings.addAll(engines);
    warnings.addAll(Deprecations.of(ideal.root(), result.added()));
    for (String s : result.skippedOptional()) {
      warnings.add("optional dependency failed, continuing " + s);
    }
    if (!request.dryRun()) {
      if (bundles) { // BundleContents.load changes nothing without bundlers
        for (String stale : BundleContents.load(ideal.root(), request.project(), legacy)) {
          FolderTrees.delete(request.project().resolve(stale));
        }
      }
      if (!textsAhead) {
        textsTask.run(); // after the bundles are loaded into the tree
        allTexts = texts(textsTask);
      }
      boolean save = request.save() && !(op instanceof Operation.Ci);
      LockfileWriter.Texts texts =
          save || Files.isDirectory(request.project().resolve("node_modules")) ? allTexts : null;
      if (save) {
        project.save(
            ideal,
            LockfileText.lockfileFrom(
                ideal.root(), texts.lockfile(), project.lockFormat(), omitResolved()));
      }
      Set<String> absent = new HashSet<>(TreePlan.leftOut(ideal.root(), request.omit()));
      absent.addAll(result.skippedOptional());
      for (Node n : ideal.root().inventory()) {
        if (n.inBundle() && Files.isDirectory(request.project().resolve(n.location()))) {
          absent.remove(n.location()); // arrived inside its bundler's tarball
        }
      }
      absent.addAll(untouched);
      if (texts != null) {
        writeHidden(
            request.project(),
            ideal.root(),
            texts.hidden(),
            project.lockFormat(),
            absent,
            oldHidden,
            fromDisk);
      }
    }
    Phases.mark("write");
    if (projectScripts) {
      runProjectScripts(request);
    }
    return counts(request.project(), result, plan, before, warnings, request.dryRun());
  }

  /**
   * The fast path alone, for callers that want to answer a no-op install before setting up a
   * registry client: a plain {@code install} (no specs, no {@code --omit}) of a project whose
   * node_modules already matches ({@link UpToDate}). When {@code node_modules/.quoll-noop} ({@link
   * NoOpStamp}) shows that nothing changed since the last passed check, no file is parsed; a passed
   * full check writes that record.
   *
   * @param request the install request
   * @return the result to report when nothing needs to change
   * @throws dev.quoll.core.CoreException {@code EJSONPARSE} for a broken package.json or lockfile
   */
  public static Optional<InstallResult> upToDate(InstallRequest request) {
    if (!plainInstall(request)) {
      return Optional.empty();
    }
    java.util.OptionalInt stamped = NoOpStamp.check(request.project());
    if (stamped.isPresent()) {
      return Optional.of(
          new InstallResult(0, 0, 0, stamped.getAsInt(), true, List.of(), List.of()));
    }
    if (!Files.isRegularFile(request.project().resolve("node_modules/.package-lock.json"))) {
      return Optional.empty(); // UpToDate needs the hidden lockfile: no need to parse anything
    }
    Project project = Project.read(request.project());
    if (project.lock().isEmpty()) {
      return Optional.empty();
    }
    if (!WorkspaceState.matchLock(project.workspaces(), project.lock().get())) {
      return Optional.empty();
    }
    Optional<Set<String>> hidden =
        UpToDate.verify(request.project(), project.manifest(), project.lock().get());
    if (hidden.isEmpty()) {
      return Optional.empty();
    }
    if (project.workspaces().isEmpty()) {
      // the stamp records the root's files only: a workspace's package.json could change unseen
      NoOpStamp.write(request.project(), hidden.get());
    }
    return Optional.of(new InstallResult(0, 0, 0, hidden.get().size(), true, List.of(), List.of()));
  }

  /** A plain {@code install}: no specs, nothing omitted, not a dry run. */
  private static boolean plainInstall(InstallRequest request) {
    return request.operation() instanceof Operation.Install i
        && i.specs().isEmpty()
        && request.omit().isEmpty()
        && !request.dryRun();
  }

  private static boolean nothingToDo(InstallRequest request, Project project) {
    return request.operation() instanceof Operation.Install i
        && i.specs().isEmpty()
        && request.omit().isEmpty()
        && !request.dryRun()
        && project.lock().isPresent()
        && (request.ignoreScripts() || !WorkspaceState.anyScripts(project.workspaces()))
        && WorkspaceState.matchLock(project.workspaces(), project.lock().get())
        && UpToDate.check(request.project(), project.manifest(), project.lock().get());
  }

  private static IdealTreeRequest treeRequest(
      Operation op, IdealTreeRequest base, Optional<Node> lockTree) {
    return switch (op) {
      case Operation.Install i ->
          new IdealTreeRequest(
              base.rootManifest(),
              List.of(),
              Optional.empty(),
              i.specs(),
              i.saveType(),
              i.saveExact(),
              List.of(),
              Set.of(),
              base.options(),
              base.platform());
      case Operation.Ci c -> base;
      case Operation.Prune p -> base;
      case Operation.Uninstall u -> base.withRemove(u.names());
      case Operation.Update u -> withUpdate(base, updateNames(u, lockTree, base), false);
      case Operation.Dedupe d -> withUpdate(base, duplicated(lockTree), true);
    };
  }

  private static Set<String> updateNames(
      Operation.Update u, Optional<Node> lockTree, IdealTreeRequest base) {
    if (!u.names().isEmpty()) {
      return Set.copyOf(u.names());
    }
    Set<String> all = new LinkedHashSet<>();
    for (DependencyType t : DependencyType.values()) {
      all.addAll(base.rootManifest().dependencies(t).keySet());
    }
    lockTree.ifPresent(t -> t.inventory().forEach(n -> all.add(n.packageName().orElse(n.name()))));
    return all;
  }

  private static Set<String> duplicated(Optional<Node> lockTree) {
    Map<String, Integer> seen = new HashMap<>();
    lockTree.ifPresent(
        t ->
            t.inventory().stream()
                .filter(n -> n.location().contains("node_modules/"))
                .forEach(n -> seen.merge(n.name(), 1, Integer::sum)));
    Set<String> out = new LinkedHashSet<>();
    seen.forEach(
        (k, v) -> {
          if (v > 1) {
            out.add(k);
          }
        });
    return out;
  }

  private static IdealTreeRequest withUpdate(
      IdealTreeRequest base, Set<String> names, boolean preferDedupe) {
    var o = base.options();
    return new IdealTreeRequest(
        base.rootManifest(),
        base.workspaces(),
        base.lockTree(),
        base.add(),
        base.saveType(),
        base.saveExact(),
        base.remove(),
        names,
        new IdealTreeRequest.ResolveOptions(
            o.legacyPeerDeps(), o.force(), o.strictPeerDeps(), preferDedupe || o.preferDedupe()),
        base.platform());
  }

  private static InstallResult counts(
      Path root,
      ReifyResult r,
      List<PlacedPackage> plan,
      Map<String, String> before,
      List<String> warnings,
      boolean showActions) {
    Set<String> removed = new LinkedHashSet<>(r.removed());
    Map<String, PlacedPackage> byLoc = new HashMap<>();
    plan.forEach(p -> byLoc.put(p.location(), p));
    List<InstallChanges.Ref> add = new ArrayList<>();
    List<InstallChanges.Change> change = new ArrayList<>();
    for (String loc : r.added()) {
      PlacedPackage p = byLoc.get(loc);
      InstallChanges.Ref to =
          new InstallChanges.Ref(folderName(loc), p.version(), root.resolve(loc));
      if (removed.remove(loc)) {
        change.add(new InstallChanges.Change(ref(root, loc, r, before), to));
      } else {
        add.add(to);
      }
    }
    List<InstallChanges.Ref> remove = new ArrayList<>();
    for (String loc : removed) {
      remove.add(ref(root, loc, r, before));
    }
    InstallChanges changes = new InstallChanges(add, remove, change).inWalkOrder();
    int total = plan.size() - r.skippedOptional().size();
    return new InstallResult(
        add.size(),
        remove.size(),
        change.size(),
        total,
        false,
        warnings,
        showActions ? changes.lines() : List.of(),
        changes);
  }

  private static InstallChanges.Ref ref(
      Path root, String loc, ReifyResult r, Map<String, String> before) {
    String v = r.previousVersions().getOrDefault(loc, before.getOrDefault(loc, "?"));
    return new InstallChanges.Ref(folderName(loc), v, root.resolve(loc));
  }

  private static String folderName(String loc) {
    return loc.substring(loc.lastIndexOf("node_modules/") + "node_modules/".length());
  }

  private static Map<String, String> installedVersions(Path root) {
    Map<String, String> out = new HashMap<>();
    Path hidden = root.resolve("node_modules/.package-lock.json");
    try {
      JsonNode doc = Json.parse(Files.readAllBytes(hidden));
      doc.path("packages")
          .properties()
          .forEach(e -> out.put(e.getKey(), e.getValue().path("version").asText("?")));
    } catch (IOException | RuntimeException e) {
      // no hidden lockfile: versions shown as "?"
    }
    return out;
  }

  private static int hiddenCount(Path root) {
    Map<String, String> v = installedVersions(root);
    return v.size();
  }

  private static void emptyNodeModules(Path root) {
    Path nm = root.resolve("node_modules");
    if (!Files.isDirectory(nm)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(nm)) {
      for (Path p : ds) {
        FolderTrees.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean omitResolved() {
    return config.bool("omit-lockfile-registry-resolved");
  }

  private void writeHidden(
      Path root,
      Node tree,
      String hiddenText,
      JsonFormat format,
      Set<String> absent,
      Optional<Lockfile> old,
      Set<String> fromDisk) {
    Path nm = root.resolve("node_modules");
    if (!Files.isDirectory(nm)) {
      return;
    }
    String text = LockfileText.hiddenFrom(tree, hiddenText, format, omitResolved(), absent);
    if (old.isPresent()) {
      text = WorkspaceFilter.mergeHidden(text, old, fromDisk, format);
    }
    Project.writeAtomically(nm.resolve(".package-lock.json"), text);
  }
}
