"""Writes malicious.pth and malicious_legacy.pth: checkpoints whose pickle would run a shell command.

Loading either with torch.load would execute `touch /tmp/vigil_pth_pwned`; PthReader must refuse
them at the global posix.system without running anything. Saving does not execute the command.
Run with Debian's torch (1.13): /usr/bin/python3 make_malicious.py  (from this directory)
"""
import collections
import os

import torch

MARKER = "/tmp/vigil_pth_pwned"


class RunsShellOnLoad:
    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


def main():
    state = collections.OrderedDict()
    state["conv.weight"] = torch.ones(2, 2)
    state["conv.bias"] = RunsShellOnLoad()
    torch.save(state, "malicious.pth")
    torch.save(state, "malicious_legacy.pth", _use_new_zipfile_serialization=False)


if __name__ == "__main__":
    main()
