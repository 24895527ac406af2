/**
 * The service provider interface: what a backend implements ({@link dev.cairn.spi.Backend})
 * and how Cairn finds it ({@link dev.cairn.spi.BackendProvider}). Backends are thin adapters;
 * everything generic lives in {@code dev.cairn}.
 */
package dev.cairn.spi;
