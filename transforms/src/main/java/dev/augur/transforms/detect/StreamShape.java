package dev.augur.transforms.detect;

import dev.augur.transforms.parse.EventFormat;
import java.io.Serializable;
import java.util.Objects;
import org.joda.time.Duration;

/**
 * What a forecast version must fit to be compared with a stream ({@link VersionCheck}): the field
 * names the stream reads its events with, and its window length.
 */
public record StreamShape(EventFormat fields, Duration window) implements Serializable {
  public StreamShape {
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(window, "window");
  }
}
