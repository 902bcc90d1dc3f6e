package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How a sink that sends each incident event as it comes (SNS, webhooks) delivers one; {@link
 * DeliverInOrder} calls it on the worker, each incident's events in the order they happened.
 */
interface IncidentDelivery extends Serializable {
  /** Prepares the client on the worker (reads secrets, builds connections). */
  void start();

  /** Delivers {@code e}, retrying as configured; what could not be delivered, or null. */
  @Nullable DeadLetter deliver(IncidentEvent e) throws InterruptedException;

  /** Releases the client. */
  void stop();
}
