#!/usr/bin/env python3
"""Misbehaving HTTP/1.1 server for the Curl tests: the faults nginx cannot produce on demand.

Listens on 127.0.0.1 (port 0 = any free port), prints "READY <port>" once listening, and
serves until stdin closes or it is killed. With --cert/--key it speaks TLS.

Routes:
  /status/<code>[?retry-after=<value>]   empty answer with that status (and Retry-After)
  /trickle                               1 byte every 0.25 s of a declared 4096-byte body
  /big/<bytes>                           streamed body, no Content-Length, <bytes> long
  /bomb/<mib>                            gzip of <mib> MiB of zeros, Content-Encoding: gzip
  /loop/<n>                              302 to /loop/<n+1>, forever
  /hop/<codes>                           redirect chain: /hop/301,302 -> 301 to /hop/302 -> 302 to /final
  /final                                 200 "final"
  /hang                                  reads the request, never answers
  /huge-headers                          200 with 200 KiB of headers
  /echo                                  answers with the request method, headers and body
  /stats                                 bytes written on the last /big or /bomb response
"""
import argparse
import asyncio
import json
import os
import ssl
import sys
import zlib

STATS = {"sent": 0}


def head(status, headers=(), length=None):
    lines = [f"HTTP/1.1 {status} X", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines += [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def read_request(reader):
    raw = await reader.readuntil(b"\r\n\r\n")
    lines = raw.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    body = b""
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    return method, target, headers, body


async def handle(reader, writer):
    try:
        method, target, headers, body = await read_request(reader)
        path, _, query = target.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        parts = path.strip("/").split("/")
        route = parts[0]
        if route == "status":
            extra = [("Retry-After", params["retry-after"].replace("%20", " "))] if "retry-after" in params else []
            writer.write(head(int(parts[1]), extra, 0))
        elif route == "trickle":
            writer.write(head(200, [("Content-Type", "text/plain")], 4096))
            for _ in range(4096):
                writer.write(b"x")
                await writer.drain()
                await asyncio.sleep(0.25)
        elif route == "big":
            total, sent, chunk = int(parts[1]), 0, b"a" * 65536
            writer.write(head(200, [("Content-Type", "application/octet-stream")]))
            STATS["sent"] = 0
            while sent < total:
                piece = chunk[: total - sent]
                writer.write(piece)
                await writer.drain()
                sent += len(piece)
                STATS["sent"] = sent
        elif route == "bomb":
            # Compressed as it is sent (close-delimited), so the first bytes leave at once.
            compressor, zeros = zlib.compressobj(9, zlib.DEFLATED, 31), bytes(1 << 20)
            STATS["sent"] = 0
            writer.write(head(200, [("Content-Encoding", "gzip"), ("Content-Type", "application/xml")]))
            for _ in range(int(parts[1])):
                piece = compressor.compress(zeros)
                writer.write(piece)
                await writer.drain()
                STATS["sent"] += len(piece)
            writer.write(compressor.flush())
        elif route == "loop":
            writer.write(head(302, [("Location", f"/loop/{int(parts[1]) + 1}")], 0))
        elif route == "hop":
            codes = parts[1].split(",") if len(parts) > 1 and parts[1] else []
            rest = ",".join(codes[1:])
            location = f"/hop/{rest}" if rest else "/final"
            writer.write(head(int(codes[0]), [("Location", location)], 0))
        elif route == "final":
            writer.write(head(200, [("Content-Type", "text/plain")], 5) + b"final")
        elif route == "hang":
            await asyncio.sleep(3600)
        elif route == "huge-headers":
            extra = [(f"X-Filler-{i}", "y" * 1000) for i in range(200)]
            writer.write(head(200, extra, 2) + b"ok")
        elif route == "echo":
            status = int(params.get("status", "200"))
            payload = json.dumps({"method": method, "headers": headers,
                                  "body": body.decode("utf-8", "replace")}).encode()
            extra = [("Content-Type", "application/json")]
            if "retry-after" in params:
                extra.append(("Retry-After", params["retry-after"]))
            writer.write(head(status, extra, len(payload)) + payload)
        elif route == "stats":
            payload = json.dumps(STATS).encode()
            writer.write(head(200, [("Content-Type", "application/json")], len(payload)) + payload)
        else:
            writer.write(head(404, [], 0))
        await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    server = await asyncio.start_server(handle, "127.0.0.1", args.port, ssl=context, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)
    await asyncio.wait([asyncio.ensure_future(stdin_closed), asyncio.ensure_future(server.serve_forever())],
                       return_when=asyncio.FIRST_COMPLETED)
    # Stdin closed: the test is over. Leave at once, whatever connections still hang.
    os._exit(0)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
