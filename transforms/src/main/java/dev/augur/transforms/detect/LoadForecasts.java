package dev.augur.transforms.detect;

import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.forecast.WriteForecastRun;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PeriodicImpulse;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest published forecast version under a forecast output location, as a side input that
 * follows new versions while the pipeline runs (the "slowly updating side input" pattern). The
 * location is the batch pipeline's output, a local directory or any location Beam's {@code
 * FileSystems} reads (such as {@code s3://bucket/prefix}, with the AWS options set); see {@link
 * dev.augur.transforms.forecast.WriteForecastRun} for its layout.
 *
 * <p>Every {@code refresh} a tick reads {@code manifest.json}; when it names a version other than
 * the one loaded, that version's {@code forecasts/<version>/*.jsonl} files are read into a {@link
 * ForecastIndex} and published to the view. Ticks on an unchanged version read only the manifest.
 * The view lives in the global window, so it is visible to the main input in every window; it
 * fires a pane per published index and always holds the newest load.
 *
 * <p>The main input never waits for a forecast version: runners hold it back only until the view's
 * first pane, and the first tick, at start-up, publishes {@link ForecastIndex#EMPTY} if no version
 * can be loaded; windows compared against it get no forecast. A missing or unreadable manifest or
 * forecast file is logged and counted ({@value #LOAD_FAILURES}) once per tick and retried on the
 * next; the loaded version stays published meanwhile (its {@code valid_until} guards against
 * comparing with it for too long). With {@link #checking}, a version of another window length
 * than the stream's, or whose history was read with event fields the stream cannot be compared
 * with, is not loaded, and is logged and counted ({@value #VERSIONS_REFUSED}). Each version is
 * logged and counted as loaded or refused once per worker, however many instances of the loading
 * step the runner keeps (each with its own loader).
 * Every worker holds the whole index in memory, and a worker that (re)starts loads it again.
 *
 * <pre>{@code
 * PCollectionView<ForecastIndex> forecasts =
 *     pipeline.apply(LoadForecasts.every("s3://bucket/augur", Duration.standardMinutes(5)));
 * }</pre>
 *
 * <p>Batch and tests: {@link #once} loads one version at start-up. To drive refreshes from a
 * stream of ticks, for example a {@code TestStream} (PeriodicImpulse follows the wall clock, not a
 * TestStream's processing time), apply {@link #onTicks} to the ticks.
 */
public final class LoadForecasts extends PTransform<PBegin, PCollectionView<ForecastIndex>> {
  public static final String METRICS_NAMESPACE = "LoadForecasts";
  public static final String VERSIONS_LOADED = "forecast_versions_loaded";
  public static final String LOAD_FAILURES = "forecast_load_failures";
  /** Forecast versions that ran out while in use: from then on windows go uncompared. */
  public static final String VERSIONS_EXPIRED = "forecast_versions_expired";
  /**
   * Forecast versions not loaded because they are of another window length than the stream's, or
   * their history was read with other event fields.
   */
  public static final String VERSIONS_REFUSED = "forecast_versions_refused";

  private static final Logger LOG = LoggerFactory.getLogger(LoadForecasts.class);

  private final String location;
  /** Null: load once. */
  private final @Nullable Duration refresh;
  /** Null: versions are loaded unchecked. */
  private final @Nullable StreamShape stream;

  private LoadForecasts(String location, @Nullable Duration refresh, @Nullable StreamShape stream) {
    this.location = requireLocation(location);
    this.refresh = refresh;
    this.stream = stream;
  }

  /** Loads the latest version under {@code location} now and then every {@code refresh}. */
  public static LoadForecasts every(String location, Duration refresh) {
    return new LoadForecasts(location, requireInterval(refresh), null);
  }

  /** Loads the latest version under {@code location} once, at start-up: for bounded pipelines. */
  public static LoadForecasts once(String location) {
    return new LoadForecasts(location, null, null);
  }

  /**
   * Loads only versions {@code stream} can be compared with ({@link VersionCheck}); a version
   * refused is logged and counted
   * ({@value #VERSIONS_REFUSED}) once, and the version held stays in use.
   */
  public LoadForecasts checking(StreamShape stream) {
    return new LoadForecasts(location, refresh, Objects.requireNonNull(stream, "stream"));
  }

  /**
   * Loads the latest version under {@code location} on every tick of the input, the ticks being
   * the stream's clock, {@code interval} apart: the version in use when its {@code valid_until}
   * passes is warned about and counted ({@value #VERSIONS_EXPIRED}) once, on the first tick after;
   * one loaded after it passed says so in its load line.
   */
  public static OnTicks onTicks(String location, Duration interval) {
    return new OnTicks(requireLocation(location), requireInterval(interval), null);
  }

  @Override
  public PCollectionView<ForecastIndex> expand(PBegin begin) {
    PCollection<Instant> ticks;
    if (refresh == null) {
      ticks =
          begin
              .apply("Start", Impulse.create())
              .apply("Tick", MapElements.into(TypeDescriptor.of(Instant.class)).via(b -> Instant.now()));
    } else {
      // Ticks missed while the job was down are skipped: only the newest manifest matters.
      ticks =
          begin.apply("Tick", PeriodicImpulse.create().withInterval(refresh).catchUpToNow(false));
    }
    // A one-off load serves a replay of the past, whose forecasts are expected to have run out.
    return ticks.apply("Load", new OnTicks(location, refresh, stream));
  }

  private static Duration requireInterval(Duration interval) {
    if (interval == null || !interval.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("forecast refresh interval must be positive, got " + interval);
    }
    return interval;
  }

  private static String requireLocation(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("forecast location must be given");
    }
    return location;
  }

  /** The loading itself, on ticks supplied by the caller. */
  public static final class OnTicks extends PTransform<PCollection<Instant>, PCollectionView<ForecastIndex>> {
    private final String location;
    /** Null: ticks are no clock, and an expired version is not warned about. */
    private final @Nullable Duration interval;
    private final @Nullable StreamShape stream;

    private OnTicks(String location, @Nullable Duration interval, @Nullable StreamShape stream) {
      this.location = location;
      this.interval = interval;
      this.stream = stream;
    }

    /** As {@link LoadForecasts#checking}. */
    public OnTicks checking(StreamShape stream) {
      return new OnTicks(location, interval, Objects.requireNonNull(stream, "stream"));
    }

    @Override
    public PCollectionView<ForecastIndex> expand(PCollection<Instant> ticks) {
      return ticks
          // Global window, a pane per loaded version: every main-input window sees the newest.
          .apply(
              "EveryTick",
              Window.<Instant>into(new GlobalWindows())
                  .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                  .withAllowedLateness(Duration.ZERO)
                  .accumulatingFiredPanes())
          .apply("ReadVersion", ParDo.of(new LoadFn(location, interval, stream)))
          .setCoder(SerializableCoder.of(ForecastIndex.class))
          // asSingletonView rather than withoutDefaults() + View.asSingleton(): the latter fails on
          // Flink at start-up with "more than one element accessed as a singleton view".
          .apply("Newest", Combine.globally(new NewestFn()).asSingletonView());
    }
  }

  /** Loads on each tick; outputs an index when it changes, and EMPTY first if nothing loads. */
  static final class LoadFn extends DoFn<Instant, ForecastIndex> {
    private final Counter loads = Metrics.counter(METRICS_NAMESPACE, VERSIONS_LOADED);
    private final Counter failures = Metrics.counter(METRICS_NAMESPACE, LOAD_FAILURES);
    private final Counter expired = Metrics.counter(METRICS_NAMESPACE, VERSIONS_EXPIRED);
    private final Counter refused = Metrics.counter(METRICS_NAMESPACE, VERSIONS_REFUSED);
    /** What this JVM has told, per location and version ({@link #firstTime}). */
    private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();
    private final String location;
    private final @Nullable Duration interval;
    private final @Nullable StreamShape stream;
    private transient ForecastLoader loader;
    private transient boolean published;

    LoadFn(String location, @Nullable Duration interval, @Nullable StreamShape stream) {
      this.location = location;
      this.interval = interval;
      this.stream = stream;
    }

    @Setup
    public void setup() {
      loader = new ForecastLoader(location, stream);
    }

    @ProcessElement
    public void process(@Element Instant tick, OutputReceiver<ForecastIndex> out) {
      try {
        if (loader.refresh(tick)) {
          ForecastIndex index = loader.current();
          ForecastManifest m = loader.currentManifest();
          // A version published again (a rollback) is told again.
          String again = m.publishedAt() == null ? "" : " published again at " + m.publishedAt();
          if (firstTime("loaded", index.version() + again)) {
            LOG.info(
                "Loaded forecast version {}{} from {}: {} forecasts, {} s windows, valid until {}{}",
                index.version(), again, location, index.size(), m.windowSeconds(),
                index.validUntil(),
                interval != null && index.validUntil() != null && !tick.isBefore(index.validUntil())
                    ? " (ran out before now: windows of current events are not compared with it)"
                    : "");
            loads.inc();
          }
          out.output(index);
          published = true;
        }
      } catch (ForecastLoader.RefusedVersion e) {
        // A version published again and refused again is told again.
        String again = e.publishedAt() == null ? "" : " published again at " + e.publishedAt();
        if (firstTime("refused", e.version() + again)) {
          refused.inc();
          // Not the version this instance holds: another instance may have loaded a newer one,
          // and the view holds the newest.
          LOG.error(
              "Forecast version {}{} named by {} not loaded: {}; windows are still compared with"
                  + " the newest version loaded before it. Restart the stream with the options it"
                  + " names to compare with it",
              e.version(), again, WriteForecastRun.manifestPath(location), e.getMessage());
        }
      } catch (Exception e) {
        // Unchecked too: object store clients report some failures as runtime exceptions.
        failures.inc();
        ForecastIndex held = loader.current();
        LOG.warn(
            "Forecasts under {} not loaded on this tick, will retry on the next ({}): {}",
            location,
            held == null ? "no version loaded yet" : "keeping version " + held.version(),
            e.toString());
      }
      if (!published) {
        out.output(ForecastIndex.EMPTY);
        published = true;
      }
      if (interval != null) {
        warnIfRanOut(tick);
      }
    }

    /**
     * Whether this JVM has not yet told (logged and counted) {@code what} of {@code version} under
     * this location: a runner may keep several instances of this function, each with its own
     * loader, and each version should be told once per worker, not once per instance.
     */
    private boolean firstTime(String what, String version) {
      return TOLD.add(what + " " + location + " " + version);
    }

    /**
     * Warns when the version in use ran out since the previous tick. Decided by the tick alone,
     * with no state, so each version is warned about once however many instances of this function
     * the runner keeps (each with its own loader). A version that had run out before it was loaded
     * says so in its load line, and one that had at start-up is warned about by the launcher.
     */
    private void warnIfRanOut(Instant tick) {
      ForecastIndex held = loader.current();
      if (held == null
          || held.validUntil() == null
          || tick.isBefore(held.validUntil())
          || !tick.minus(interval).isBefore(held.validUntil())) {
        return;
      }
      expired.inc();
      LOG.warn(
          "Forecast version {} under {} ran out at {} and no newer version is published: windows"
              + " of events after that time are not compared (written as NO_FORECAST) until"
              + " bin/augur batch publishes one there",
          held.version(), location, held.validUntil());
    }
  }

  /**
   * Keeps the newest loaded index; EMPTY only when nothing was ever loaded, so a fresh worker
   * that cannot read the manifest does not withdraw the version another one loaded.
   */
  static final class NewestFn extends Combine.BinaryCombineFn<ForecastIndex> {
    @Override
    public ForecastIndex apply(ForecastIndex a, ForecastIndex b) {
      if (a.isEmpty() != b.isEmpty()) {
        return a.isEmpty() ? b : a;
      }
      return b.loadedAt().isAfter(a.loadedAt()) ? b : a;
    }

    @Override
    public ForecastIndex identity() {
      return ForecastIndex.EMPTY;
    }
  }
}
