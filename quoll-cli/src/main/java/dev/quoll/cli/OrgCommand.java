package dev.quoll.cli;

import dev.quoll.client.config.ConfigLoader;
import dev.quoll.client.config.NpmConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll org}: orgs on a Quoll registry beyond what npm's own {@code npm org} does.
 *
 * <ul>
 *   <li>{@code quoll org create <org>}: {@code PUT /-/org/<org>} (docs/api.md) with the caller's
 *       credentials for the registry from npm's config (npmrc, {@code --registry}, {@code
 *       --userconfig}), as npm-registry-fetch picks them; the caller becomes the org's owner. A
 *       name taken by a user or an org is refused (409).
 * </ul>
 *
 * Members, teams and team access are managed with npm itself ({@code npm org}, {@code npm team},
 * {@code npm access}). Exit codes: 0 on success, 1 with the registry's error message.
 */
@Command(
    name = "org",
    mixinStandardHelpOptions = true,
    description = "Orgs (members and teams: use npm org, npm team, npm access).",
    subcommands = {OrgCommand.Create.class})
public final class OrgCommand implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code quoll org create <org>}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an org; you become its owner.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin ClientOptions options = new ClientOptions();

    @Option(names = "--otp", description = "One-time password, for an account with 2FA.")
    String otp;

    @Parameters(index = "0", description = "The org name (also its scope), e.g. acme.")
    String org;

    @Override
    public Integer call() {
      String name = org.startsWith("@") ? org.substring(1) : org;
      NpmConfig config = ConfigLoader.forProcess(options.flags(Map.of())).load();
      String registry = config.registry();
      String url = registry + "-/org/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
      Optional<String> auth = config.credentialsFor(url, registry).authorization();
      if (auth.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("quoll org create: not logged in to " + registry + " (run npm login)");
        return 1;
      }
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .PUT(HttpRequest.BodyPublishers.ofString("{}"))
              .header("Content-Type", "application/json")
              .header("Authorization", auth.get());
      return RegistryCall.send(spec, "quoll org create", b, otp, "+@" + name);
    }
  }
}
