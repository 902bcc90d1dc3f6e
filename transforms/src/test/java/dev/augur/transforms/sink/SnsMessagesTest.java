package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.IncidentEvent;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Test;

/** What an SNS subscriber sees before opening a message: its subject. */
public class SnsMessagesTest {
  private static IncidentEvent event(String series) {
    Instant at = Instant.parse("2024-05-01T10:15:00Z");
    return IncidentEvent.create(
        "key", IncidentEvent.Type.OPENED, series, "count,sum", IncidentEvent.Severity.HIGH, at, at,
        "summary", List.of());
  }

  @Test
  public void theSubjectSaysWhatHappenedToWhichSeries() {
    assertEquals(
        "Augur OPENED HIGH: count,sum of region=eu-west-1,service=checkout",
        SnsMessages.subject(event("region=eu-west-1,service=checkout")));
    assertEquals(
        "Augur OPENED HIGH: count,sum of region=eu-west-1,service=checkout",
        SnsMessages.request("arn:aws:sns:us-east-1:123456789012:t", event("region=eu-west-1,service=checkout"))
            .subject());
  }

  /** SNS refuses a subject with characters outside printable ASCII or longer than 100. */
  @Test
  public void theSubjectIsPrintableAsciiOfAtMostAHundredCharacters() {
    assertEquals(
        "Augur OPENED HIGH: count,sum of city=M?nchen?line", SnsMessages.subject(event("city=München\nline")));
    String subject = SnsMessages.subject(event("service=" + "x".repeat(200)));
    assertEquals(SnsMessages.MAX_SUBJECT_CHARS, subject.length());
    assertTrue(subject, subject.endsWith("xxx..."));
  }
}
