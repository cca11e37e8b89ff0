package dev.quoll.client.reify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo log of the changes reify makes to node_modules, so that a failed install leaves the
 * folder as it was.
 *
 * <p>Contract: every change is made through this class and recorded only once it succeeded; {@link
 * #undo()} reverts the recorded changes newest first (moves back, links removed or restored,
 * created folders removed when empty) and keeps going past individual failures, throwing the first
 * one at the end. Once {@link #undo()} or {@link #commit()} has run the journal is closed: every
 * later change is refused with an {@link IOException} before it is made, so a reify thread still
 * running while the process is being stopped cannot change node_modules behind a rollback.
 * Thread-safe.
 */
final class Journal {
  private sealed interface Step {}

  private record Moved(Path from, Path to) implements Step {}

  private record CreatedDir(Path dir) implements Step {}

  private record CreatedLink(Path link) implements Step {}

  private record RemovedLink(Path link, Path target) implements Step {}

  private record RemovedDir(Path dir) implements Step {}

  private final Deque<Step> steps = new ArrayDeque<>();
  private boolean closed;
  private boolean committed;

  /** Renames {@code from} to {@code to} (same file system, never copies). */
  synchronized void move(Path from, Path to) throws IOException {
    open();
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    steps.push(new Moved(from, to));
  }

  /** Creates {@code dir} and any missing parents, recording each one created. */
  synchronized void createDirectories(Path dir) throws IOException {
    open();
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    Files.createDirectory(dir);
    steps.push(new CreatedDir(dir));
  }

  /** Creates a symbolic link {@code link} pointing at {@code target} (as written). */
  synchronized void symlink(Path link, Path target) throws IOException {
    open();
    Files.createSymbolicLink(link, target);
    steps.push(new CreatedLink(link));
  }

  /** Removes the symbolic link {@code link}, remembering its target. */
  synchronized void removeLink(Path link) throws IOException {
    open();
    Path target = Files.readSymbolicLink(link);
    Files.delete(link);
    steps.push(new RemovedLink(link, target));
  }

  /** Removes {@code dir} when it is an empty folder. */
  synchronized void removeIfEmpty(Path dir) throws IOException {
    open();
    try (var list = Files.list(dir)) {
      if (list.findAny().isPresent()) {
        return;
      }
    } catch (NoSuchFileException e) {
      return;
    }
    Files.delete(dir);
    steps.push(new RemovedDir(dir));
  }

  /** Reverts every recorded change, newest first, and closes the journal. */
  synchronized void undo() {
    closed = true;
    IOException first = null;
    while (!steps.isEmpty()) {
      Step s = steps.pop();
      try {
        switch (s) {
          case Moved m -> Files.move(m.to(), m.from(), StandardCopyOption.ATOMIC_MOVE);
          case CreatedDir d -> {
            try {
              Files.deleteIfExists(d.dir());
            } catch (DirectoryNotEmptyException e) {
              // something else lives there now; leave it
            }
          }
          case CreatedLink l -> Files.deleteIfExists(l.link());
          case RemovedDir d -> Files.createDirectories(d.dir());
          case RemovedLink r -> {
            try {
              Files.delete(r.link());
            } catch (NoSuchFileException e) {
              // expected: it was removed
            }
            Files.createSymbolicLink(r.link(), r.target());
          }
        }
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw new UncheckedIOException("rollback incomplete", first);
    }
  }

  /** Forgets the recorded changes (after success) and closes the journal. */
  synchronized void commit() {
    closed = true;
    committed = true;
    steps.clear();
  }

  /**
   * {@link #undo()} unless the journal was committed: for a process that is being stopped.
   *
   * @return whether it was not committed (the changes were reverted, or had been already)
   */
  synchronized boolean undoUnlessCommitted() {
    if (committed) {
      return false;
    }
    undo();
    return true;
  }

  private void open() throws IOException {
    if (closed) {
      throw new IOException("the install was stopped and rolled back");
    }
  }
}
