# Shared by the launchers in servers/*/launch (run by Debian's /usr/bin/python3).
#
# The contract with the harness (Sources/LessonSupport/Servers.swift): a launcher binds
# 127.0.0.1 on a free port, and once it accepts connections writes ONE line to stdout,
#     PORT=40121 USER=learner PASSWORD=s3cret ROOT=/tmp/learn-ftp-abc123
# then keeps serving, never writing to stdout again. When something it needs is missing it
# writes MISSING=<what and how to install it> instead, and exits.
import ctypes
import os
import secrets
import shutil
import signal
import sys
import tempfile

PR_SET_PDEATHSIG = 1


def missing(sentence):
    """Reports a missing dependency to the harness and exits."""
    sys.stdout.write("MISSING=" + sentence.replace("\n", " ") + "\n")
    sys.stdout.flush()
    sys.exit(0)


def die_with_parent():
    """SIGTERM when the program that started us ends, even by a crash (no atexit then)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    expected = os.environ.get("LEARN_SERVER_PARENT")
    if expected and str(os.getppid()) != expected:
        sys.exit(0)  # the parent died before prctl took effect


def private_root(name):
    """A private temporary folder, removed when we exit (SIGTERM included)."""
    root = tempfile.mkdtemp(prefix="learn-%s-" % name)

    def remove(*_):
        shutil.rmtree(root, ignore_errors=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, remove)
    signal.signal(signal.SIGINT, remove)
    signal.signal(signal.SIGHUP, remove)
    return root, lambda: shutil.rmtree(root, ignore_errors=True)


def password():
    return secrets.token_hex(6)


def ready(**values):
    """The one ready line; stdout then points at /dev/null so nothing more can block."""
    line = " ".join("%s=%s" % (key, value) for key, value in values.items())
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
