package dev.cairn.datastore;

import com.google.cloud.datastore.Cursor;
import com.google.cloud.datastore.DatastoreException;
import com.google.cloud.datastore.DatastoreReader;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.datastore.StructuredQuery;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of a query, fetched in pages that resume from each page's cursor. The service
 * sizes its answers itself, but the emulators send a whole answer in one message and refuse one
 * over 4 MiB ({@code RESOURCE_EXHAUSTED}): then the page is asked again, smaller in proportion.
 * Inside a transaction every page reads its snapshot. Not thread-safe.
 */
final class QueryPages<T> implements Iterator<T> {
  /**
   * The first page's size when the caller wants every result. The Firestore emulator's cost per
   * query grows with every entity of the kind in the project, not with the page: with 30,000 of
   * them, one query of 1,001 results took 1.0 s where pages of 300, 600 and 101 took 3.2 s (the
   * Datastore emulator's cost is per result: 1.1 s either way).
   */
  static final int FIRST_PAGE = 1000;
  /** The largest page asked for. */
  static final int MAX_PAGE = 4000;
  private static final Pattern SIZES = Pattern.compile("maximum size (\\d+): (\\d+)");

  private final DatastoreReader reader;
  private final StructuredQuery<T> query;
  private final ArrayDeque<T> page = new ArrayDeque<>();
  private long left;
  private int pageSize;
  private Cursor cursor;
  private boolean exhausted;

  /**
   * @param limit the most results wanted; {@code Long.MAX_VALUE} for all
   */
  QueryPages(DatastoreReader reader, StructuredQuery<T> query, long limit) {
    this.reader = reader;
    this.query = query;
    this.left = limit;
    this.pageSize = (int) Math.min(limit, limit == Long.MAX_VALUE ? FIRST_PAGE : MAX_PAGE); // a bounded read at once
  }

  @Override
  public boolean hasNext() {
    while (page.isEmpty() && !exhausted) {
      fetch();
    }
    return !page.isEmpty();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.removeFirst();
  }

  private void fetch() {
    int n = (int) Math.min(left, pageSize);
    if (n <= 0) {
      exhausted = true;
      return;
    }
    StructuredQuery.Builder<T> b = query.toBuilder().setLimit(n);
    if (cursor != null) {
      b.setStartCursor(cursor);
    }
    QueryResults<T> results;
    int got = 0;
    try {
      results = reader.run(b.build());
      while (results.hasNext()) {
        page.addLast(results.next());
        got++;
      }
    } catch (DatastoreException e) {
      page.clear();
      int smaller = smaller(e, n);
      if (smaller < 1) {
        throw e;
      }
      pageSize = smaller;
      return;
    }
    left -= got;
    cursor = results.getCursorAfter();
    if (got < n) {
      exhausted = true;
    } else if (pageSize < MAX_PAGE) {
      pageSize = Math.min(MAX_PAGE, pageSize * 2); // grow while answers fit
    }
  }

  /** The page size to try after a refusal of {@code n} results as too large, or 0 if that is not why. */
  static int smaller(DatastoreException e, int n) {
    if (e.getCode() != 8 || n <= 1) { // RESOURCE_EXHAUSTED
      return 0;
    }
    Matcher m = SIZES.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      double fits = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
      return Math.max(1, Math.min(n - 1, (int) (n * fits * 0.8)));
    }
    return Math.max(1, n / 4);
  }
}
