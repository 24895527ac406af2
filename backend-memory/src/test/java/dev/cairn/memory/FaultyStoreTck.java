package dev.cairn.memory;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.ErrorCode;
import dev.cairn.InvalidArgumentException;
import dev.cairn.Store;
import dev.cairn.StoreOptions;
import dev.cairn.spi.BackendUri;
import dev.cairn.tck.StoreFactory;
import dev.cairn.tck.StoreTck;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The TCK against a deliberately broken store, run only by {@link TckCatchesFaultsTest}
 * through the JUnit launcher (its name keeps Surefire from running it directly).
 */
class FaultyStoreTck extends StoreTck {
  /** The backend's fault in this run, or null. */
  static volatile FaultyBackend.Fault fault;
  /** When set, the store reports bad input with the wrong error. */
  static volatile boolean wrongErrorForBadInput;

  @Override
  protected StoreFactory factory() {
    return new StoreFactory() {
      @Override
      public Store open(StoreOptions options) {
        var memory = new MemoryBackendProvider().open(new BackendUri("memory:", "memory"));
        Store store = Cairn.open(fault == null ? memory : new FaultyBackend(memory, fault), options);
        return wrongErrorForBadInput ? misreportingBadInput(store) : store;
      }

      /** A "reopen" that, like the faulty backend, forgets everything. */
      @Override
      public Store reopen(Store closed) {
        return open(StoreOptions.defaults());
      }
    };
  }

  /** A store that turns {@link InvalidArgumentException} into an internal error. */
  private static Store misreportingBadInput(Store store) {
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (proxy, method, args) -> {
          try {
            Object result = method.invoke(store, args);
            return result instanceof Store ? misreportingBadInput((Store) result) : result;
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidArgumentException) {
              throw new CairnException(ErrorCode.INTERNAL, "failed", e.getCause());
            }
            throw e.getCause();
          }
        });
  }
}
