"""An independent TFRecord + tf.train.Example implementation in plain Python (plus Debian's
python3-protobuf for the messages), used to cross-check Vigil's Java reader and writer.

Nothing here comes from Vigil's Java code: CRC-32C is computed from its polynomial, the framing
follows TensorFlow's record format (uint64 LE length, masked CRC-32C of the length bytes, data,
masked CRC-32C of the data), and compression uses zlib with TensorFlow's defaults (deflate,
default level, memLevel 9, windowBits 15, +16 for gzip)."""
import atexit
import base64
import importlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283, "CRC-32C check value"


def masked_crc(data):
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def frame(record):
    length = struct.pack("<Q", len(record))
    return length + struct.pack("<I", masked_crc(length)) + record + struct.pack("<I", masked_crc(record))


def _wbits(compression):
    return {"zlib": 15, "gzip": 31}[compression]


def compress(stream, compression):
    if compression == "none":
        return stream
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, _wbits(compression), 9, zlib.Z_DEFAULT_STRATEGY)
    return c.compress(stream) + c.flush(zlib.Z_FINISH)


def decompress(data, compression):
    if compression == "none":
        return data
    d = zlib.decompressobj(_wbits(compression))
    out = d.decompress(data) + d.flush()
    if not d.eof or d.unused_data:
        raise ValueError("%s stream incomplete or followed by junk" % compression)
    return out


def write_file(path, records, compression="none"):
    with open(path, "wb") as f:
        f.write(compress(b"".join(frame(r) for r in records), compression))


def read_file(path, compression="none"):
    """Every record, checking both CRCs and that the stream ends exactly after the last record."""
    with open(path, "rb") as f:
        data = decompress(f.read(), compression)
    records, at = [], 0
    while at < len(data):
        if len(data) - at < 12:
            raise ValueError("%s: truncated header at %d" % (path, at))
        (length,) = struct.unpack_from("<Q", data, at)
        (length_crc,) = struct.unpack_from("<I", data, at + 8)
        if masked_crc(data[at:at + 8]) != length_crc:
            raise ValueError("%s: bad length crc at %d" % (path, at))
        end = at + 12 + length
        if end + 4 > len(data):
            raise ValueError("%s: truncated record at %d" % (path, at))
        (data_crc,) = struct.unpack_from("<I", data, end)
        if masked_crc(data[at + 12:end]) != data_crc:
            raise ValueError("%s: bad data crc at %d" % (path, at))
        records.append(data[at + 12:end])
        at = end + 4
    return records


def load_protos():
    """Compiles example.proto and example_unpacked.proto with protoc; returns (example_pb2, example_unpacked_pb2)."""
    out = tempfile.mkdtemp(prefix="vigil-proto-")
    atexit.register(shutil.rmtree, out, True)
    subprocess.run(["protoc", "-I" + HERE, "--python_out=" + out, "example.proto", "example_unpacked.proto"], check=True)
    sys.path.insert(0, out)
    return importlib.import_module("example_pb2"), importlib.import_module("example_unpacked_pb2")


def canonical(example):
    """An Example as plain JSON data: {name: {"type": "bytes"|"float"|"int64"|"none", "values": [...]}},
    bytes as base64, floats as their float32 bit patterns (so NaN, -0 and rounding compare exactly)."""
    out = {}
    for name, feature in example.features.feature.items():
        kind = feature.WhichOneof("kind")
        if kind == "bytes_list":
            out[name] = {"type": "bytes", "values": [base64.b64encode(v).decode() for v in feature.bytes_list.value]}
        elif kind == "float_list":
            out[name] = {"type": "float",
                         "values": [struct.unpack("<I", struct.pack("<f", v))[0] for v in feature.float_list.value]}
        elif kind == "int64_list":
            out[name] = {"type": "int64", "values": list(feature.int64_list.value)}
        else:
            out[name] = {"type": "none", "values": []}
    return dict(sorted(out.items()))
