#!/usr/bin/env python3
"""N concurrent SSE clients of /api/v1/market-data/stream (asyncio, raw HTTP/1.0: no chunked encoding to undo): records when each candle event
arrives. Usage: stream-clients.py <port> <clients> <symbols,comma,separated> <per-client> <out.jsonl> <seconds>
Each client follows <per-client> of the symbols (round robin). Writes one JSON line per candle event received:
{"client": i, "symbol": s, "openTime": t, "at": epoch seconds}, and prints connection counts."""
import asyncio, json, sys, time

port, clients, symbols, per_client, out, seconds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(','), int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
records, state = [], {"open": 0, "ready": 0, "refused": 0, "closed": 0}

async def client(i):
    wanted = ','.join(symbols[(i + k) % len(symbols)] for k in range(per_client))
    try:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
    except OSError:
        state["refused"] += 1
        return
    writer.write((f"GET /api/v1/market-data/stream?symbols={wanted}&interval=5m HTTP/1.0\r\nHost: localhost\r\n"
                  "Accept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        state["refused"] += 1
        writer.close()
        return
    state["open"] += 1
    name = None
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            line = line.rstrip(b"\r\n")
            if line.startswith(b"event:"):
                name = line[6:].strip().decode()
            elif line.startswith(b"data:"):
                if name == "ready":
                    state["ready"] += 1
                elif name == "candle":
                    try:
                        data = json.loads(line[5:])
                    except ValueError:
                        state["unparsable"] = state.get("unparsable", 0) + 1
                        continue
                    records.append({"client": i, "symbol": data["symbol"], "openTime": data["openTime"], "at": time.time()})
            elif not line:
                name = None
    except (ConnectionError, asyncio.CancelledError):
        pass
    state["closed"] += 1

async def main():
    tasks = []
    for i in range(clients):
        tasks.append(asyncio.create_task(client(i)))
        if i % 50 == 49:
            await asyncio.sleep(0.05)  # a gentle ramp, as real clients arrive
    await asyncio.sleep(seconds)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    with open(out, "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    print(json.dumps(state))

asyncio.run(main())
