package nl.gmsd.beam;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.ResolvingDecoder;
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
 * Avro binary encoding, written and read by the generated classes' own {@code customEncode} and
 * {@code customDecode}, with the record's length in front.
 *
 * <p>Why not Beam's {@code AvroCoder}: it goes through Avro's generic datum reader and writer,
 * which look up every string field's Java class and every union branch in hash maps, and it
 * reads and writes the engine's stream one byte at a time (it may not read past the record's
 * end). A profile of the job had about 10% of the CPU there. The length prefix lets this coder
 * write a record in one block and decode it from an array.
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
      public <X> Coder<X> coderFor(TypeDescriptor<X> typeDescriptor, java.util.List<? extends Coder<?>> componentCoders)
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
    VarInt.encode(c.bytes.size(), out);
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
    c.resolver.configure(c.decoder);
    T record = c.newRecord();
    record.customDecode(c.resolver);
    c.resolver.drain();
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

  /** One thread's buffers, encoder and decoders: a coder is shared by the threads of a task. */
  private static final class Codec<T extends SpecificRecordBase> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    final ResolvingDecoder resolver;
    final Constructor<T> constructor;
    BinaryDecoder decoder;
    byte[] buffer = new byte[256];

    Codec(Class<T> type) {
      try {
        constructor = type.getConstructor();
        Schema schema = constructor.newInstance().getSchema();
        resolver = DecoderFactory.get().resolvingDecoder(schema, schema, null);
      } catch (ReflectiveOperationException | IOException e) {
        throw new IllegalStateException("cannot make a coder for " + type.getName(), e);
      }
    }

    byte[] buffer(int length) {
      if (buffer.length < length) {
        buffer = new byte[Math.max(length, 2 * buffer.length)];
      }
      return buffer;
    }

    T newRecord() throws IOException {
      try {
        return constructor.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IOException("cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
      }
    }
  }
}
