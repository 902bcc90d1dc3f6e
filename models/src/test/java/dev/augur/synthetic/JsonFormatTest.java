package dev.augur.synthetic;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JsonFormatTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static SeriesIdentity checkout() {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("region", "eu-west-1");
    dims.put("service", "checkout");
    return new SeriesIdentity(0, dims);
  }

  @Test
  public void eventLineHasTheDocumentedShapeAndRoundTrips() {
    long ts = Instant.parse("2024-05-01T10:00:03.123Z").toEpochMilli();
    SyntheticEvent e = new SyntheticEvent(ts, checkout(), true, 12.5);
    String line = e.toJson();
    assertEquals(
        "{\"ts\":\"2024-05-01T10:00:03.123Z\",\"value\":12.5,"
            + "\"region\":\"eu-west-1\",\"service\":\"checkout\"}",
        line);
    SyntheticEvent back = SyntheticEvent.fromJson(line);
    assertEquals(e, back);
    assertEquals("region=eu-west-1,service=checkout", back.seriesKey());
    assertEquals(List.of("region", "service"), List.copyOf(back.dimensions().keySet()));
  }

  @Test
  public void countOnlyEventsOmitTheValue() {
    long ts = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    SyntheticEvent e = new SyntheticEvent(ts, checkout(), false, Double.NaN);
    assertEquals(
        "{\"ts\":\"2024-05-01T10:00:00.000Z\",\"region\":\"eu-west-1\",\"service\":\"checkout\"}",
        e.toJson());
    SyntheticEvent back = SyntheticEvent.fromJson(e.toJson());
    assertFalse(back.hasValue());
    assertEquals(e, back);
    assertThrows(IllegalStateException.class, back::value);
  }

  @Test
  public void dimensionValuesAreEscaped() {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("service", "say \"hi\", =\\");
    SyntheticEvent e = new SyntheticEvent(0L, new SeriesIdentity(0, dims), true, 1.0);
    SyntheticEvent back = SyntheticEvent.fromJson(e.toJson());
    assertEquals("say \"hi\", =\\", back.dimensions().get("service"));
    assertEquals(e.seriesKey(), back.seriesKey());
  }

  @Test
  public void malformedEventLinesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticEvent.fromJson("{\"value\":1}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> SyntheticEvent.fromJson("{\"ts\":\"2024-05-01T10:00:00.000Z\",\"value\":\"x\"}"));
    assertThrows(IllegalArgumentException.class, () -> SyntheticEvent.fromJson("not json"));
  }

  @Test
  public void timestampsAlwaysCarryThreeFractionDigits() {
    DateTimeFormatter reference =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    SplittableRandom rng = new SplittableRandom(1);
    Timestamps ts = new Timestamps();
    for (int i = 0; i < 10_000; i++) {
      long millis = rng.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
      StringBuilder sb = new StringBuilder();
      ts.append(sb, millis);
      assertEquals(reference.format(Instant.ofEpochMilli(millis)), sb.toString());
      assertEquals(millis, Timestamps.parse(sb.toString()));
    }
    assertEquals(
        Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
        Timestamps.parse("2024-02-29T23:59:59.999Z"));
    assertEquals(
        Instant.parse("2024-05-01T10:00:03Z").toEpochMilli(),
        Timestamps.parse("2024-05-01T10:00:03Z"));
    assertThrows(Exception.class, () -> Timestamps.parse("2023-02-29T00:00:00.000Z"));
    assertThrows(Exception.class, () -> Timestamps.parse("2024-13-01T00:00:00.000Z"));
  }

  @Test
  public void labelLineHasTheDocumentedShapeAndRoundTrips() throws Exception {
    AnomalyLabel label =
        new AnomalyLabel(
            "region=eu-west-1,service=checkout",
            Instant.parse("2024-05-06T10:00:00Z").toEpochMilli(),
            Instant.parse("2024-05-06T11:15:00Z").toEpochMilli(),
            AnomalyKind.SPIKE,
            true,
            false);
    assertEquals(
        "{\"series\":\"region=eu-west-1,service=checkout\",\"start\":\"2024-05-06T10:00:00.000Z\","
            + "\"end\":\"2024-05-06T11:15:00.000Z\",\"kind\":\"SPIKE\",\"affects\":\"value\"}",
        label.toJson());
    assertEquals(label, AnomalyLabel.fromJson(label.toJson()));

    Path file = tmp.getRoot().toPath().resolve("labels.jsonl");
    Files.writeString(
        file,
        label.toJson()
            + "\n\n"
            + "{\"series\":\"a=b\",\"start\":\"2024-05-06T10:00:00Z\","
            + "\"end\":\"2024-05-06T11:00:00Z\",\"kind\":\"MISSING_DATA\"}\n");
    List<AnomalyLabel> read = AnomalyLabel.readAll(file);
    assertEquals(2, read.size());
    assertEquals(label, read.get(0));
    assertFalse(read.get(1).affectsValues());
    assertTrue(read.get(1).affectsCounts());
  }

  @Test
  public void labelsRejectEmptyIntervals() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AnomalyLabel("a=b", 10, 10, AnomalyKind.DIP, true, false));
  }
}
