package dev.quoll.client.testing;

import dev.quoll.client.cache.ContentCache;
import dev.quoll.client.cache.UnpackedStore;
import dev.quoll.client.config.ConfigSource;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.client.install.Installer;
import dev.quoll.client.install.RegistryPackuments;
import dev.quoll.client.registry.FetchOptions;
import dev.quoll.client.registry.RegistryClient;
import dev.quoll.client.reify.Reifier;
import dev.quoll.client.reify.ReifyOptions;
import dev.quoll.client.tree.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Quoll side of an install test on a {@link FakeRegistry}: one config, registry client and
 * packument source sharing one cache directory, and installers built on them for linux-x64-glibc.
 * Close it after the test (it does not close the registry).
 */
public final class InstallSession implements AutoCloseable {
  /** The config: the fake registry as {@code registry} (and the cache, for {@link #open}). */
  public final NpmConfig config;

  /** The registry client over {@link #config}. */
  public final RegistryClient client;

  /** Packuments read through {@link #client}, always revalidated. */
  public final RegistryPackuments packuments;

  private final Path cacheDir;

  private InstallSession(NpmConfig config, RegistryClient client, Path cacheDir) {
    this.config = config;
    this.client = client;
    this.packuments = new RegistryPackuments(client, true);
    this.cacheDir = cacheDir;
  }

  /** A session whose config names the fake registry and {@code cacheDir} as npm's cache. */
  public static InstallSession open(FakeRegistry registry, Path cacheDir) {
    NpmConfig config =
        new NpmConfig(
            Map.of(
                ConfigSource.USER,
                Map.of("registry", registry.url(), "cache", cacheDir.toString())));
    return new InstallSession(
        config, new RegistryClient(config, FetchOptions.of(config)), cacheDir);
  }

  /** A session on {@link #fastClient}: a failed request is retried once, after milliseconds. */
  public static InstallSession openFast(FakeRegistry registry, Path cacheDir) {
    NpmConfig config = new NpmConfig(Map.of(ConfigSource.USER, Map.of("registry", registry.url())));
    return new InstallSession(config, fastClient(config, cacheDir), cacheDir);
  }

  /**
   * A registry client on the fake registry with {@code cacheDir} as its cache and short retry waits
   * (one retry, 5-10 ms apart, 10 s timeout), so failure tests do not wait out npm's defaults.
   */
  public static RegistryClient fastClient(FakeRegistry registry, Path cacheDir) {
    return fastClient(
        new NpmConfig(Map.of(ConfigSource.USER, Map.of("registry", registry.url()))), cacheDir);
  }

  private static RegistryClient fastClient(NpmConfig config, Path cacheDir) {
    FetchOptions o = FetchOptions.of(config);
    return new RegistryClient(
        config,
        new FetchOptions(
            o.mode(),
            cacheDir,
            1,
            2,
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofSeconds(10),
            8,
            o.userAgent(),
            Instant.MAX));
  }

  /** An installer with {@link #config} and default reify options. */
  public Installer installer() {
    return installer(config, ReifyOptions.defaults());
  }

  /** An installer with {@code config} and {@code options}, on this session's client and cache. */
  public Installer installer(NpmConfig config, ReifyOptions options) {
    return new Installer(
        config,
        packuments,
        new Reifier(client, new ContentCache(cacheDir.resolve("_cacache"))),
        options,
        new Platform("linux", "x64", "glibc"));
  }

  /**
   * An installer as {@code quoll install} builds it: linking packages from the unpacked store under
   * {@code <cache>/_quoll/unpacked} (4 link threads), with {@link #config} and default options.
   */
  public Installer installerLinkingFromStore() {
    return new Installer(
        config,
        packuments,
        new Reifier(client, new ContentCache(cacheDir.resolve("_cacache")))
            .linkingFrom(new UnpackedStore(cacheDir.resolve("_quoll").resolve("unpacked")), 4),
        ReifyOptions.defaults(),
        new Platform("linux", "x64", "glibc"));
  }

  @Override
  public void close() {
    packuments.close();
    client.close();
  }
}
