package dev.cairn.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.Capabilities;
import dev.cairn.Store;

/**
 * The base of every area of the kit: an area is an interface of {@code default} test methods
 * that a {@code @Nested} class of {@link StoreTck} implements.
 */
public interface TckArea {

  /** Returns the context of the running test. */
  TckContext tck();

  /** Returns the test's fresh store. */
  default Store store() {
    return tck().store();
  }

  /** Skips the test, with the feature's reason, unless the backend claims the feature. */
  default void require(Capabilities.Feature feature) {
    assumeTrue(tck().capabilities().has(feature), feature.reasonWhenMissing());
  }
}
