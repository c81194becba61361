#!/usr/bin/env python3
"""PipelineBench webhook receiver: answers every POST with 204 and logs when it arrived.

    receiver.py PORT LOG

Plain asyncio HTTP/1.1 with keep-alive, so the receiver is never the bottleneck. Each request
appends one line to LOG: receipt time (seconds since 1970, time.time() at the end of the
body, the same clock nginx's $msec reads) and the story URLs the body carries (one for a
single alert, several for a digest). Prints "READY PORT" once listening; stops on SIGTERM.
"""
import asyncio
import json
import signal
import sys
import time


async def main(port, path):
    log = open(path, "a", buffering=1)

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = await reader.readexactly(length) if length else b""
                at = time.time()
                urls = []
                try:
                    doc = json.loads(body)
                    stories = doc.get("stories") or ([doc["story"]] if "story" in doc else [])
                    urls = [s.get("url", "") for s in stories]
                    kind = doc.get("type", "?")
                except (ValueError, AttributeError):
                    kind = "unparsed"
                log.write(f"{at:.6f} {kind} {' '.join(urls)}\n")
                writer.write(b"HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print(f"READY {port}", flush=True)
    async with server:
        await stop.wait()
    log.close()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
