package dev.augur.synthetic;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Merges the per-series streams into one iterator in global time order, using a binary min-heap of
 * streams keyed by (next timestamp, series index); the index breaks ties so the order is fully
 * deterministic. Memory is one stream per series.
 */
final class MergedEventIterator implements Iterator<SyntheticEvent> {
  private final SeriesStream[] heap;
  private int size;

  MergedEventIterator(GeneratorConfig config, List<SeriesPlan> plans) {
    heap = new SeriesStream[plans.size()];
    for (SeriesPlan plan : plans) {
      SeriesStream s = new SeriesStream(config, plan);
      if (s.advance()) {
        heap[size++] = s;
      }
    }
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  @Override
  public boolean hasNext() {
    return size > 0;
  }

  @Override
  public SyntheticEvent next() {
    if (size == 0) {
      throw new NoSuchElementException();
    }
    SeriesStream top = heap[0];
    SyntheticEvent event = top.event();
    if (!top.advance()) {
      heap[0] = heap[--size];
      heap[size] = null;
    }
    if (size > 0) {
      siftDown(0);
    }
    return event;
  }

  private void siftDown(int i) {
    SeriesStream s = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child])) {
        child++;
      }
      if (!before(heap[child], s)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = s;
  }

  private static boolean before(SeriesStream a, SeriesStream b) {
    return a.nextMillis < b.nextMillis || (a.nextMillis == b.nextMillis && a.index() < b.index());
  }
}
