package dev.quoll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link ReifyArgs} against picocli itself: for thousands of generated {@code install} and {@code
 * ci} command lines (every option name of the two commands' picocli models, in both value forms,
 * repeated, with odd values, specs, {@code @file} words and {@code --}), either ReifyArgs declines
 * or it builds exactly the command object picocli builds (every field compared); a line picocli
 * rejects is always declined. Then the two paths must fail alike: the same exit code and stderr.
 */
class ReifyArgsTest {
  @TempDir Path tmp;

  private static final List<String> VALUES =
      List.of("dev", "optional,peer", "/tmp/q c", "http://r.example/x", "warn", "2020-01-01");
  private static final List<String> ODD =
      List.of("", "-", "--", "-x", "@file", "@s/p", "a=b", "lodash@^4", "-sD", "--json=true");

  /** Every option name picocli knows for the command, with whether it takes a value. */
  private static Map<String, Boolean> options(Object command) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (CommandLine.Model.OptionSpec o : new CommandLine(command).getCommandSpec().options()) {
      for (String n : o.names()) {
        out.put(n, o.arity().max() > 0);
      }
    }
    return out;
  }

  private static List<String> line(Random r, String command, Map<String, Boolean> options) {
    List<String> names = new ArrayList<>(options.keySet());
    List<String> out = new ArrayList<>(List.of(command));
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(10);
      if (kind < 6) {
        String name = names.get(r.nextInt(names.size()));
        String value = VALUES.get(r.nextInt(VALUES.size()));
        if (!options.get(name) || r.nextInt(8) == 0) {
          out.add(r.nextInt(12) == 0 ? name + "=" + value : name);
        } else if (r.nextBoolean()) {
          out.add(name + "=" + value);
        } else {
          out.add(name);
          if (r.nextInt(10) > 0) {
            out.add(value);
          }
        }
      } else if (kind < 8) {
        out.add(List.of("lodash", "react@18", "a").get(r.nextInt(3)));
      } else {
        out.add(ODD.get(r.nextInt(ODD.size())));
      }
    }
    return out;
  }

  /** Every field of the command and its client options, lists and paths as plain values. */
  private static Map<String, Object> state(ReifyCommand c) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields(c, c.getClass(), "", out);
    fields(c.client, ClientOptions.class, "client.", out);
    return out;
  }

  private static void fields(Object o, Class<?> type, String prefix, Map<String, Object> out) {
    for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
      for (Field f : t.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType() == ClientOptions.class) {
          continue;
        }
        f.setAccessible(true);
        try {
          Object v = f.get(o);
          out.put(
              prefix + t.getSimpleName() + "." + f.getName(),
              v instanceof List<?> l ? List.copyOf(l) : v);
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  @Test
  void acceptsOnlyWhatPicocliParsesTheSame() {
    Random r = new Random(7);
    Map<String, Supplier<ReifyCommand>> commands =
        Map.of(
            "install", InstallCommand::new,
            "i", InstallCommand::new,
            "add", InstallCommand::new,
            "ci", CiCommand::new,
            "clean-install", CiCommand::new);
    Map<String, Map<String, Boolean>> optionsOf = new LinkedHashMap<>();
    commands.forEach((k, v) -> optionsOf.put(k, options(v.get())));
    List<String> mismatches = new ArrayList<>();
    int accepted = 0;
    int cases = 3000;
    List<String> names = List.copyOf(commands.keySet());
    for (int i = 0; i < cases; i++) {
      String command = names.get(i % names.size());
      List<String> line = line(r, command, optionsOf.get(command));
      String[] args = line.toArray(String[]::new);
      Optional<ReifyArgs.Direct> direct = ReifyArgs.parse(args);
      if (direct.isEmpty()) {
        continue; // declining is always safe: picocli parses the line
      }
      accepted++;
      ReifyCommand viaPicocli = commands.get(command).get();
      boolean parsed;
      try {
        CommandLine.ParseResult pr =
            new CommandLine(viaPicocli)
                .parseArgs(line.subList(1, line.size()).toArray(String[]::new));
        parsed = !pr.isUsageHelpRequested() && !pr.isVersionHelpRequested();
      } catch (CommandLine.ParameterException e) {
        parsed = false;
      }
      if (!parsed) {
        mismatches.add(line + ": accepted, picocli rejects it");
      } else if (!state(direct.get().command()).equals(state(viaPicocli))) {
        mismatches.add(
            line
                + ":\n  direct  "
                + state(direct.get().command())
                + "\n  picocli "
                + state(viaPicocli));
      }
      if (direct.get().command().getClass() != viaPicocli.getClass()) {
        mismatches.add(line + ": " + direct.get().command().getClass());
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " mismatches, first: "
            + String.join("\n", mismatches.stream().limit(5).toList()));
    assertTrue(accepted > cases / 10, "only " + accepted + " of " + cases + " accepted");
  }

  @Test
  void takesTheBenchmarksLinesAndNamesTheCommandAsPicocliDoes() {
    for (String alias :
        List.of("install", "i", "add", "ci", "clean-install", "install-clean", "isntall-clean")) {
      Optional<ReifyArgs.Direct> d =
          ReifyArgs.parse(
              new String[] {
                alias,
                "--ignore-scripts",
                "--cache",
                "/c",
                "--userconfig",
                "/n",
                "--legacy-peer-deps"
              });
      assertTrue(d.isPresent(), alias);
      CommandLine sub = QuollCommand.commandLine().getSubcommands().get(alias);
      assertEquals(sub.getCommandName(), d.get().name(), alias);
      assertEquals(sub.getCommand().getClass(), d.get().command().getClass(), alias);
    }
    assertEquals(Optional.empty(), ReifyArgs.parse(new String[] {"ls"}));
    assertEquals(Optional.empty(), ReifyArgs.parse(new String[] {}));
  }

  private record Run(int code, String out, String err) {}

  private static Run run(boolean direct, String... args) {
    Captured.Output o =
        Captured.run(
            (out, err) ->
                direct
                    ? ReifyArgs.parse(args).orElseThrow().execute()
                    : QuollCommand.commandLine()
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute(args));
    return new Run(o.code(), o.out(), o.err());
  }

  @Test
  void failsAsPicocliDoes() throws IOException {
    Files.writeString(tmp.resolve("npmrc"), "");
    Path broken = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(broken.resolve("package.json"), "{\"name\": ");
    Path nolock = Files.createDirectories(tmp.resolve("nolock"));
    Files.writeString(nolock.resolve("package.json"), "{\"name\":\"p\",\"version\":\"1.0.0\"}");
    String cache = tmp.resolve("cache").toString();
    String npmrc = tmp.resolve("npmrc").toString();
    List<String[]> lines =
        List.of(
            new String[] {
              "i", "--prefix", broken.toString(), "--cache", cache, "--userconfig", npmrc
            },
            new String[] {"ci", "--prefix=" + nolock, "--cache", cache, "--userconfig", npmrc},
            new String[] {
              "install",
              "--prefix",
              nolock.toString(),
              "--cache",
              cache,
              "--userconfig",
              npmrc,
              "--loglevel",
              "loud"
            });
    for (String[] line : lines) {
      Run picocli = run(false, line);
      Run direct = run(true, line);
      assertEquals(picocli, direct, String.join(" ", line));
      assertEquals(1, direct.code(), direct.toString());
    }
  }
}
