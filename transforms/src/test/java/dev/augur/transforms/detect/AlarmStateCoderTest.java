package dev.augur.transforms.detect;

import static org.junit.Assert.assertTrue;

import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.alarm.AlarmState;
import dev.augur.transforms.alarm.AlarmStateMachine;
import dev.augur.transforms.alarm.TestComparisons;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

public class AlarmStateCoderTest {
  @Test
  public void roundTripsInitialAndOpenStatesAlsoNested() throws Exception {
    TestComparisons w = TestComparisons.standard();
    AlarmStateMachine machine = new AlarmStateMachine(AlarmConfig.defaults());
    AlarmState open = AlarmState.initial();
    for (int i = 0; i < 4; i++) {
      machine.advance(open, w.breach(i));
    }
    machine.advance(open, w.noActual(5));
    assertTrue(open.isOpen());

    for (AlarmState state : List.of(AlarmState.initial(), open)) {
      CoderProperties.coderDecodeEncodeEqual(AlarmStateCoder.of(), state);
      // Nested: the encoding delimits itself, so what follows it is read intact.
      CoderProperties.coderDecodeEncodeEqual(
          KvCoder.of(AlarmStateCoder.of(), StringUtf8Coder.of()), KV.of(state, "after"));
    }
    CoderProperties.coderSerializable(AlarmStateCoder.of());
    SerializableUtils.ensureSerializable(open);
  }
}
