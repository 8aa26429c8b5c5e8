package vigil.io.pth;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle reader that understands only what a PyTorch state_dict is made of, and refuses the rest.
 *
 * <p>Python's pickle is a small stack machine whose GLOBAL + REDUCE opcodes call any importable
 * function, which is why {@code torch.load} on an untrusted file can run code. Here the callables are
 * the fixed set of {@link AllowedGlobal} (which build inert data) and {@link StorageType} (only
 * meaningful inside a persistent id); any other global, any opcode outside the protocol-2..5 subset a
 * state_dict uses, and any malformed argument is refused with the source name and byte offset.
 * Nothing is ever executed or loaded by reflection.
 *
 * <p>Values come out as: None = null, bool = Boolean, int = Long (BigInteger beyond 64 bits),
 * float = Double, str = String, tuple = {@link PickleTuple}, list = ArrayList, dict = LinkedHashMap,
 * OrderedDict = {@link PickledOrderedDict}, tensors = {@link PickledTensor}, plus whatever the
 * persistent loader returns.
 */
public final class RestrictedUnpickler {

    /** Resolves the object a BINPERSID id stands for; throws IllegalArgumentException to refuse it. */
    @FunctionalInterface
    public interface PersistentLoader {
        Object load(Object persistentId);
    }

    /** Longest module or class name a GLOBAL may carry; real ones are far shorter. */
    private static final int MAX_GLOBAL_NAME = 256;

    private final byte[] data;
    private final int end;
    private final long reportBase;
    private final String source;
    private PersistentLoader persistentLoader;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int pos;
    private int opStart;

    /**
     * @param data       bytes holding the pickle, read from {@code start} up to STOP (at most {@code end})
     * @param reportBase added to positions in error messages, so they are offsets in the file or entry
     * @param source     names the file (and entry) in error messages
     */
    public RestrictedUnpickler(byte[] data, int start, int end, long reportBase, String source) {
        if (start < 0 || end > data.length || start > end) {
            throw new IllegalArgumentException("pickle range [" + start + ", " + end + ") outside " + data.length + " bytes");
        }
        this.data = data;
        this.pos = start;
        this.end = end;
        this.reportBase = reportBase;
        this.source = source;
    }

    /** The position just past the STOP of the last load: where a following pickle starts. */
    public int position() {
        return pos;
    }

    /** Runs the next pickle to its STOP and returns the value it leaves; refuses persistent ids. */
    public Object load() throws PthFormatException {
        return load(null);
    }

    /** Runs the next pickle to its STOP, resolving persistent ids (BINPERSID) with {@code loader}. */
    public Object load(PersistentLoader loader) throws PthFormatException {
        persistentLoader = loader;
        stack.clear();
        marks.clear();
        memo.clear();
        while (true) {
            opStart = pos;
            if (pos >= end) {
                throw refuse("the pickle ends without STOP (truncated?)");
            }
            int code = data[pos++] & 0xff;
            PickleOpcode op = PickleOpcode.of(code);
            if (op == null) {
                throw refuse("unknown pickle opcode " + PickleOpcode.hex(code));
            }
            try {
                if (step(op)) {
                    return popValue();
                }
            } catch (IllegalArgumentException e) { // a bad argument to an allowed callable or container
                throw refuse(op.describe() + ": " + e.getMessage());
            }
        }
    }

