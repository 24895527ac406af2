package dev.cairn.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles, at test time, a third-party backend under a scheme of its own into a jar outside
 * the CLI's class path: the provider delegates storage to the memory backend, so it is complete.
 */
final class ToyBackendJar {
  private static final String SOURCE = String.join("\n",
      "package toy;",
      "import dev.cairn.memory.MemoryBackendProvider;",
      "import dev.cairn.spi.Backend;",
      "import dev.cairn.spi.BackendProvider;",
      "import dev.cairn.spi.BackendUri;",
      "import java.util.Set;",
      "public final class ToyProvider implements BackendProvider {",
      "  @Override public Set<String> schemes() { return Set.of(\"toy\"); }",
      "  @Override public Backend open(BackendUri uri) {",
      "    return new MemoryBackendProvider().open(new BackendUri(\"memory:\", \"memory\"));",
      "  }",
      "}");

  private ToyBackendJar() {}

  /** Builds the jar in {@code dir} and returns its path. */
  static Path build(Path dir) throws IOException {
    Path src = dir.resolve("src/toy/ToyProvider.java");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, SOURCE);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), src.toString());
    if (rc != 0) {
      throw new IOException("javac failed: " + rc);
    }
    Path jar = dir.resolve("toy-backend.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
      put(out, "META-INF/services/dev.cairn.spi.BackendProvider", "toy.ToyProvider\n");
    }
    return jar;
  }

  private static void put(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream os = out;
    os.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }

}
