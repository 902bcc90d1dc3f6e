package dev.augur.transforms.detect;

import dev.augur.transforms.alarm.AlarmState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/** Codes an {@link AlarmState} in its compact binary form, which is self-delimiting. */
final class AlarmStateCoder extends CustomCoder<AlarmState> {
  private static final long serialVersionUID = 1L;
  private static final AlarmStateCoder INSTANCE = new AlarmStateCoder();

  static AlarmStateCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(AlarmState value, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    value.writeTo(data);
    // Flush, not close: the stream belongs to the caller.
    data.flush();
  }

  @Override
  public AlarmState decode(InputStream in) throws IOException {
    return AlarmState.readFrom(new DataInputStream(in));
  }

  // Stateless: every instance codes alike, as Beam expects of equal coders.
  @Override
  public boolean equals(Object o) {
    return o instanceof AlarmStateCoder;
  }

  @Override
  public int hashCode() {
    return AlarmStateCoder.class.hashCode();
  }
}
