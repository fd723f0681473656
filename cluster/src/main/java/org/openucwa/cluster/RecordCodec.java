package org.openucwa.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compact binary form of the plain-data records that cross nodes: signals and the answers of
 * remote reads. Each record is written as a one-byte type tag followed by its components in
 * declaration order, with no names: strings as UTF-8, numbers and flags as themselves, enums by
 * ordinal, {@code Optional} as a presence flag, lists and maps with their size, nested records
 * inline (their type known from the component's declared type; for a sealed interface, the position
 * of the permitted record first). The tags are the positions of the root types given to the
 * constructor, so every node of a cluster must run the same version.
 *
 * <p>Only the types reachable from the root types are ever instantiated: an unknown tag or a type
 * the codec does not know is refused, so a peer cannot make this node build arbitrary objects.
 */
final class RecordCodec {

  private final List<Class<? extends Record>> roots;
  private final Map<Class<?>, Integer> tags = new HashMap<>();
  private final Map<Class<?>, Shape> shapes = new HashMap<>();

  /** The shape of one record type: its components and its canonical constructor. */
  private record Shape(RecordComponent[] components, Constructor<?> constructor) {}

  @SafeVarargs
  RecordCodec(Class<? extends Record>... roots) {
    this.roots = List.of(roots);
    for (int i = 0; i < roots.length; i++) {
      tags.put(roots[i], i);
      learn(roots[i]);
    }
  }

