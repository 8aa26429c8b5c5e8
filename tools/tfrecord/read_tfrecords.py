#!/usr/bin/python3
"""Reads TFRecord files of tf.train.Example with the independent Python implementation and prints
them as one JSON document: {"PATH": [canonical example, ...]}. Arguments: PATH:COMPRESSION
(none, gzip or zlib). Exits non-zero on any checksum, framing or protobuf error."""
import json
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import tfrecord_py  # noqa: E402


def main(args):
    example_pb2, _ = tfrecord_py.load_protos()
    out = {}
    for arg in args:
        path, compression = arg.rsplit(":", 1)
        examples = []
        for record in tfrecord_py.read_file(path, compression):
            e = example_pb2.Example()
            e.ParseFromString(record)
            examples.append(tfrecord_py.canonical(e))
        out[path] = examples
    json.dump(out, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
