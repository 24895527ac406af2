/**
 * Large state documents (nodestore): one value per id, read and rewritten whole, stored as
 * immutable chunks behind a small generation-checked pointer, built on the public
 * {@link dev.cairn.Store} API so that it works on every backend. Start at
 * {@link dev.cairn.document.DocumentStore}.
 */
package dev.cairn.document;