    /** Executes one opcode; true at STOP. */
    private boolean step(PickleOpcode op) throws PthFormatException {
        switch (op) {
            case PROTO -> {
                int version = u8();
                if (version < 2 || version > 5) {
                    throw refuse("pickle protocol " + version + ", expected 2 to 5");
                }
            }
            case FRAME -> take(8); // framing only groups bytes for buffered reading
            case STOP -> {
                if (!marks.isEmpty()) {
                    throw refuse("STOP with an unclosed MARK");
                }
                return true;
            }
            case MARK -> marks.add(stack.size());
            case POP -> {
                if (!marks.isEmpty() && marks.getLast() == stack.size()) {
                    marks.removeLast(); // pickle's POP of an empty mark frame discards the mark
                } else {
                    popValue();
                }
            }
            case POP_MARK -> popMark();
            case DUP -> push(peek());
            case NONE -> push(null);
            case NEWTRUE -> push(Boolean.TRUE);
            case NEWFALSE -> push(Boolean.FALSE);
            case BININT -> push((long) ByteBuffer.wrap(take(4)).order(ByteOrder.LITTLE_ENDIAN).getInt());
            case BININT1 -> push((long) u8());
            case BININT2 -> push((long) (u8() | (u8() << 8)));
            case LONG1 -> push(littleEndianSigned(take(u8())));
            case LONG4 -> push(littleEndianSigned(take(length(4))));
            case BINFLOAT -> push(ByteBuffer.wrap(take(8)).getDouble()); // big-endian by pickle's definition
            case SHORT_BINUNICODE -> push(utf8(take(u8())));
            case BINUNICODE -> push(utf8(take(length(4))));
            case BINUNICODE8 -> push(utf8(take(length(8))));
            case EMPTY_TUPLE -> push(new PickleTuple(List.of()));
            case TUPLE -> push(new PickleTuple(popMark()));
            case TUPLE1, TUPLE2, TUPLE3 -> push(new PickleTuple(popN(op.code - PickleOpcode.TUPLE1.code + 1)));
            case EMPTY_LIST -> push(new ArrayList<>());
            case LIST -> push(new ArrayList<>(popMark()));
            case APPEND -> {
                Object v = popValue();
                list(peek()).add(v);
            }
            case APPENDS -> {
                List<Object> items = popMark();
                list(peek()).addAll(items);
            }
            case EMPTY_DICT -> push(new LinkedHashMap<>());
            case DICT -> {
                Map<Object, Object> d = new LinkedHashMap<>();
                putPairs(d, popMark());
                push(d);
            }
            case SETITEM -> {
                Object v = popValue();
                Object k = popValue();
                putPairs(dict(peek()), Arrays.asList(k, v));
            }
            case SETITEMS -> {
                List<Object> items = popMark();
                putPairs(dict(peek()), items);
            }
            case BINPUT -> memo.put((long) u8(), peek());
            case LONG_BINPUT -> memo.put(length(4), peek());
            case MEMOIZE -> memo.put((long) memo.size(), peek());
            case BINGET -> push(memoGet(u8()));
            case LONG_BINGET -> push(memoGet(length(4)));
            case GLOBAL -> push(resolveGlobal(line(), line()));
            case STACK_GLOBAL -> {
                Object name = popValue();
                Object module = popValue();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw refuse("STACK_GLOBAL on non-string names " + PickleValues.describe(module) + ", "
                            + PickleValues.describe(name));
                }
                push(resolveGlobal(m, n));
            }
            case REDUCE -> {
                Object args = popValue();
                Object callable = popValue();
                if (!(callable instanceof AllowedGlobal g)) {
                    throw refuse("REDUCE on " + PickleValues.describe(callable) + ", which is not an allowed callable");
                }
                if (!(args instanceof PickleTuple t)) {
                    throw refuse("REDUCE of " + g + " with arguments that are not a tuple");
                }
                push(g.call(t));
            }
            case BUILD -> build(popValue(), peek());
            case BINPERSID -> {
                Object pid = popValue();
                if (persistentLoader == null) {
                    throw refuse("a persistent id where none is allowed");
                }
                push(persistentLoader.load(pid));
            }
            default -> throw refuse("opcode " + op.describe() + " is not one a state_dict uses; refused");
        }
        return false;
    }

    private Object resolveGlobal(String module, String name) throws PthFormatException {
        AllowedGlobal g = AllowedGlobal.forGlobal(module, name);
        if (g != null) {
            return g;
        }
        StorageType s = StorageType.forGlobal(module, name);
        if (s != null) {
            return s;
        }
        throw refuse("refused global " + module + "." + name + ": a state_dict needs only "
                + AllowedGlobal.allowedList());
    }

    /** BUILD sets instance state; an OrderedDict's is only attributes like {@code _metadata}, kept as data. */
    private void build(Object state, Object target) throws PthFormatException {
        if (!(target instanceof PickledOrderedDict)) {
            throw refuse("BUILD on " + PickleValues.describe(target) + "; only an OrderedDict's state is accepted");
        }
        if (!(state instanceof Map<?, ?> attrs) || !attrs.keySet().stream().allMatch(k -> k instanceof String)) {
            throw refuse("BUILD of an OrderedDict with state " + PickleValues.describe(state)
                    + ", expected a dict of attributes");
        }
    }

    private void putPairs(Map<Object, Object> d, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of items (" + items.size() + ") for key/value pairs");
        }
        for (int i = 0; i < items.size(); i += 2) {
            Object k = items.get(i);
            // scalar keys only: state_dicts use strings, and containers as keys would need deep hashing
            if (!(k == null || k instanceof String || k instanceof Long || k instanceof Boolean)) {
                throw new IllegalArgumentException("dict key " + PickleValues.describe(k) + " is not a str or int");
            }
            d.put(k, items.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v) {
        if (!(v instanceof ArrayList<?>)) {
            throw new IllegalArgumentException("append to " + PickleValues.describe(v) + ", which is not a list");
        }
        return (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object v) {
        if (!(v instanceof LinkedHashMap<?, ?>)) {
            throw new IllegalArgumentException("set item on " + PickleValues.describe(v) + ", which is not a dict");
        }
        return (Map<Object, Object>) v;
    }

    private Object memoGet(long index) throws PthFormatException {
        if (!memo.containsKey(index)) {
            throw refuse("memo entry " + index + " read before it was written");
        }
        return memo.get(index);
    }

    // ---- stack ----

    private void push(Object v) {
        stack.add(v);
    }

    private Object peek() throws PthFormatException {
        int floor = marks.isEmpty() ? 0 : marks.getLast();
        if (stack.size() <= floor) {
            throw refuse("stack underflow");
        }
        return stack.getLast();
    }

    private Object popValue() throws PthFormatException {
        Object v = peek();
        stack.removeLast();
        return v;
    }

    private List<Object> popN(int n) throws PthFormatException {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = popValue();
        }
        return Arrays.asList(items);
    }

    /** Removes and returns everything above the most recent MARK. */
    private List<Object> popMark() throws PthFormatException {
        if (marks.isEmpty()) {
            throw refuse("no MARK to pop to");
        }
        int m = marks.removeLast();
        List<Object> top = stack.subList(m, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    // ---- reading arguments ----

    private int u8() throws PthFormatException {
        return take(1)[0] & 0xff;
    }

    private byte[] take(long n) throws PthFormatException {
        if (n < 0 || n > end - pos) {
            throw refuse("needs " + n + " argument bytes but only " + (end - pos) + " remain (truncated?)");
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    /** An unsigned little-endian count of {@code width} bytes (4 or 8). */
    private long length(int width) throws PthFormatException {
        ByteBuffer b = ByteBuffer.wrap(take(width)).order(ByteOrder.LITTLE_ENDIAN);
        long n = width == 4 ? Integer.toUnsignedLong(b.getInt()) : b.getLong();
        if (n < 0) {
            throw refuse("length " + Long.toUnsignedString(n) + " is absurd");
        }
        return n;
    }

    /** GLOBAL's module and name: ASCII text up to a newline. */
    private String line() throws PthFormatException {
        int start = pos;
        while (pos < end && data[pos] != '\n') {
            if (pos - start >= MAX_GLOBAL_NAME) {
                throw refuse("GLOBAL name longer than " + MAX_GLOBAL_NAME + " bytes");
            }
            pos++;
        }
        if (pos >= end) {
            throw refuse("GLOBAL name runs past the end of the pickle");
        }
        String s = new String(data, start, pos - start, StandardCharsets.US_ASCII);
        pos++;
        return s;
    }

    private String utf8(byte[] bytes) throws PthFormatException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw refuse("string is not valid UTF-8");
        }
    }

    /** Python longs are little-endian two's complement; values beyond 64 bits stay BigInteger. */
    private static Object littleEndianSigned(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private PthFormatException refuse(String what) {
        return new PthFormatException(source + " at byte " + (reportBase + opStart) + ": " + what);
    }
}
