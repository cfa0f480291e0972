package org.coplan.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Which coplan process owns an embedded cluster: an exclusive lock on a file beside it, held from
 * start to stop. The operating system releases it when the process dies however it dies (an OOM
 * kill, SIGKILL, a power cut), so a PostgreSQL server still running under an unheld lock was left
 * behind by a dead owner and may be stopped; under a held lock it belongs to a live one.
 */
final class ClusterLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ClusterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock on {@code file}, or empty when another process (or this one) holds it. */
  static Optional<ClusterLock> tryAcquire(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // this JVM holds it already: a second cluster object over the same directory
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(new ClusterLock(channel, lock));
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}
