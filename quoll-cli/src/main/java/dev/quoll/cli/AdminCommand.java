package dev.quoll.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll admin}: registry administration through a running registry's admin endpoints
 * (docs/api.md), with the token of a user named in the registry's {@code admins} config key.
 *
 * <ul>
 *   <li>{@code quoll admin release <package>}: {@code DELETE /-/quoll/admin/package/<name>};
 *   <li>{@code quoll admin deactivate <user>}: {@code POST /-/quoll/admin/user/<name>/deactivate};
 *   <li>{@code quoll admin reactivate <user>}: {@code POST /-/quoll/admin/user/<name>/reactivate}
 *       (the password works again; the tokens revoked by the deactivation stay revoked).
 * </ul>
 *
 * Unpublishing past the window needs no command of its own: an admin runs {@code npm unpublish}
 * with their token. Exit codes: 0 on success, 1 with the registry's error message.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Registry administration (for users named in the registry's admins key).",
    subcommands = {
      AdminCommand.Release.class,
      AdminCommand.Deactivate.class,
      AdminCommand.Reactivate.class
    })
public final class AdminCommand implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The options every admin subcommand takes. */
  static final class Target {
    @Option(
        names = "--registry",
        required = true,
        description = "The registry's base URL, e.g. http://127.0.0.1:4873/.")
    String registry;

    @Option(
        names = "--token",
        required = true,
        description = "An admin's token (or set QUOLL_TOKEN and pass --token env).")
    String token;

    @Option(names = "--otp", description = "One-time password, for an admin with 2FA.")
    String otp;

    /** Sends one request; returns 0, or prints the registry's error and returns 1. */
    int send(CommandLine.Model.CommandSpec spec, String method, String path) {
      String base = registry.endsWith("/") ? registry : registry + "/";
      String t = token.equals("env") ? System.getenv().getOrDefault("QUOLL_TOKEN", "") : token;
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .header("Authorization", "Bearer " + t);
      return RegistryCall.send(spec, "quoll admin", b, otp, "ok");
    }
  }

  /** {@code quoll admin release <package>}: frees the name an unpublish left as a placeholder. */
  @Command(
      name = "release",
      mixinStandardHelpOptions = true,
      description = "Release an unpublished package name.")
  static final class Release implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Target target = new Target();

    @Parameters(index = "0", description = "The package name, e.g. @scope/name.")
    String name;

    @Override
    public Integer call() {
      return target.send(spec, "DELETE", "-/quoll/admin/package/" + name.replace("/", "%2f"));
    }
  }

  /** A {@code POST /-/quoll/admin/user/<user>/<action>} subcommand. */
  abstract static class UserAction implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Target target = new Target();

    @Parameters(index = "0", description = "The user name.")
    String user;

    /** The last path segment, e.g. {@code deactivate}. */
    abstract String action();

    @Override
    public Integer call() {
      return target.send(
          spec,
          "POST",
          "-/quoll/admin/user/" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "/" + action());
    }
  }

  /** {@code quoll admin deactivate <user>}: stops an account's tokens and password at once. */
  @Command(name = "deactivate", mixinStandardHelpOptions = true, description = "Deactivate a user.")
  static final class Deactivate extends UserAction {
    @Override
    String action() {
      return "deactivate";
    }
  }

  /** {@code quoll admin reactivate <user>}: gives a deactivated account its password back. */
  @Command(
      name = "reactivate",
      mixinStandardHelpOptions = true,
      description = "Reactivate a deactivated user (their old tokens stay revoked).")
  static final class Reactivate extends UserAction {
    @Override
    String action() {
      return "reactivate";
    }
  }
}
