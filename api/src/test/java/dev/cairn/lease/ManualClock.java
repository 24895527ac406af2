package dev.cairn.lease;

import dev.cairn.Cairn;
import dev.cairn.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/** A store over the api's test backend whose {@link Store#clockMillis()} the test sets. */
final class ManualClock implements AutoCloseable {
  final AtomicLong millis = new AtomicLong(1_000_000);
  final Store real = Cairn.open("test:");
  final Store store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
      (proxy, method, args) -> {
        if (method.getName().equals("clockMillis")) {
          return millis.get();
        }
        try {
          return method.invoke(real, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });

  /** Moves the backend clock on. */
  void advance(long byMillis) {
    millis.addAndGet(byMillis);
  }

  @Override
  public void close() {
    real.close();
  }
}
