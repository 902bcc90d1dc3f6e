package dev.augur.transforms.detect;

import static dev.augur.transforms.detect.CompareWithForecastTest.forecast1m;
import static dev.augur.transforms.detect.CompareWithForecastTest.minute;

import dev.augur.models.Statistic;
import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.stats.AggregateWindows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A series the forecast expects but that sends nothing from the stream's start is compared as
 * silent, and its outage opens an incident: the streaming pipeline's chain from events to
 * incidents, with the forecast as the set of expected series.
 */
public class SilentSeriesTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final int WINDOWS = 8;

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void anExpectedSeriesThatNeverSendsOpensAnIncident() throws NoSuchSchemaException {
    Path root = tmp.getRoot().toPath();
    List<Forecast> forecasts = new ArrayList<>();
    for (String series : List.of("s=up", "s=down")) {
      for (int i = 0; i < WINDOWS; i++) {
        forecasts.add(forecast1m("v1", series, "count", i, 10, 8, 12, WINDOWS));
      }
    }
    ForecastRuns.write(root, "v1", forecasts, null);
    ForecastRuns.publish(root, "v1");

    // s=up sends its 10 events a minute, as forecast; s=down sends nothing at all.
    TestStream.Builder<Event> events =
        TestStream.create(SchemaRegistry.createDefault().getSchemaCoder(Event.class));
    for (int i = 0; i < WINDOWS; i++) {
      for (int k = 0; k < 10; k++) {
        Instant at = minute(i).plus(Duration.standardSeconds(5 * k + 1));
        events = events.addElements(TimestampedValue.of(Event.count("s=up", at), at));
      }
      events = events.advanceWatermarkTo(minute(i + 1));
    }

    PCollectionView<ForecastIndex> expected = p.apply("Forecasts", LoadForecasts.once(root.toString()));
    PCollection<IncidentEvent> incidents =
        p.apply(events.advanceWatermarkToInfinity())
            .apply(AggregateWindows.of(MINUTE).withExpectedSeries(expected))
            .stats()
            .apply(CompareWithForecast.against(expected, List.of(Statistic.COUNT)))
            .all()
            .apply(DetectIncidents.of(AlarmConfig.defaults()));

    PAssert.that(
            incidents.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via((IncidentEvent e) -> e.getSeries() + " " + e.getType())))
        .satisfies(
            seen -> {
              List<String> all = new ArrayList<>();
              seen.forEach(all::add);
              if (all.stream().filter("s=down OPENED"::equals).count() != 1) {
                throw new AssertionError("no incident opened for the silent series: " + all);
              }
              if (all.stream().anyMatch(e -> e.startsWith("s=up"))) {
                throw new AssertionError("incident for the series that sends as forecast: " + all);
              }
              return null;
            });
    p.run().waitUntilFinish();
  }
}
