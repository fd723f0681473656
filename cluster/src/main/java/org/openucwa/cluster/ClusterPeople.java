package org.openucwa.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openucwa.application.Modality;
import org.openucwa.people.Presence;
import org.openucwa.people.PresenceDirectory;
import org.openucwa.people.Profile;
import org.openucwa.people.ProfileDirectory;
import org.openucwa.routing.Homes.HomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence and profiles read from each user's home node: this node answers for its own users from
 * its local directories, and asks the home node of anyone else (a task run there on Hazelcast's
 * executor, answering in the compact form of {@link RecordCodec}). The owner's home applies the
 * privacy relationship the owner gave the reader, so unfiltered data never leaves it. A home that
 * does not answer within the wait reads as Offline with the profile the directory gives.
 */
public final class ClusterPeople implements PresenceDirectory, ProfileDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPeople.class);
  private static final String EXECUTOR = "ucwa-reads";
  private static final String CONTEXT_KEY = "ucwa.people";
  private static final RecordCodec ANSWERS =
      new RecordCodec(Presence.class, Profile.class, Modalities.class);

  /** A list of modalities as a record, for the codec. */
  record Modalities(List<Modality> list) {}

  private final ClusterNode node;
  private final PresenceDirectory localPresence;
  private final ProfileDirectory localProfiles;
  private final Duration wait;

  public ClusterPeople(
      ClusterNode node,
      PresenceDirectory localPresence,
      ProfileDirectory localProfiles,
      Duration wait) {
    this.node = node;
    this.localPresence = localPresence;
    this.localProfiles = localProfiles;
    this.wait = wait;
    node.hazelcast().getUserContext().put(CONTEXT_KEY, this);
  }

  @Override
  public Presence presenceOf(String userUri) {
    return presenceOf(userUri, null);
  }

  @Override
  public Presence presenceOf(String ownerUri, String readerUri) {
    return (Presence)
        read(
            new Read(Read.PRESENCE, ownerUri, readerUri),
            () ->
                readerUri == null
                    ? localPresence.presenceOf(ownerUri)
                    : localPresence.presenceOf(ownerUri, readerUri),
            Presence.OFFLINE);
  }

  @Override
  public List<Modality> supportedModalitiesOf(String userUri) {
    return supportedModalitiesOf(userUri, null);
  }

  @Override
  public List<Modality> supportedModalitiesOf(String ownerUri, String readerUri) {
    return ((Modalities)
            read(
                new Read(Read.MODALITIES, ownerUri, readerUri),
                () ->
                    new Modalities(
                        readerUri == null
                            ? localPresence.supportedModalitiesOf(ownerUri)
                            : localPresence.supportedModalitiesOf(ownerUri, readerUri)),
                new Modalities(List.of())))
        .list();
  }

  @Override
  public Profile profileOf(String userUri) {
    return profileOf(userUri, null);
  }

  @Override
  public Profile profileOf(String ownerUri, String readerUri) {
    return (Profile)
        read(
            new Read(Read.PROFILE, ownerUri, readerUri),
            () ->
                readerUri == null
                    ? localProfiles.profileOf(ownerUri)
                    : localProfiles.profileOf(ownerUri, readerUri),
            null);
  }

  private Record read(Read question, java.util.function.Supplier<Record> here, Record unknown) {
    Member home;
    try {
      home = node.homeOf(question.owner);
    } catch (HomeUnknownException e) {
      return fallback(here, unknown);
    }
    if (home.localMember()) {
      return here.get();
    }
    try {
      byte[] answer =
          node.hazelcast()
              .getExecutorService(EXECUTOR)
              .submitToMember(question, home)
              .get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return ANSWERS.decode(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn("The home of {} did not answer a read: {}", question.owner, e.toString());
    }
    return fallback(here, unknown);
  }

  private static Record fallback(java.util.function.Supplier<Record> here, Record unknown) {
    return unknown != null ? unknown : here.get();
  }

  /** Answers a read on the owner's home node. */
  Record answer(Read q) {
    return switch (q.kind) {
      case Read.PRESENCE ->
          q.reader == null
              ? localPresence.presenceOf(q.owner)
              : localPresence.presenceOf(q.owner, q.reader);
      case Read.MODALITIES ->
          new Modalities(
              q.reader == null
                  ? localPresence.supportedModalitiesOf(q.owner)
                  : localPresence.supportedModalitiesOf(q.owner, q.reader));
      case Read.PROFILE ->
          q.reader == null
              ? localProfiles.profileOf(q.owner)
              : localProfiles.profileOf(q.owner, q.reader);
      default -> throw new IllegalArgumentException("unknown read " + q.kind);
    };
  }

  /**
   * A read run on the owner's home node; only plain strings cross, in Hazelcast's own form (never
   * Java serialization).
   */
  static final class Read
      implements Callable<byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
    static final int FACTORY = 0x0C0A;
    static final int CLASS_ID = 1;
    static final int PRESENCE = 0;
    static final int MODALITIES = 1;
    static final int PROFILE = 2;

    private int kind;
    private String owner;
    private String reader;
    private HazelcastInstance hz;

    Read() {}

    Read(int kind, String owner, String reader) {
      this.kind = kind;
      this.owner = owner;
      this.reader = reader;
    }

    @Override
    public int getFactoryId() {
      return FACTORY;
    }

    @Override
    public int getClassId() {
      return CLASS_ID;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      out.writeInt(kind);
      out.writeString(owner);
      out.writeString(reader);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      kind = in.readInt();
      owner = in.readString();
      reader = in.readString();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
      this.hz = hz;
    }

    @Override
    public byte[] call() {
      ClusterPeople people = (ClusterPeople) hz.getUserContext().get(CONTEXT_KEY);
      if (people == null) {
        throw new IllegalStateException("this node is not serving yet");
      }
      return ANSWERS.encode(people.answer(this));
    }
  }
}
