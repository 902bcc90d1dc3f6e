package dev.augur.transforms.sink;

import dev.augur.transforms.records.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The SNS message of an incident event: the event's JSON as body (the oldest evidence windows
 * dropped while it exceeds {@value #MAX_MESSAGE_BYTES} bytes), and the message attributes {@code
 * type}, {@code severity} and {@code dedupe_key} for subscription filter policies. On a FIFO topic
 * ({@code .fifo}) the message group is the dedupe key (or its SHA-256 where it is not a valid
 * group id), so one incident's events stay in order, and the deduplication id is the SHA-256 of
 * dedupe key, type and event time, so a retried or replayed event is delivered once.
 */
final class SnsMessages {
  /** Below SNS's 256 KiB message limit, leaving room for the attributes. */
  static final int MAX_MESSAGE_BYTES = 250_000;

  private SnsMessages() {}

  static PublishRequest request(String topicArn, IncidentEvent e) {
    PublishRequest.Builder b =
        PublishRequest.builder()
            .topicArn(topicArn)
            .subject(subject(e))
            .message(message(e))
            .messageAttributes(
                Map.of(
                    "type", attribute(e.getType().name()),
                    "severity", attribute(e.getSeverity().name()),
                    "dedupe_key", attribute(e.getDedupeKey())));
    if (topicArn.endsWith(".fifo")) {
      b.messageGroupId(groupId(e.getDedupeKey()))
          .messageDeduplicationId(
              sha256(e.getDedupeKey() + "|" + e.getType() + "|" + e.getEventTime().getMillis()));
    }
    return b.build();
  }

  /** SNS's limit on a subject, in characters. */
  static final int MAX_SUBJECT_CHARS = 100;

  /**
   * The subject e-mail subscribers see: what happened, how bad, to which statistics of which
   * series. SNS takes printable ASCII only, at most {@value #MAX_SUBJECT_CHARS} characters.
   */
  static String subject(IncidentEvent e) {
    String text =
        "Augur " + e.getType() + " " + e.getSeverity() + ": " + e.getStatistic() + " of "
            + e.getSeries();
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_SUBJECT_CHARS));
    for (int i = 0; i < text.length() && b.length() < MAX_SUBJECT_CHARS; i++) {
      char ch = text.charAt(i);
      b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
    }
    if (text.length() > MAX_SUBJECT_CHARS) {
      b.setLength(MAX_SUBJECT_CHARS - 3);
      b.append("...");
    }
    return b.toString();
  }

  static String message(IncidentEvent e) {
    for (int keep = e.getEvidence().size(); ; keep--) {
      String json = SinkJson.incidentNode(e, keep).toString();
      if (keep == 0 || json.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
        return json;
      }
    }
  }

  /** The dedupe key where it is a valid group id (1-128 printable ASCII), else its hash. */
  static String groupId(String dedupeKey) {
    boolean valid = !dedupeKey.isEmpty() && dedupeKey.length() <= 128
        && dedupeKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    return valid ? dedupeKey : sha256(dedupeKey);
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
