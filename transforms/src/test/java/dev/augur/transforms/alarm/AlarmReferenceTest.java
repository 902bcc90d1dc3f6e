package dev.augur.transforms.alarm;

import static org.junit.Assert.assertEquals;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class AlarmReferenceTest {
  private static final AlarmConfig CONFIG =
      AlarmConfig.builder().resolveAfterNormalWindows(2).cooldownWindows(0).build();

  private static List<Comparison> pattern(TestComparisons w, String breaches) {
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < breaches.length(); i++) {
      out.add(breaches.charAt(i) == 'B' ? w.breach(i) : w.normal(i));
    }
    return out;
  }

  private static List<IncidentEvent> feedInOrder(List<Comparison> comparisons) {
    AlarmStateMachine m = new AlarmStateMachine(CONFIG);
    AlarmState state = AlarmState.initial();
    List<IncidentEvent> events = new ArrayList<>();
    for (Comparison c : comparisons) {
      events.addAll(m.advance(state, c));
    }
    return events;
  }

  @Test
  public void feedsEachKeyInWindowOrderWhateverTheInputOrder() {
    List<Comparison> a = pattern(TestComparisons.of("s=a", "count"), "BBBNNBBBNN");
    List<Comparison> b = pattern(TestComparisons.of("s=b", "count"), "NBBBBNN");
    List<Comparison> aMean = pattern(TestComparisons.of("s=a", "mean"), "BNBNBNN");
    List<Comparison> all = new ArrayList<>();
    all.addAll(a);
    all.addAll(b);
    all.addAll(aMean);
    Collections.shuffle(all, new Random(3));

    List<IncidentEvent> expected = new ArrayList<>();
    expected.addAll(feedInOrder(a));
    expected.addAll(feedInOrder(b));
    expected.addAll(feedInOrder(aMean));
    assertEquals(8, expected.size());
    assertEquals(expected, AlarmReference.run(all, CONFIG));
  }

  @Test
  public void skipsRepeatedWindows() {
    TestComparisons w = TestComparisons.standard();
    List<Comparison> once = pattern(w, "BBBNN");
    List<Comparison> twice = new ArrayList<>(once);
    // A repeat of window 3 that would breach, given after the original: skipped.
    twice.add(w.breach(3));
    twice.add(w.breach(1));
    assertEquals(feedInOrder(once), AlarmReference.run(twice, CONFIG));
    assertEquals(2, AlarmReference.run(twice, CONFIG).size());
  }
}
