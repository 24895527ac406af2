package dev.cairn.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A shutdown hook for the length of one command: on Ctrl-C it runs an action (stop, close) and
 * then holds the JVM for a grace period so the command can end and report; closing it, when the
 * command ends, releases the hook and removes it, so in-process runs do not pile hooks up.
 */
final class CtrlC implements AutoCloseable {
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private CtrlC(String name, Runnable onInterrupt, long graceMillis) {
    this.hook = new Thread(() -> {
      onInterrupt.run();
      try {
        finished.await(graceMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
  }

  /** Installs the hook; {@code onInterrupt} runs on Ctrl-C, on the hook's thread. */
  static CtrlC install(String name, Runnable onInterrupt, long graceMillis) {
    CtrlC ctrlC = new CtrlC(name, onInterrupt, graceMillis);
    Runtime.getRuntime().addShutdownHook(ctrlC.hook);
    return ctrlC;
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running (Ctrl-C): it goes with the JVM
    }
  }
}
