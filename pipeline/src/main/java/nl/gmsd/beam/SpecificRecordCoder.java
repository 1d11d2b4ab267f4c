package nl.gmsd.beam;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The Beam coder of the records between stages (the classes generated from {@code schemas/}): the
 * Avro binary encoding with the record's length in front. Written by the generated classes' own
 * {@code customEncode}; read by a reader made once per class from its schema.
 *
 * <p>Why not Beam's {@code AvroCoder}: it goes through Avro's generic datum reader and writer,
 * which look up every string field's Java class and every union branch in hash maps, and it
 * reads and writes the engine's stream one byte at a time (it may not read past the record's
 * end). A profile of the job had about 10% of the CPU there. The length prefix lets this coder
 * write a record in one block and decode it from an array. Nor the generated {@code customDecode}:
 * it needs Avro's resolving decoder, whose grammar interpreter took another 14% at scale 1.0;
 * writer and reader schema are always the same class here, so nothing needs resolving.
 *
 * <p>The reader knows the types the schemas use: boolean, int, long, string, unions, arrays and
 * nested records. A schema with any other type is refused when its coder is first used.
 */
public final class SpecificRecordCoder<T extends SpecificRecordBase> extends CustomCoder<T> {

  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private transient volatile ThreadLocal<Codec<T>> codecs;

  private SpecificRecordCoder(Class<T> type) {
    this.type = type;
  }

  public static <T extends SpecificRecordBase> SpecificRecordCoder<T> of(Class<T> type) {
    return new SpecificRecordCoder<>(type);
  }

  /** Provides this coder for every generated record class, so inferred coders use it too. */
  public static CoderProvider provider() {
    return new CoderProvider() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      public <X> Coder<X> coderFor(TypeDescriptor<X> typeDescriptor, List<? extends Coder<?>> componentCoders)
          throws CannotProvideCoderException {
        Class<? super X> raw = typeDescriptor.getRawType();
        if (!SpecificRecordBase.class.isAssignableFrom(raw)) {
          throw new CannotProvideCoderException(raw + " is not a generated Avro record");
        }
        return (Coder<X>) of((Class) raw);
      }
    };
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + type.getSimpleName());
    }
    Codec<T> c = codec();
    c.bytes.reset();
    value.customEncode(c.encoder);
    c.encoder.flush();
    out.write(c.length, 0, varInt(c.bytes.size(), c.length));
    c.bytes.writeTo(out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    Codec<T> c = codec();
    int length = VarInt.decodeInt(in);
    byte[] buffer = c.buffer(length);
    int read = in.readNBytes(buffer, 0, length);
    if (read != length) {
      throw new EOFException("a " + type.getSimpleName() + " of " + length + " bytes ended after " + read);
    }
    c.decoder = DecoderFactory.get().binaryDecoder(buffer, 0, length, c.decoder);
    @SuppressWarnings("unchecked")
    T record = (T) c.reader.read(c.decoder);
    if (!c.decoder.isEnd()) {
      throw new CoderException("a " + type.getSimpleName() + " of " + length + " bytes was not read to its end");
    }
    return record;
  }

  /** Deterministic exactly when Avro's own encoding of the schema is (no maps). */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    AvroCoder.specific(type).verifyDeterministic();
  }

  @Override
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    return TypeDescriptor.of(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecificRecordCoder<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(SpecificRecordCoder.class, type);
  }

  @Override
  public String toString() {
    return "SpecificRecordCoder<" + type.getName() + ">";
  }

  /** Writes {@code n} as Beam's {@code VarInt} into {@code into}; returns the number of bytes. */
  static int varInt(int n, byte[] into) {
    int i = 0;
    while ((n & ~0x7F) != 0) {
      into[i++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    into[i++] = (byte) n;
    return i;
  }

  private Codec<T> codec() {
    ThreadLocal<Codec<T>> local = codecs;
    if (local == null) {
      synchronized (this) {
        if (codecs == null) {
          codecs = ThreadLocal.withInitial(() -> new Codec<>(type));
        }
        local = codecs;
      }
    }
    return local.get();
  }

  /** One thread's buffers, encoder and decoder: a coder is shared by the threads of a task. */
  private static final class Codec<T extends SpecificRecordBase> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    final byte[] length = new byte[5];
    final ValueReader reader;
    BinaryDecoder decoder;
    byte[] buffer = new byte[256];

    Codec(Class<T> type) {
      try {
        T prototype = type.getConstructor().newInstance();
        reader = readerOf(prototype.getSchema(), prototype.getSpecificData());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make a coder for " + type.getName(), e);
      }
    }

    byte[] buffer(int length) {
      if (buffer.length < length) {
        buffer = new byte[Math.max(length, 2 * buffer.length)];
      }
      return buffer;
    }
  }

  /** Reads one value of a schema from Avro's binary encoding. */
  @FunctionalInterface
  interface ValueReader {
    Object read(BinaryDecoder in) throws IOException;
  }

  static ValueReader readerOf(Schema schema, SpecificData model) {
    switch (schema.getType()) {
      case NULL:
        return in -> null;
      case BOOLEAN:
        return BinaryDecoder::readBoolean;
      case INT:
        return BinaryDecoder::readInt;
      case LONG:
        return BinaryDecoder::readLong;
      case STRING:
        return BinaryDecoder::readString;
      case UNION: {
        ValueReader[] branches = schema.getTypes().stream().map(s -> readerOf(s, model)).toArray(ValueReader[]::new);
        return in -> {
          int branch = in.readIndex();
          if (branch < 0 || branch >= branches.length) {
            throw new CoderException("union branch " + branch + " of " + branches.length + " in " + schema);
          }
          return branches[branch].read(in);
        };
      }
      case ARRAY: {
        ValueReader item = readerOf(schema.getElementType(), model);
        return in -> {
          long n = in.readArrayStart();
          List<Object> list = new ArrayList<>((int) Math.min(n, 1024));
          while (n > 0) {
            for (long i = 0; i < n; i++) {
              list.add(item.read(in));
            }
            n = in.arrayNext();
          }
          return list;
        };
      }
      case RECORD: {
        Constructor<?> constructor;
        try {
          constructor = model.getClass(schema).getConstructor();
        } catch (ReflectiveOperationException | NullPointerException e) {
          throw new IllegalArgumentException("no generated class for record " + schema.getFullName(), e);
        }
        List<Schema.Field> fields = schema.getFields();
        ValueReader[] readers = fields.stream().map(f -> readerOf(f.schema(), model)).toArray(ValueReader[]::new);
        return in -> {
          SpecificRecordBase record;
          try {
            record = (SpecificRecordBase) constructor.newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IOException("cannot make a " + schema.getName(), e);
          }
          for (int i = 0; i < readers.length; i++) {
            record.put(i, readers[i].read(in));
          }
          return record;
        };
      }
      default:
        throw new IllegalArgumentException("SpecificRecordCoder reads no " + schema.getType() + " (in "
            + schema.getFullName() + "); extend readerOf for it");
    }
  }
}
