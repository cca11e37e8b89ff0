package dev.quoll.client.fetch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.tree.ResolveException;
import dev.quoll.client.tree.SourceFetcher;
import dev.quoll.core.CoreException;
import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.path.PosixPath;
import dev.quoll.core.spec.AliasSpec;
import dev.quoll.core.spec.FileSpec;
import dev.quoll.core.spec.GitSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.RegistrySpec;
import dev.quoll.core.spec.RemoteSpec;
import dev.quoll.core.spec.SpecType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches packages that do not come from a registry, as pacote 21 does (its {@code FileFetcher},
 * {@code RemoteFetcher} and {@code GitFetcher}).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>A {@code file:} tarball is read from disk; a remote tarball URL is downloaded through the
 *       {@link RegistryClient} (credentials only for the registry they belong to). Either way its
 *       sha512 integrity is computed over the bytes, the bytes are stored in the {@link
 *       ContentCache} under it (so reify does not fetch them again), and the manifest is the
 *       tarball's package.json. {@code resolved} is {@code file:<path relative to the project>} or
 *       the URL.
 *   <li>A git spec is resolved to a commit with {@code git ls-remote} ({@link GitRefs}), cloned at
 *       that commit and its package.json read ({@link GitPacker}); {@code resolved} is pacote's
 *       {@code git+...#<sha>}, and there is no integrity (npm writes none for git).
 *   <li>Results are remembered per spec for the life of this fetcher.
 * </ul>
 */
public final class PackageFetcher implements SourceFetcher {
  private final RegistryClient client;
  private final ContentCache cache;
  private final String projectDir;
  private final Map<String, Fetched> fetched = new HashMap<>();

  /**
   * @param client downloads remote tarballs
   * @param cache where fetched tarballs are stored by integrity
   * @param projectDir the project folder ({@code file:} specs and resolutions are relative to it)
   */
  public PackageFetcher(RegistryClient client, ContentCache cache, Path projectDir) {
    this.client = client;
    this.cache = cache;
    this.projectDir = PosixPath.normalize(projectDir.toAbsolutePath().toString());
  }

  @Override
  public String projectDir() {
    return projectDir;
  }

  @Override
  public Fetched fetch(PackageSpec spec) {
    String key = spec.type() + " " + spec.fetchSpec().orElse("") + " " + spec.rawSpec();
    Fetched f = fetched.get(key);
    if (f == null) {
      f = fetchNew(spec);
      fetched.put(key, f);
    }
    return f;
  }

  private Fetched fetchNew(PackageSpec spec) {
    return switch (spec) {
      case FileSpec file when file.type() == SpecType.FILE -> {
        String abs = file.fetchSpec().orElseThrow();
        String rel = PosixPath.relative("/", projectDir, abs);
        yield tarball(spec.toString(), "file:" + rel, readFile(abs));
      }
      case RemoteSpec remote -> {
        String url = remote.fetchSpec().orElseThrow();
        yield tarball(spec.toString(), url, download(remote.name().orElse(""), url));
      }
      case GitSpec git -> {
        GitRepo.Resolution r = GitRepo.resolve(git);
        ObjectNode pkg = GitPacker.manifest(git, r);
        yield new Fetched(r.resolved(), Optional.empty(), pkg);
      }
      case FileSpec folder -> throw unsupported(folder);
      case RegistrySpec reg -> throw unsupported(reg);
      case AliasSpec alias -> throw unsupported(alias);
    };
  }

  /**
   * The tarball of a git dependency at the commit its lockfile {@code resolved} names: cloned and
   * packed ({@link GitPacker}), for reify.
   *
   * @param resolved e.g. {@code git+ssh://git@github.com/u/r.git#<sha>} or {@code
   *     git+file:///srv/r.git#<sha>}
   * @param ignoreScripts whether scripts are off (a repository needing preparation then packs
   *     unprepared; otherwise it fails with {@code EGITPREPARE})
   * @return the tarball bytes
   * @throws ClientException {@code EGIT}, {@code EGITPREPARE}, {@code ENOENT}; {@code
   *     EUNSUPPORTEDPROTOCOL} when {@code resolved} is not a git spec with a commit
   */
  public static byte[] gitTarball(String resolved, boolean ignoreScripts) {
    return gitTarball(resolved, ignoreScripts, Optional.empty());
  }

  /**
   * As {@link #gitTarball(String, boolean)}, preparing a repository that needs it with {@code
   * preparer} (pacote's {@code GitFetcher}: the clone's dependencies installed, its scripts run,
   * then packed); the packed tarball of a commit is made once per process.
   *
   * @param resolved the lockfile's {@code resolved}
   * @param ignoreScripts whether scripts are off (then nothing is prepared)
   * @param preparer prepares a checkout; empty refuses one that needs it ({@code EGITPREPARE})
   * @return the tarball bytes
   * @throws ClientException {@code EGIT}, {@code EGITPREPARE} (also for a failed preparation),
   *     {@code ENOENT}, {@code EUNSUPPORTEDPROTOCOL}
   */
  public static byte[] gitTarball(
      String resolved, boolean ignoreScripts, Optional<GitPreparer> preparer) {
    PackageSpec spec;
    try {
      spec = PackageSpec.parse(resolved);
    } catch (CoreException e) {
      throw new ClientException("EUNSUPPORTEDPROTOCOL", "not a git URL: " + resolved, e);
    }
    if (!(spec instanceof GitSpec git) || git.gitCommittish().isEmpty()) {
      throw new ClientException("EUNSUPPORTEDPROTOCOL", "not a git URL with a commit: " + resolved);
    }
    String sha = git.gitCommittish().get();
    List<String> urls = GitRepo.cloneUrls(git);
    ClientException last = null;
    for (String url : urls) {
      try {
        return GitPacker.pack(
                git, new GitRepo.Resolution(url, sha, resolved), ignoreScripts, preparer)
            .tgz();
      } catch (ClientException e) {
        if (!e.code().equals("EGIT")) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private Fetched tarball(String what, String resolved, byte[] tgz) {
    Integrity integrity = cache.putBytes(what, tgz);
    ObjectNode pkg = TarballManifest.read(what, tgz);
    return new Fetched(resolved, Optional.of(integrity.toString()), pkg);
  }

  private byte[] download(String name, String url) {
    try (InputStream in = client.openTarball(name, url)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readFile(String path) {
    try {
      return Files.readAllBytes(Path.of(path));
    } catch (NoSuchFileException e) {
      throw new ClientException("ENOENT", "no such file, open '" + path + "'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResolveException unsupported(PackageSpec spec) {
    return new ResolveException(
        "EUNSUPPORTEDPROTOCOL",
        "Unsupported URL Type \"" + spec.type().npmName() + "\": " + spec.rawSpec(),
        "");
  }
}
