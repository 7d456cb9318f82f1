"""Wait until a Kafka broker answers a metadata request (an open port is not readiness)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time

from aiokafka.admin import AIOKafkaAdminClient


async def _probe(bootstrap: str) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
    try:
        await admin.start()
        cluster = await admin.describe_cluster()
        return bool(cluster.get("brokers")) and cluster.get("controller_id", -1) >= 0
    except Exception:
        return False
    finally:
        await admin.close()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bootstrap")
    parser.add_argument("--timeout", type=float, default=90.0)
    args = parser.parse_args()
    # Refused connections are expected while the broker starts; say only the outcome.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if await _probe(args.bootstrap):
            print(f"Kafka ready at {args.bootstrap}")
            return 0
        await asyncio.sleep(1.0)
    print(f"Kafka at {args.bootstrap} did not answer within {args.timeout:.0f}s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
