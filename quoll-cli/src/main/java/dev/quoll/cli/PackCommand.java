package dev.quoll.cli;

import dev.quoll.core.json.Json;
import dev.quoll.core.tarball.Pack;
import dev.quoll.core.tarball.PackResult;
import dev.quoll.core.tarball.PackedFile;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quoll pack [<folder>]}: writes the folder's package as {@code npm pack} does (npm 11: the
 * same files, order, modes and tar bytes; see {@link Pack}) into the current directory or {@code
 * --pack-destination}, and prints the tarball's file name on stdout, the contents on stderr. With
 * {@code --json} it prints the array {@code npm pack --json} prints; with {@code --dry-run} it
 * writes nothing. Lifecycle scripts (prepack, prepare) are not run.
 */
@Command(
    name = "pack",
    mixinStandardHelpOptions = true,
    description = "Create a tarball from a package folder, as npm pack does.")
public final class PackCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "<folder>", description = "Package folder (default: .)")
  Path folder = Path.of(".");

  @Option(
      names = "--pack-destination",
      paramLabel = "<dir>",
      description = "Directory to write the tarball to (default: .)")
  Path destination = Path.of(".");

  @Option(names = "--json", description = "Print npm pack's JSON report.")
  boolean json;

  @Option(names = "--dry-run", description = "Report what would be packed; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PackResult result =
        dryRun
            ? Pack.pack(folder, OutputStream.nullOutputStream())
            : Pack.packTo(folder, destination);
    if (json) {
      System.out.println(Json.stringify(Json.toTree(List.of(result.toJson())), "  "));
    } else {
      report(result, System.err);
      System.out.println(result.filename());
    }
    return 0;
  }

  private static void report(PackResult r, PrintStream err) {
    err.println("package: " + r.id());
    for (PackedFile f : r.files()) {
      err.printf("%9d %s%n", f.size(), f.path());
    }
    err.printf(
        "name: %s%nversion: %s%nfilename: %s%npackage size: %d B%nunpacked size: %d B%n"
            + "shasum: %s%nintegrity: %s%ntotal files: %d%n",
        r.name(),
        r.version(),
        r.filename(),
        r.size(),
        r.unpackedSize(),
        r.shasum(),
        r.integrity(),
        r.files().size());
  }
}
