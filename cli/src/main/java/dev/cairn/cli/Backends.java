package dev.cairn.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/** Builds the class loader backends are found in: the CLI's own, plus any --jar files. */
final class Backends {
  private Backends() {}

  static ClassLoader loader(List<File> jars) {
    ClassLoader own = Main.class.getClassLoader();
    if (jars.isEmpty()) {
      return own;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      File jar = jars.get(i);
      if (!jar.isFile()) {
        throw new IllegalArgumentException("no such jar: " + jar);
      }
      try {
        urls[i] = jar.toURI().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("bad jar path: " + jar, e);
      }
    }
    return new URLClassLoader("cairn-backends", urls, own);
  }
}
