package dev.augur.transforms.alarm;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.Test;

public class AlarmConfigTest {
  @Test
  public void defaultsAreThreeOfFiveWithTenPercentMateriality() {
    AlarmConfig c = AlarmConfig.defaults();
    assertEquals(3, c.datapointsToAlarm());
    assertEquals(5, c.evaluationPeriods());
    assertEquals(0.0, c.minAbsoluteDeviation(), 0);
    assertEquals(0.1, c.minRelativeDeviation(), 0);
    assertEquals(1.0, c.minScore(), 0);
    assertEquals(5, c.cooldownWindows());
    assertEquals(2.0, c.escalationFactor(), 0);
    assertEquals(3, c.resolveAfterNormalWindows());
    assertEquals(12, c.resolveAfterNoForecastWindows());
    assertEquals(MissingDataPolicy.IGNORE, c.missingData());
    assertEquals(2.0, c.mediumScore(), 0);
    assertEquals(3.0, c.highScore(), 0);
    assertEquals(5.0, c.criticalScore(), 0);
    assertEquals(12, c.persistentWindows());
    assertEquals(10, c.maxEvidence());
  }

  @Test
  public void everyInvalidSettingFailsNamingItsField() {
    Map<String, UnaryOperator<AlarmConfig.Builder>> invalid = new LinkedHashMap<>();
    invalid.put("evaluationPeriods", b -> b.evaluationPeriods(0));
    invalid.put("evaluationPeriods ", b -> b.evaluationPeriods(65));
    invalid.put("datapointsToAlarm", b -> b.datapointsToAlarm(0));
    invalid.put("datapointsToAlarm ", b -> b.datapointsToAlarm(6));
    invalid.put("minAbsoluteDeviation", b -> b.minAbsoluteDeviation(-1));
    invalid.put("minAbsoluteDeviation ", b -> b.minAbsoluteDeviation(Double.NaN));
    invalid.put("minRelativeDeviation", b -> b.minRelativeDeviation(Double.POSITIVE_INFINITY));
    invalid.put("minScore", b -> b.minScore(0.5));
    invalid.put("cooldownWindows", b -> b.cooldownWindows(-1));
    invalid.put("escalationFactor", b -> b.escalationFactor(1.0));
    invalid.put("escalationFactor ", b -> b.escalationFactor(Double.NaN));
    invalid.put("resolveAfterNormalWindows", b -> b.resolveAfterNormalWindows(0));
    invalid.put("resolveAfterNoForecastWindows", b -> b.resolveAfterNoForecastWindows(-1));
    invalid.put("missingData", b -> b.missingData(null));
    invalid.put("mediumScore", b -> b.severityScores(0.5, 3, 5));
    invalid.put("highScore", b -> b.severityScores(2, 2, 5));
    invalid.put("criticalScore", b -> b.severityScores(2, 3, 3));
    invalid.put("criticalScore ", b -> b.severityScores(2, 3, Double.POSITIVE_INFINITY));
    invalid.put("persistentWindows", b -> b.persistentWindows(-1));
    invalid.put("maxEvidence", b -> b.maxEvidence(2));
    invalid.put("maxEvidence ", b -> b.maxEvidence(1001));
    invalid.forEach(
        (field, change) -> {
          IllegalArgumentException e =
              assertThrows(
                  field,
                  IllegalArgumentException.class,
                  () -> change.apply(AlarmConfig.builder()).build());
          assertThat(e.getMessage(), startsWith(field.trim() + " must be"));
        });
  }

  @Test
  public void edgeValuesAreAccepted() {
    AlarmConfig c =
        AlarmConfig.builder()
            .evaluationPeriods(64)
            .datapointsToAlarm(64)
            .maxEvidence(64)
            .escalationFactor(Double.POSITIVE_INFINITY)
            .cooldownWindows(0)
            .resolveAfterNoForecastWindows(0)
            .persistentWindows(0)
            .build();
    assertEquals(64, c.datapointsToAlarm());
    AlarmConfig single = AlarmConfig.builder().evaluationPeriods(1).datapointsToAlarm(1).build();
    assertEquals(1, single.evaluationPeriods());
  }

  @Test
  public void toBuilderKeepsEverySettingAndJavaSerializationRoundTrips() throws Exception {
    AlarmConfig c =
        AlarmConfig.builder()
            .datapointsToAlarm(2)
            .evaluationPeriods(4)
            .minAbsoluteDeviation(3)
            .minRelativeDeviation(0.25)
            .minScore(1.5)
            .cooldownWindows(7)
            .escalationFactor(3)
            .resolveAfterNormalWindows(6)
            .resolveAfterNoForecastWindows(9)
            .missingData(MissingDataPolicy.BREACHING)
            .severityScores(2.5, 4, 8)
            .persistentWindows(20)
            .maxEvidence(5)
            .incidentScope(IncidentScope.STATISTIC)
            .firstWindowPartial(true)
            .build();
    assertEquals(c, c.toBuilder().build());
    assertNotEquals(c, c.toBuilder().firstWindowPartial(false).build());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(c, in.readObject());
    }
  }
}
