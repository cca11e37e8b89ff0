package dev.quoll.core.manifest;

import dev.quoll.core.name.EcmaStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The {@code gitHead} step of @npmcli/package-json 7: the commit the package folder's git
 * repository is at, found as @npmcli/git 7's {@code find} does (the nearest folder upwards, up to
 * an optional root, that has a {@code .git} entry) and read from {@code .git/HEAD}, the ref file it
 * names, or {@code .git/packed-refs}.
 */
final class GitHead {
  private GitHead() {}

  /**
   * @param folder the package folder, or null (then there is no repository)
   * @param root the highest folder to look in, or null for the file-system root
   * @return the commit id (or whatever the HEAD or ref file holds, trimmed), or empty
   */
  static Optional<String> find(Path folder, Path root) {
    if (folder == null) {
      return Optional.empty();
    }
    Path gitRoot = null;
    for (Path cwd = folder; cwd != null; cwd = cwd.getParent()) {
      if (Files.exists(cwd.resolve(".git"))) {
        gitRoot = cwd;
        break;
      }
      if (cwd.equals(root)) {
        break;
      }
    }
    if (gitRoot == null) {
      return Optional.empty();
    }
    Path git = gitRoot.resolve(".git");
    String head = read(git.resolve("HEAD"));
    if (head == null || head.isEmpty()) {
      return Optional.empty();
    }
    if (!head.startsWith("ref: ")) {
      String trimmed = EcmaStrings.trim(head);
      return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }
    String headRef = EcmaStrings.trim(head.substring(5));
    String data = read(git.resolve(headRef));
    if (data != null) {
      data = EcmaStrings.trim(data.replaceFirst("^ref: ", ""));
    }
    if (data == null || data.isEmpty()) {
      String refs = read(git.resolve("packed-refs"));
      if (refs != null && !refs.isEmpty()) {
        for (String line : refs.split("\n", -1)) {
          Matcher m = FolderSteps.packedRef(line);
          if (m.matches() && EcmaStrings.trim(m.group(2)).equals(headRef)) {
            data = m.group(1);
            break;
          }
        }
      }
    }
    return data == null || data.isEmpty() ? Optional.empty() : Optional.of(data);
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file)
          ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
          : null;
    } catch (IOException e) {
      return null;
    }
  }
}