  private void learn(Type type) {
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        learn(arg);
      }
      return;
    }
    if (type instanceof Class<?> sealed && sealed.isSealed() && sealed.isInterface()) {
      for (Class<?> sub : sealed.getPermittedSubclasses()) {
        learn(sub);
      }
      return;
    }
    if (!(type instanceof Class<?> c) || !c.isRecord() || shapes.containsKey(c)) {
      return;
    }
    RecordComponent[] components = c.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      components[i].getAccessor().setAccessible(true);
    }
    try {
      Constructor<?> constructor = c.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      shapes.put(c, new Shape(components, constructor));
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("no canonical constructor in " + c, e);
    }
    for (RecordComponent rc : components) {
      learn(rc.getGenericType());
    }
  }

  /** Whether this codec carries records of this class. */
  boolean knows(Class<?> type) {
    return tags.containsKey(type);
  }

  byte[] encode(Record value) {
    Integer tag = tags.get(value.getClass());
    if (tag == null) {
      throw new IllegalArgumentException("cannot carry " + value.getClass().getName());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(tag);
      writeRecord(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  Record decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int tag = in.readUnsignedByte();
      if (tag >= roots.size()) {
        throw new IllegalArgumentException("unknown type tag " + tag);
      }
      return (Record) readRecord(in, roots.get(tag));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeRecord(DataOutputStream out, Object value) throws IOException {
    Shape shape = shapes.get(value.getClass());
    if (shape == null) {
      throw new IllegalArgumentException("cannot carry " + value.getClass().getName());
    }
    for (RecordComponent rc : shape.components()) {
      Object v;
      try {
        v = rc.getAccessor().invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
      write(out, rc.getGenericType(), v);
    }
  }

  private void write(DataOutputStream out, Type type, Object v) throws IOException {
    Class<?> raw = raw(type);
    if (raw == String.class) {
      out.writeBoolean(v != null);
      if (v != null) {
        writeString(out, (String) v);
      }
    } else if (raw == long.class) {
      out.writeLong((Long) v);
    } else if (raw == int.class) {
      out.writeInt((Integer) v);
    } else if (raw == boolean.class) {
      out.writeBoolean((Boolean) v);
    } else if (raw.isEnum()) {
      out.writeShort(v == null ? -1 : ((Enum<?>) v).ordinal());
    } else if (raw == Instant.class) {
      out.writeBoolean(v != null);
      if (v != null) {
        out.writeLong(((Instant) v).getEpochSecond());
        out.writeInt(((Instant) v).getNano());
      }
    } else if (raw == Optional.class) {
      Optional<?> o = (Optional<?>) v;
      out.writeBoolean(o.isPresent());
      if (o.isPresent()) {
        write(out, argument(type, 0), o.get());
      }
    } else if (raw == List.class) {
      List<?> list = (List<?>) v;
      out.writeInt(list.size());
      for (Object e : list) {
        write(out, argument(type, 0), e);
      }
    } else if (raw == Map.class) {
      Map<?, ?> map = (Map<?, ?>) v;
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        write(out, argument(type, 0), e.getKey());
        write(out, argument(type, 1), e.getValue());
      }
    } else if (raw.isRecord()) {
      out.writeBoolean(v != null);
      if (v != null) {
        writeRecord(out, v);
      }
    } else if (raw.isSealed() && raw.isInterface()) {
      // which permitted record, by its position, then the record
      int which = v == null ? -1 : List.of(raw.getPermittedSubclasses()).indexOf(v.getClass());
      if (v != null && which < 0) {
        throw new IllegalArgumentException("cannot carry a " + v.getClass().getName());
      }
      out.writeShort(which);
      if (v != null) {
        writeRecord(out, v);
      }
    } else {
      throw new IllegalArgumentException("cannot carry a " + raw.getName());
    }
  }

  private Object readRecord(DataInputStream in, Class<?> type) throws IOException {
    Shape shape = shapes.get(type);
    if (shape == null) {
      throw new IllegalArgumentException("cannot carry " + type.getName());
    }
    Object[] args = new Object[shape.components().length];
    for (int i = 0; i < args.length; i++) {
      args[i] = read(in, shape.components()[i].getGenericType());
    }
    try {
      return shape.constructor().newInstance(args);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "malformed " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
    }
  }

  private Object read(DataInputStream in, Type type) throws IOException {
    Class<?> raw = raw(type);
    if (raw == String.class) {
      return in.readBoolean() ? readString(in) : null;
    } else if (raw == long.class) {
      return in.readLong();
    } else if (raw == int.class) {
      return in.readInt();
    } else if (raw == boolean.class) {
      return in.readBoolean();
    } else if (raw.isEnum()) {
      int ordinal = in.readShort();
      Object[] constants = raw.getEnumConstants();
      if (ordinal == -1) {
        return null;
      }
      if (ordinal < 0 || ordinal >= constants.length) {
        throw new IllegalArgumentException("no " + raw.getSimpleName() + " #" + ordinal);
      }
      return constants[ordinal];
    } else if (raw == Instant.class) {
      return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    } else if (raw == Optional.class) {
      return in.readBoolean() ? Optional.of(read(in, argument(type, 0))) : Optional.empty();
    } else if (raw == List.class) {
      int n = size(in);
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(read(in, argument(type, 0)));
      }
      return List.copyOf(list);
    } else if (raw == Map.class) {
      int n = size(in);
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Object k = read(in, argument(type, 0));
        map.put(k, read(in, argument(type, 1)));
      }
      return map;
    } else if (raw.isRecord()) {
      return in.readBoolean() ? readRecord(in, raw) : null;
    } else if (raw.isSealed() && raw.isInterface()) {
      int which = in.readShort();
      Class<?>[] permitted = raw.getPermittedSubclasses();
      if (which == -1) {
        return null;
      }
      if (which < 0 || which >= permitted.length) {
        throw new IllegalArgumentException("no " + raw.getSimpleName() + " #" + which);
      }
      return readRecord(in, permitted[which]);
    }
    throw new IllegalArgumentException("cannot carry a " + raw.getName());
  }

  private static int size(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IllegalArgumentException("malformed size " + n);
    }
    return n;
  }

  /** Strings of any length (DataOutput's modified UTF-8 stops at 64 KB). */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = size(in);
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("cannot carry a " + type);
  }

  private static Type argument(Type type, int i) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[i];
    }
    throw new IllegalArgumentException("no type argument in " + type);
  }
}
