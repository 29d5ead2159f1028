#!/usr/bin/env python3
"""Readiness probe for the local Kafka broker (standard library only).

Sends one Kafka Metadata request (api_key 3, version 1, topics = null meaning
"all topics") and parses the whole response. The broker counts as ready when
the response parses and lists at least one broker: a KRaft broker only starts
serving client requests, and only lists brokers, once it has caught up with
the metadata log and been unfenced by the controller.

Usage: kafka_ready.py [--host H] [--port P] [--timeout SECONDS] [--verbose] [--topics]
Exit status: 0 ready, 1 not ready (refused, timed out, bad reply, no brokers).
"""

import argparse
import socket
import struct
import sys

API_METADATA = 3
API_VERSION = 1
CORRELATION_ID = 0x4B52  # arbitrary; checked against the reply
CLIENT_ID = b"kafka-ready-probe"


class Reader:
    """Sequential big-endian reader over a response body."""

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("response truncated")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def int8(self):
        return struct.unpack(">b", self.take(1))[0]

    def int16(self):
        return struct.unpack(">h", self.take(2))[0]

    def int32(self):
        return struct.unpack(">i", self.take(4))[0]

    def string(self):
        n = self.int16()
        if n < 0:
            return None
        return self.take(n).decode("utf-8")

    def array(self, read_item):
        n = self.int32()
        if n < 0:
            return []
        if n > len(self.data):
            raise ValueError("implausible array length %d" % n)
        return [read_item() for _ in range(n)]


def build_request():
    header = struct.pack(">hhih", API_METADATA, API_VERSION, CORRELATION_ID, len(CLIENT_ID)) + CLIENT_ID
    body = struct.pack(">i", -1)  # null topic array: all topics (v1+)
    payload = header + body
    return struct.pack(">i", len(payload)) + payload


def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed after %d of %d bytes" % (len(buf), n))
        buf.extend(chunk)
    return bytes(buf)


def parse_response(data):
    r = Reader(data)
    if r.int32() != CORRELATION_ID:
        raise ValueError("correlation id mismatch")

    def broker():
        return {"node_id": r.int32(), "host": r.string(), "port": r.int32(), "rack": r.string()}

    brokers = r.array(broker)
    controller_id = r.int32()

    def partition():
        error = r.int16()
        index = r.int32()
        leader = r.int32()
        r.array(r.int32)  # replicas
        r.array(r.int32)  # isr
        return {"error": error, "partition": index, "leader": leader}

    def topic():
        error = r.int16()
        name = r.string()
        internal = r.int8() != 0
        partitions = r.array(partition)
        return {"error": error, "name": name, "internal": internal, "partitions": partitions}

    topics = r.array(topic)
    if r.pos != len(data):
        raise ValueError("%d unexpected trailing bytes" % (len(data) - r.pos))
    return brokers, controller_id, topics


def metadata(host, port, timeout):
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(build_request())
        (size,) = struct.unpack(">i", recv_exact(sock, 4))
        if size <= 0 or size > 64 * 1024 * 1024:
            raise ValueError("implausible response size %d" % size)
        return parse_response(recv_exact(sock, size))


def main():
    parser = argparse.ArgumentParser(description="Kafka Metadata readiness probe")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9092)
    parser.add_argument("--timeout", type=float, default=2.0, help="socket timeout in seconds")
    parser.add_argument("--verbose", "-v", action="store_true", help="explain failures, describe brokers")
    parser.add_argument("--topics", action="store_true", help="print non-internal topic names, one a line")
    args = parser.parse_args()

    try:
        brokers, controller_id, topics = metadata(args.host, args.port, args.timeout)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        if args.verbose:
            print("not ready: %s" % exc, file=sys.stderr)
        return 1

    if not brokers:
        if args.verbose:
            print("not ready: metadata response lists no brokers", file=sys.stderr)
        return 1

    if args.verbose:
        for b in brokers:
            print("broker %d at %s:%d" % (b["node_id"], b["host"], b["port"]), file=sys.stderr)
        print("controller id %d, %d topic(s)" % (controller_id, len(topics)), file=sys.stderr)
    if args.topics:
        for name in sorted(t["name"] for t in topics if not t["internal"] and t["error"] == 0):
            print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
