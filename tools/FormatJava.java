import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import com.google.googlejavaformat.java.ImportOrderer;
import com.google.googlejavaformat.java.JavaFormatterOptions;
import com.google.googlejavaformat.java.RemoveUnusedImports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build's formatting gate: google-java-format over every Java file under the given root's
 * src/ folders. Run by the root pom with the JDK 25 toolchain (the formatter parses with the JDK
 * it runs on, so it must be the JDK the sources are written for).
 *
 * <p>Usage: {@code java -cp google-java-format.jar tools/FormatJava.java check|apply ROOT}. In check
 * mode it lists every file that is not formatted and exits 1; in apply mode it rewrites them.
 */
class FormatJava {
  public static void main(String[] args) throws Exception {
    boolean apply = args[0].equals("apply");
    Path root = Path.of(args[1]);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
              .sorted()
              .toList();
    }
    Formatter formatter = new Formatter();
    List<String> bad = new ArrayList<>();
    for (Path file : files) {
      String source = Files.readString(file);
      String formatted;
      try {
        formatted =
            formatter.formatSource(
                RemoveUnusedImports.removeUnusedImports(ImportOrderer.reorderImports(source, JavaFormatterOptions.Style.GOOGLE)));
      } catch (FormatterException e) {
        System.err.println(root.relativize(file) + ": " + e.getMessage());
        bad.add(file.toString());
        continue;
      }
      if (!formatted.equals(source)) {
        if (apply) {
          Files.writeString(file, formatted);
          System.out.println("formatted " + root.relativize(file));
        } else {
          bad.add(file.toString());
          System.err.println("not formatted: " + root.relativize(file));
        }
      }
    }
    if (!bad.isEmpty()) {
      System.err.println(
          bad.size() + " file(s) need formatting: run ./mvnw -N validate -Dformat=apply");
      System.exit(1);
    }
  }
}
