package dev.quoll.client.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.client.ClientException;
import dev.quoll.client.Redaction;
import dev.quoll.client.config.NpmConfig;
import dev.quoll.core.CoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * An npm registry client on {@code java.net.http}, as pacote 21 and npm-registry-fetch 19 talk to a
 * registry.
 *
 * <p>Contract: two {@link HttpClient}s ({@link Lane}s: one for packuments, one for tarballs; HTTP/2
 * where the server offers it, pooled connections, so a host is resolved once per connection rather
 * than per request) serve every request; in each lane at most {@link FetchOptions#maxConcurrent()}
 * requests are in flight, each from before it is sent until its body is read or closed. Packuments
 * are fetched whole ({@code Accept: application/json}), as npm 11.19.1's arborist fetches every
 * manifest of the ideal tree ({@code fullMetadata: true}). A 200 body is read as it streams by
 * {@link SlimPackumentReader}, which keeps only what an install reads (a 10 MB document never
 * exists whole in memory), and that slim form is what the disk cache stores, with the ETag and
 * Last-Modified, and what is returned. Cached documents are used according to the {@link
 * FetchMode}; a stale entry is revalidated with {@code If-None-Match} / {@code If-Modified-Since}
 * and a 304 reuses it. A failed connection, a timeout, or a 408, 420, 429 or 5xx status is retried
 * {@link FetchOptions#retries()} times with exponential backoff (as make-fetch-happen); when all
 * attempts fail and a cached packument exists, the stale copy is used. The {@code authorization}
 * header is sent only where {@link NpmConfig#credentialsFor} allows. Any other status {@code >=
 * 400} is an {@link HttpStatusException} with npm-registry-fetch's code ({@code 'E' + status}, or
 * {@code EOTP}/{@code EAUTHIP} for a 401 that asks for them) and message, e.g. {@code "404 Not
 * Found - GET <url> - <body.error>"} ({@link StatusText}).
 */
public final class RegistryClient implements AutoCloseable {
  /**
   * pacote's Accept header for abbreviated ("corgi") packuments (npm 11 installs do not use it).
   */
  public static final String CORGI_ACCEPT =
      "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

  /** The Accept header for full packuments. */
  public static final String FULL_ACCEPT = "application/json";

  private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
  private static final String NPMJS = "https://registry.npmjs.org/";

  private final NpmConfig config;
  private final FetchOptions options;
  private final Lane packumentLane;
  private final Lane tarballLane;
  private final PackumentCache cache;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, CompletableFuture<Void>> firstRequests = new ConcurrentHashMap<>();
  private final Consumer<String> httpLog;

  /**
   * @param config credentials and registries
   * @param options modes, cache folder, retries and limits
   */
  public RegistryClient(NpmConfig config, FetchOptions options) {
    this(config, options, line -> {});
  }

  /**
   * A client that reports its retries as npm's {@code http} log level does.
   *
   * @param config credentials and registries
   * @param options modes, cache folder, retries and limits
   * @param httpLog receives one line per failed attempt that will be retried, without npm's {@code
   *     "npm http "} prefix, e.g. {@code "fetch GET https://r/x attempt 2 failed with ECONNRESET"}
   *     (make-fetch-happen 15's retry log), with URL passwords redacted ({@link Redaction#log})
   */
  public RegistryClient(NpmConfig config, FetchOptions options, Consumer<String> httpLog) {
    this.httpLog = line -> httpLog.accept(Redaction.log(line));
    this.config = config;
    this.options = options;
    this.packumentLane = new Lane("packument", options.maxConcurrent(), workers);
    this.tarballLane = new Lane("tarball", options.maxConcurrent(), workers);
    this.cache = new PackumentCache(options.cacheDir().resolve("_quoll").resolve("packuments"));
  }

  /** The options this client was built with. */
  public FetchOptions options() {
    return options;
  }

  /**
   * The packument URL of a package: its registry ({@link NpmConfig#registryFor}) plus the escaped
   * name ({@code @scope%2fname}).
   *
   * @param name the package name
   * @return the URL
   */
  public String packumentUrl(String name) {
    String escaped = name.startsWith("@") ? name.replaceFirst("/", "%2f") : name;
    return config.registryFor(name) + escaped;
  }

  /**
   * Fetches one packument.
   *
   * @param name the package name
   * @return the document and where it came from
   * @throws ClientException {@code E404} and other {@code E<status>} codes, {@code ENOTCACHED}
   *     offline without a cached copy, {@code ECONNREFUSED}/{@code ETIMEDOUT}/{@code
   *     ECONNRESET}/{@code ENOTFOUND} when the network fails and nothing is cached, {@code
   *     EJSONPARSE} for a broken document
   */
  public FetchedPackument packument(String name) {
    // npm 11.19.1 builds the ideal tree from full documents (arborist 9.9 build-ideal-tree.js
    // #fetchManifest passes fullMetadata: true), so the lockfile gets fields that abbreviated
    // documents lack (license): a registry that honours the abbreviated Accept (Quoll's own)
    // would otherwise give a lockfile that differs from npm's
    return fetchPackument(name, packumentUrl(name), config.registryFor(name), FULL_ACCEPT);
  }

  /**
   * Fetches packuments in parallel (one virtual thread each, bounded by {@link
   * FetchOptions#maxConcurrent()}).
   *
   * @param names package names
   * @return name to packument, in the order given
   * @throws ClientException the first failure, after all fetches ended
   */
  public Map<String, FetchedPackument> packuments(Collection<String> names) {
    Map<String, Future<FetchedPackument>> futures = new LinkedHashMap<>();
    for (String n : names) {
      futures.putIfAbsent(n, workers.submit(() -> packument(n)));
    }
    Map<String, FetchedPackument> out = new LinkedHashMap<>();
    RuntimeException first = null;
    for (Map.Entry<String, Future<FetchedPackument>> e : futures.entrySet()) {
      try {
        out.put(e.getKey(), e.getValue().get());
      } catch (ExecutionException ex) {
        if (first == null) {
          first =
              ex.getCause() instanceof RuntimeException r
                  ? r
                  : new ClientException("EFETCH", ex.getCause().toString(), ex.getCause());
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new ClientException("EINTR", "interrupted");
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }

  private FetchedPackument fetchPackument(String name, String url, String registry, String accept) {
    Optional<PackumentCache.Entry> cached = cache.read(url, accept);
    Instant now = Instant.now();
    FetchMode mode = options.mode();
    if (cached.isPresent()
        && (mode == FetchMode.OFFLINE
            || mode == FetchMode.PREFER_OFFLINE
            || mode == FetchMode.DEFAULT && cached.get().freshAt(now))) {
      return parsed(name, url, cached.get().body(), FetchedPackument.Origin.CACHE);
    }
    if (mode == FetchMode.OFFLINE) {
      throw new ClientException(
          "ENOTCACHED",
          "request to "
              + url
              + " failed: cache mode is 'only-if-cached' but no cached response is available.");
    }
    HttpRequest.Builder req = request(url, registry).header("accept", accept);
    req.header("accept-encoding", "gzip").header("pacote-req-type", "packument");
    cached.ifPresent(
        c -> {
          if (!c.etag().isEmpty()) {
            req.header("if-none-match", c.etag());
          }
          if (!c.lastModified().isEmpty()) {
            req.header("if-modified-since", c.lastModified());
          }
        });
    HttpResponse<InputStream> resp;
    try {
      resp = send(req.build(), packumentLane);
    } catch (ClientException e) {
      if (cached.isPresent() && isNetworkFailure(e)) {
        return parsed(name, url, cached.get().body(), FetchedPackument.Origin.STALE);
      }
      throw e;
    }
    HttpHeaders h = resp.headers();
    Duration maxAge = maxAge(h);
    if (resp.statusCode() == 304 && cached.isPresent()) {
      readBody(resp);
      PackumentCache.Entry c = cached.get();
      cache.write(
          url,
          accept,
          new PackumentCache.Entry(
              c.body(),
              h.firstValue("etag").orElse(c.etag()),
              h.firstValue("last-modified").orElse(c.lastModified()),
              now,
              maxAge),
          false);
      return parsed(name, url, c.body(), FetchedPackument.Origin.REVALIDATED);
    }
    if (resp.statusCode() >= 400 || resp.statusCode() == 304) {
      // npm-registry-fetch's pkgid without a spec: the name from the URL (pacote passes the spec;
      // the tree builder's NotFound names it)
      throw statusError(resp, url, Optional.of(name));
    }
    ObjectNode slim;
    try (InputStream in = decoded(resp)) {
      slim = SlimPackumentReader.read(in, keepTime());
    } catch (CoreException e) {
      throw jsonError(name, e);
    } catch (IOException e) {
      return staleOr(name, url, cached, networkError(resp.uri(), e));
    } catch (UncheckedIOException e) {
      return staleOr(name, url, cached, networkError(resp.uri(), e.getCause()));
    }
    cache.write(
        url,
        accept,
        new PackumentCache.Entry(
            SlimPackumentReader.toBytes(slim),
            h.firstValue("etag").orElse(""),
            h.firstValue("last-modified").orElse(""),
            now,
            maxAge),
        true);
    return new FetchedPackument(name, url, slim, FetchedPackument.Origin.NETWORK);
  }

  /** The cached copy after the body failed to arrive, else {@code failure}. */
  private FetchedPackument staleOr(
      String name, String url, Optional<PackumentCache.Entry> cached, ClientException failure) {
    if (cached.isEmpty()) {
      throw failure;
    }
    return parsed(name, url, cached.get().body(), FetchedPackument.Origin.STALE);
  }

  /** Whether packuments keep {@code time}: only {@code --before} reads it. */
  private boolean keepTime() {
    return options.beforeDate().isPresent();
  }

  /**
   * Opens a tarball download. The caller must read the stream to its end and close it.
   *
   * @param packageName the package the tarball belongs to (chooses the registry for credentials)
   * @param url the tarball URL (after {@link #tarballUrl})
   * @return the response body (the tarball bytes as sent)
   * @throws ClientException {@code E<status>} for a failed response (an {@link HttpStatusException}
   *     whose pkgid is {@code <packageName>@<url>}), network codes when all retries failed, {@code
   *     ENOTCACHED} in {@link FetchMode#OFFLINE}
   */
  public InputStream openTarball(String packageName, String url) {
    if (options.mode() == FetchMode.OFFLINE) {
      throw new ClientException(
          "ENOTCACHED",
          "request to "
              + url
              + " failed: cache mode is 'only-if-cached' but no cached response is available.");
    }
    HttpRequest req =
        request(url, config.registryFor(packageName))
            .header("accept", "*/*")
            .header("pacote-req-type", "tarball")
            .build();
    HttpResponse<InputStream> resp = send(req, tarballLane);
    if (resp.statusCode() >= 400) {
      // npm-package-arg's toString of the remote spec pacote fetched: name@url, or the URL alone
      throw statusError(
          resp, url, Optional.of(packageName.isEmpty() ? url : packageName + "@" + url));
    }
    return resp.body();
  }

  /**
   * A lockfile's {@code resolved} URL as npm fetches it with the default {@code
   * replace-registry-host=npmjs}: a URL on {@code registry.npmjs.org} is moved to the configured
   * registry (its origin and path prefix), others are kept. With {@code replace-registry-host}
   * {@code never} nothing is rewritten; with {@code always} any host is replaced.
   *
   * @param resolved the URL from the lockfile
   * @param packageName the package (chooses a scoped registry)
   * @return the URL to request
   */
  public String tarballUrl(String resolved, String packageName) {
    String registry = config.registryFor(packageName);
    String mode = config.get("replace-registry-host").orElse("npmjs");
    if (mode.equals("never") || registry.equals(NPMJS)) {
      return resolved;
    }
    URI u = URI.create(resolved);
    boolean replace =
        mode.equals("always")
            || mode.equals("npmjs") && "registry.npmjs.org".equals(u.getHost())
            || URI.create(registry).getHost() != null && mode.equals(u.getHost());
    if (!replace) {
      return resolved;
    }
    String path = u.getRawPath().startsWith("/") ? u.getRawPath().substring(1) : u.getRawPath();
    return registry + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  private HttpRequest.Builder request(String url, String registry) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(options.timeout())
            .header("user-agent", options.userAgent())
            .header("npm-command", "install");
    config
        .credentialsFor(url, registry)
        .authorization()
        .ifPresent(a -> b.header("authorization", a));
    return b;
  }

  private HttpResponse<InputStream> send(HttpRequest req, Lane lane) {
    int id = FetchTrace.next();
    long t0 = System.nanoTime();
    String origin = lane.name() + " " + req.uri().getScheme() + "://" + req.uri().getRawAuthority();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Void> first = firstRequests.putIfAbsent(origin, gate);
    if (first != null) {
      first.join();
    }
    try {
      return sendGated(req, lane, id, t0);
    } finally {
      gate.complete(null);
    }
  }

  /**
   * Sends with retries. {@link #send} lets the first request to each origin run alone, so that one
   * HTTP/2 connection (one TLS handshake) is set up and every later request shares it; without that
   * gate java.net.http opens one connection per request started before the first connects.
   *
   * <p>A permit is held from before the request is sent until its body has been read or closed
   * ({@link PermitBody}), so that at most {@link FetchOptions#maxConcurrent()} HTTP/2 streams are
   * open. (Releasing it when the headers arrived let more than the server's 128 streams be open at
   * once; java.net.http then failed new requests with "too many concurrent streams", and each such
   * failure waited out npm's 10 s {@code fetch-retry-mintimeout}: the 7-10 s stalls of cold
   * installs.) Should a server allow fewer streams than the permits, that local refusal (the
   * request never left the client) is retried after a short pause without using up an attempt.
   */
  private HttpResponse<InputStream> sendGated(HttpRequest req, Lane lane, int id, long t0) {
    Semaphore permits = lane.permits();
    ClientException last = null;
    int refused = 0;
    int backedOff = 0;
    for (int attempt = 0; attempt <= options.retries(); attempt++) {
      if (attempt > backedOff) {
        backedOff = attempt;
        Duration wait = options.retryWait(attempt - 1);
        FetchTrace.log(
            id, "retry " + (attempt + 1) + " in " + wait.toMillis() + " ms " + req.uri());
        httpLog.accept(
            "fetch GET " + req.uri() + " attempt " + (attempt + 1) + " failed with " + last.code());
        sleep(wait);
      }
      try {
        long p0 = System.nanoTime();
        permits.acquire();
        PermitBody[] body = new PermitBody[1];
        boolean handedOver = false;
        try {
          if (FetchTrace.ON) {
            FetchTrace.log(
                id,
                "start "
                    + lane.name()
                    + " permit "
                    + FetchTrace.since(p0)
                    + " ms, since ask "
                    + FetchTrace.since(t0)
                    + " ms "
                    + req.uri());
          }
          HttpResponse<InputStream> resp =
              lane.http().send(req, bodyHandler(id, req.uri(), t0, body, permits));
          int s = resp.statusCode();
          if (FetchTrace.ON) {
            FetchTrace.log(
                id, "headers " + s + " " + resp.version() + " " + FetchTrace.since(t0) + " ms");
          }
          if (attempt < options.retries() && (s == 408 || s == 420 || s == 429 || s >= 500)) {
            resp.body().close();
            last = new ClientException("E" + s, s + " - GET " + req.uri());
            continue;
          }
          handedOver = true;
          return resp;
        } finally {
          if (!handedOver) {
            if (body[0] != null) {
              body[0].release();
            } else {
              permits.release();
            }
          }
        }
      } catch (IOException e) {
        FetchTrace.log(id, "failed " + FetchTrace.since(t0) + " ms: " + e);
        last = networkError(req.uri(), e);
        if (refusedLocally(e) && refused < 100) {
          refused++;
          httpLog.accept(
              "fetch GET "
                  + req.uri()
                  + " attempt "
                  + (attempt + 1)
                  + " refused: "
                  + e.getMessage());
          sleep(Duration.ofMillis(10L * refused));
          attempt--;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClientException("EINTR", "interrupted: GET " + req.uri());
      }
    }
    throw last;
  }

  /** java.net.http's refusal to open a stream beyond the server's limit (nothing was sent). */
  private static boolean refusedLocally(IOException e) {
    return "too many concurrent streams".equals(e.getMessage());
  }

  /** Bodies as streams, wrapped to trace them and to release the request's permit at their end. */
  private static HttpResponse.BodyHandler<InputStream> bodyHandler(
      int id, URI uri, long t0, PermitBody[] body, Semaphore permits) {
    return info ->
        HttpResponse.BodySubscribers.mapping(
            HttpResponse.BodySubscribers.ofInputStream(),
            in -> body[0] = new PermitBody(FetchTrace.body(id, uri, t0, in), permits));
  }

  private static ClientException networkError(URI uri, IOException e) {
    return NetworkError.of(uri, e);
  }

  private static boolean isNetworkFailure(ClientException e) {
    return List.of("ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "ENOTFOUND").contains(e.code())
        || e.code().startsWith("E5");
  }

  private static byte[] readBody(HttpResponse<InputStream> resp) {
    try (InputStream in = decoded(resp)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw networkError(resp.uri(), e);
    }
  }

  /** The response body, gunzipped when the server sent {@code content-encoding: gzip}. */
  private static InputStream decoded(HttpResponse<InputStream> resp) throws IOException {
    InputStream raw = resp.body();
    boolean gzip =
        resp.headers().firstValue("content-encoding").orElse("").equalsIgnoreCase("gzip");
    if (!gzip) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, 64 * 1024);
    } catch (IOException e) {
      raw.close(); // a bad gzip header: the body still holds a stream and its permit
      throw e;
    }
  }

  private FetchedPackument parsed(
      String name, String url, byte[] body, FetchedPackument.Origin origin) {
    try {
      return new FetchedPackument(name, url, SlimPackumentReader.read(body, keepTime()), origin);
    } catch (CoreException e) {
      throw jsonError(name, e);
    }
  }

  private static ClientException jsonError(String name, CoreException e) {
    return new ClientException(
        "EJSONPARSE", "invalid packument for " + name + ": " + e.getMessage(), e);
  }

  /** npm-registry-fetch's error for a failed GET ({@link HttpStatusException}). */
  private static HttpStatusException statusError(
      HttpResponse<InputStream> resp, String url, Optional<String> pkgid) {
    byte[] body = readBody(resp);
    return HttpStatusException.of(
        resp.statusCode(), "GET", url, resp.headers().allValues("www-authenticate"), body, pkgid);
  }

  private static Duration maxAge(HttpHeaders h) {
    Matcher m = MAX_AGE.matcher(h.firstValue("cache-control").orElse(""));
    return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : Duration.ZERO;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("EINTR", "interrupted");
    }
  }

  /** Closes the HTTP client and its threads. */
  @Override
  public void close() {
    packumentLane.close();
    tarballLane.close();
    workers.close();
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
