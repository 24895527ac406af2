/**
 * Test fixtures that start real database servers as child processes: {@link
 * dev.cairn.jdbc.testing.PostgresServer} and the JUnit 5 {@link
 * dev.cairn.jdbc.testing.PostgresExtension}. Published in backend-jdbc's test-jar for the
 * benchmarks.
 */
package dev.cairn.jdbc.testing;
