package dev.augur.transforms.records;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.models.Statistic;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.joda.time.Instant;
import org.junit.Test;

public class RecordsTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2024-05-01T10:05:00Z");

  @Test
  public void valueGivesEveryStatisticAndNaNWhereUndefined() {
    WindowStats full = WindowStats.create("service=a", T0, T1, 3, 6.0, 2.0, 1.0, 1.0, 3.0);
    assertEquals(3.0, full.value(Statistic.COUNT), 0);
    assertEquals(6.0, full.value(Statistic.SUM), 0);
    assertEquals(2.0, full.value(Statistic.MEAN), 0);
    assertEquals(1.0, full.value(Statistic.STDDEV), 0);
    assertEquals(1.0, full.value(Statistic.MIN), 0);
    assertEquals(3.0, full.value(Statistic.MAX), 0);

    WindowStats empty = WindowStats.empty("service=a", T0, T1);
    assertEquals(0.0, empty.value(Statistic.COUNT), 0);
    assertEquals(0.0, empty.value(Statistic.SUM), 0);
    for (Statistic s : new Statistic[] {Statistic.MEAN, Statistic.STDDEV, Statistic.MIN, Statistic.MAX}) {
      assertTrue(s.id(), Double.isNaN(empty.value(s)));
    }
  }

  @Test
  public void dimensionsComeFromTheSeriesKey() {
    WindowStats w = WindowStats.empty("region=eu-west-1,service=checkout", T0, T1);
    assertEquals(Map.of("region", "eu-west-1", "service", "checkout"), w.dimensions());
  }

  @Test
  public void windowMustEndAfterItStarts() {
    assertThrows(IllegalArgumentException.class, () -> WindowStats.empty("s=a", T1, T0));
    assertThrows(IllegalArgumentException.class, () -> WindowStats.empty("s=a", T0, T0));
  }

  @Test
  public void eventValuesMustBeFinite() {
    assertThrows(IllegalArgumentException.class, () -> Event.create("s=a", T0, Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> Event.create("s=a", T0, Double.NEGATIVE_INFINITY));
    assertEquals(null, Event.count("s=a", T0).getValue());
  }

  @Test
  public void schemasHaveTheRecordFieldsOnlyWithNullability() throws Exception {
    SchemaRegistry registry = SchemaRegistry.createDefault();
    assertEquals(
        Map.of(
            "series", false,
            "windowStart", false,
            "windowEnd", false,
            "count", false,
            "sum", false,
            "mean", true,
            "stddev", true,
            "min", true,
            "max", true),
        nullability(registry.getSchema(WindowStats.class)));
    assertEquals(
        Map.of("series", false, "eventTime", false, "value", true),
        nullability(registry.getSchema(Event.class)));
    assertEquals(
        Map.of("payload", false, "error", false, "step", false, "source", true, "time", false),
        nullability(registry.getSchema(DeadLetter.class)));
    assertFalse(registry.getSchema(WindowStats.class).hasField("dimensions"));
  }

  @Test
  public void recordsSurviveTheirSchemaCoders() throws Exception {
    SchemaRegistry registry = SchemaRegistry.createDefault();
    SchemaCoder<WindowStats> stats = registry.getSchemaCoder(WindowStats.class);
    CoderProperties.coderDecodeEncodeEqual(
        stats, WindowStats.create("service=a", T0, T1, 3, 6.0, 2.0, 1.0, 1.0, 3.0));
    CoderProperties.coderDecodeEncodeEqual(stats, WindowStats.empty("service=a", T0, T1));
    CoderProperties.coderDecodeEncodeEqual(
        registry.getSchemaCoder(Event.class), Event.count("service=a", T0));
    CoderProperties.coderDecodeEncodeEqual(
        registry.getSchemaCoder(DeadLetter.class),
        DeadLetter.create("{", "unparseable JSON", "parse", null, T0));
  }

  private static Map<String, Boolean> nullability(Schema schema) {
    return schema.getFields().stream()
        .collect(Collectors.toMap(Schema.Field::getName, f -> f.getType().getNullable()));
  }
}
