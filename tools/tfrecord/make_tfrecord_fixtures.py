#!/usr/bin/python3
"""Writes the Python-made TFRecord fixtures Vigil's tests read (vigil-data/src/test/resources/tfrecord/python):
the same tf.train.Example records uncompressed, GZIP and ZLIB, and expected.json with each record as
Python's protobuf parses it (see tfrecord_py.canonical) and whether the record is protobuf's
deterministic serialization (then Vigil's encoder must reproduce it byte for byte).

The records cover the three feature kinds, empty lists, a Feature with no kind, unicode names,
extreme int64 and float values, unpacked numeric lists, repeated and merged messages, unknown fields,
and an empty Example. Run: /usr/bin/python3 tools/tfrecord/make_tfrecord_fixtures.py"""
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import tfrecord_py  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(tfrecord_py.HERE))
OUT = os.path.join(ROOT, "vigil-data", "src", "test", "resources", "tfrecord", "python")


def varint(v):
    v &= (1 << 64) - 1
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def map_entry(key, feature_bytes):
    return field(1, field(1, key.encode("utf-8")) + field(2, feature_bytes))


def records(pb, unpacked):
    rich = pb.Example()
    f = rich.features.feature
    f["image/encoded"].bytes_list.value.append(bytes(range(256)) + b"\x89PNG\r\n\x1a\n")
    f["image/class/label"].int64_list.value.append(1)
    f["box"].float_list.value.extend([0.25, 0.5, 0.75, 1.0])
    f["ключ/ünïcode ✓ 名前"].bytes_list.value.append("värde ✓".encode("utf-8"))
    f["multi_bytes"].bytes_list.value.extend([b"", b"\x00\xff", b"abc"])
    f["int64_extremes"].int64_list.value.extend([0, 1, -1, 127, 128, 300, -(2 ** 63), 2 ** 63 - 1, -300])
    f["float_specials"].float_list.value.extend(
        [-0.0, float("inf"), float("-inf"), float("nan"), 1e-45, 3.4028234663852886e38, 0.1, -2.5])
    f["empty_bytes"].bytes_list.SetInParent()
    f["empty_floats"].float_list.SetInParent()
    f["empty_int64"].int64_list.SetInParent()
    f["no_kind"].SetInParent()

    image = pb.Example()
    g = image.features.feature
    g["image/encoded"].bytes_list.value.append(b"\xff\xd8\xff\xe0" + bytes(100) + b"\xff\xd9")
    g["image/format"].bytes_list.value.append(b"jpeg")
    g["image/class/label"].int64_list.value.append(0)
    g["image/filename"].bytes_list.value.append(b"live/0001.jpg")

    old = unpacked.Example()
    h = old.features.feature
    h["floats"].float_list.value.extend([1.5, -2.0, 3e-8])
    h["ints"].int64_list.value.extend([5, -7, 2 ** 40])
    h["one_float"].float_list.value.append(7.0)
    h["names"].bytes_list.value.extend([b"a", b"bc"])

    # Merged by protobuf's rules: a FloatList given packed then unpacked in two float_list fields of one
    # Feature (values concatenate), an entry whose key repeats (the last wins), an entry with the key
    # missing (key ""), the Features message given twice (entries merge), unknown fields everywhere.
    part1 = pb.FloatList(value=[1.0, 2.0]).SerializeToString()
    part2 = unpacked.FloatList(value=[3.0, 4.0]).SerializeToString()
    merged_feature = field(2, part1) + varint(99 << 3) + varint(5) + field(2, part2)
    ints_a = pb.Feature(int64_list=pb.Int64List(value=[10, 20])).SerializeToString()
    bytes_b = pb.Feature(bytes_list=pb.BytesList(value=[b"last"])).SerializeToString()
    features1 = map_entry("merged_floats", merged_feature) + map_entry("dup", ints_a) \
        + field(1, field(2, pb.Feature(int64_list=pb.Int64List(value=[42])).SerializeToString()))
    features2 = map_entry("dup", bytes_b) + varint(7 << 3 | 5) + b"\x00\x00\x80\x3f"
    merged = field(1, features1) + varint(15 << 3) + varint(1) + field(1, features2)

    kindless = pb.Example()
    kindless.features.feature["nothing"].SetInParent()

    empty_features = pb.Example()
    empty_features.features.SetInParent()

    return [
        (rich.SerializeToString(deterministic=True), True),
        (image.SerializeToString(deterministic=True), True),
        (old.SerializeToString(deterministic=True), False),
        (merged, False),
        (b"", True),
        (empty_features.SerializeToString(), False),
        (kindless.SerializeToString(deterministic=True), True),
    ]


def main():
    pb, unpacked = tfrecord_py.load_protos()
    recs = records(pb, unpacked)
    os.makedirs(OUT, exist_ok=True)
    data = [r for r, _ in recs]
    for name, compression in [("examples.tfrecord", "none"), ("examples.tfrecord.gz", "gzip"),
                              ("examples.tfrecord.zlib", "zlib")]:
        path = os.path.join(OUT, name)
        tfrecord_py.write_file(path, data, compression)
        assert tfrecord_py.read_file(path, compression) == data
    expected = []
    for record, deterministic in recs:
        e = pb.Example()
        e.ParseFromString(record)
        if deterministic:
            assert e.SerializeToString(deterministic=True) == record
        expected.append({"example": tfrecord_py.canonical(e), "deterministic": deterministic,
                         "size": len(record)})
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"records": expected}, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
