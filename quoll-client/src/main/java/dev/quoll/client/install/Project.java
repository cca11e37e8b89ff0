package dev.quoll.client.install;

import dev.quoll.client.lockfile.Lockfile;
import dev.quoll.client.tree.IdealTree;
import dev.quoll.client.tree.IdealTreeRequest;
import dev.quoll.core.CoreException;
import dev.quoll.core.json.JsonFormat;
import dev.quoll.core.manifest.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A project folder's files as an install reads and writes them: package.json, the lockfile ({@code
 * npm-shrinkwrap.json} wins over {@code package-lock.json}, as in npm) and the workspace folders
 * package.json names.
 *
 * @param root the project folder
 * @param manifest package.json ({@code {}} when the file does not exist)
 * @param manifestExists whether package.json exists
 * @param lock the lockfile, when there is one
 * @param lockName the lockfile's file name ({@code package-lock.json} when there is none)
 * @param workspaces the workspace folders found from package.json's {@code workspaces} patterns
 *     ({@link WorkspaceGlobs}: map-workspaces' globs), each with its package.json
 */
public record Project(
    Path root,
    Manifest manifest,
    boolean manifestExists,
    Optional<Lockfile> lock,
    String lockName,
    List<IdealTreeRequest.Workspace> workspaces) {
  /** Copies the list. */
  public Project {
    workspaces = List.copyOf(workspaces);
  }

  /**
   * Reads a project folder.
   *
   * @param root the folder
   * @return its files
   * @throws CoreException {@code EJSONPARSE} for a broken package.json or lockfile
   */
  public static Project read(Path root) {
    Path pj = root.resolve("package.json");
    boolean exists = Files.exists(pj);
    Manifest manifest = exists ? Manifest.read(pj) : Manifest.parse("{}\n");
    Optional<Lockfile> lock = Optional.empty();
    String lockName = "package-lock.json";
    for (String name : List.of("npm-shrinkwrap.json", "package-lock.json")) {
      Path p = root.resolve(name);
      if (Files.isRegularFile(p)) {
        lock = Optional.of(Lockfile.parse(readString(p)));
        lockName = name;
        break;
      }
    }
    return new Project(root, manifest, exists, lock, lockName, workspaces(root, manifest));
  }

  /** The lockfile's indent and newline (npm keeps them), else two spaces and LF. */
  public JsonFormat lockFormat() {
    return lock.map(Lockfile::format).orElse(JsonFormat.DEFAULT);
  }

  /**
   * Writes package.json (when it exists or the tree changed it) and the lockfile of a built tree.
   *
   * @param ideal the tree and its package.json
   * @param omitResolved npm's {@code omit-lockfile-registry-resolved}
   */
  public void save(IdealTree ideal, boolean omitResolved) {
    save(
        ideal,
        LockfileText.lockfile(
            ideal.root(), root.getFileName().toString(), lockFormat(), omitResolved));
  }

  /**
   * Writes package.json (when it exists or the tree changed it) and the given lockfile text; a
   * lockfile whose bytes would not change is left as it is (npm rewrites it; the bytes are the
   * same).
   *
   * @param ideal the tree and its package.json
   * @param lockText the lockfile's new text
   */
  void save(IdealTree ideal, String lockText) {
    Manifest m = ideal.manifest();
    if (m.changed() || !manifestExists && !m.json().isEmpty()) {
      writeAtomically(root.resolve("package.json"), m.text());
    }
    if (!sameText(root.resolve(lockName), lockText)) {
      writeAtomically(root.resolve(lockName), lockText);
    }
  }

  /** Whether {@code file} is a regular file holding exactly the UTF-8 bytes of {@code text}. */
  private static boolean sameText(Path file, String text) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      return java.util.Arrays.equals(
          Files.readAllBytes(file), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<IdealTreeRequest.Workspace> workspaces(Path root, Manifest manifest) {
    List<IdealTreeRequest.Workspace> out = new ArrayList<>();
    for (String rel : WorkspaceGlobs.find(root, manifest.json().get("workspaces")).values()) {
      out.add(
          new IdealTreeRequest.Workspace(
              rel, Manifest.read(root.resolve(rel).resolve("package.json"))));
    }
    return out;
  }

  private static String readString(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CoreException("EIO", "Could not read " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces a file's content atomically: written to a sibling temporary file, then renamed.
   *
   * @param file the file
   * @param text the new content (UTF-8)
   * @throws CoreException {@code EIO} when writing fails
   */
  public static void writeAtomically(Path file, String text) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".quoll-tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CoreException("EIO", "Could not write " + file + ": " + e.getMessage(), e);
    }
  }
}
