package dev.quoll.cli;

import dev.quoll.registry.Registry;
import dev.quoll.registry.config.ConfigException;
import dev.quoll.registry.config.ConfigKey;
import dev.quoll.registry.config.ConfigKeys;
import dev.quoll.registry.config.Settings;
import dev.quoll.registry.http.LogWriter;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code quoll serve}: runs the registry until SIGTERM/SIGINT, then stops gracefully. Its flags are
 * the config keys ({@link ConfigKeys#ALL}, one {@code --<key>} each, documented in
 * docs/configuration.md); it prints the URL and the npm command that points npm at it, then one log
 * line per request.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the npm registry server.")
public final class Serve implements Callable<Integer> {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Adds one option per config key to the command. */
  static CommandLine.Model.CommandSpec withConfigOptions(CommandLine.Model.CommandSpec spec) {
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      spec.addOption(
          OptionSpec.builder(key.flag())
              .paramLabel("<" + key.name() + ">")
              .type(String.class)
              .description(
                  key.description()
                      + (key.defaultText().isEmpty() ? "" : " Default: " + key.defaultText() + "."))
              .build());
    }
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      OptionSpec o = spec.findOption(key.flag());
      if (o != null && o.getValue() != null) {
        flags.put(key.name(), o.getValue());
      }
    }
    PrintStream out = System.out;
    Settings settings;
    try {
      settings = Settings.resolve(flags, System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("quoll serve: " + e.getMessage());
      return 2;
    }
    LogWriter log = new LogWriter(out);
    Registry registry;
    try {
      registry =
          Registry.start(
              settings,
              log,
              dev.quoll.registry.accounts.PasswordHasher.Argon2Params.DEFAULT,
              dev.quoll.s3.S3BlobStore::open);
    } catch (Exception e) {
      log.close();
      throw e;
    }
    Thread stopper =
        new Thread(
            () -> {
              try {
                registry.close();
                log.close();
              } catch (Exception e) {
                e.printStackTrace();
              }
            },
            "quoll-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    log.accept("quoll registry listening on " + registry.baseUrl());
    log.accept("point npm at it with: npm config set registry " + registry.baseUrl());
    registry.join();
    return 0;
  }
}
