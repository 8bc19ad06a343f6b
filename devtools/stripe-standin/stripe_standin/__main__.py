"""``python -m stripe_standin``: run the offline Stripe stand-in in the foreground."""

from __future__ import annotations

import argparse
import os
import signal
import sys

from stripe_standin.server import StandinServer
from stripe_standin.webhooks import DEFAULT_WEBHOOK_SECRET


def _parser() -> argparse.ArgumentParser:
    env = os.environ
    parser = argparse.ArgumentParser(
        prog="python -m stripe_standin",
        description="Offline stand-in for Stripe's API, checkout page and webhooks (test keys only).",
    )
    parser.add_argument("--host", default=env.get("STRIPE_STANDIN_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env.get("STRIPE_STANDIN_PORT", "12111")))
    parser.add_argument(
        "--public-url",
        default=env.get("STRIPE_STANDIN_PUBLIC_URL"),
        help="base URL browsers use to reach the stand-in, if not http://HOST:PORT",
    )
    parser.add_argument("--webhook-url", default=env.get("STRIPE_WEBHOOK_URL"), help="the site's webhook endpoint")
    parser.add_argument(
        "--webhook-secret",
        default=env.get("STRIPE_WEBHOOK_SECRET", DEFAULT_WEBHOOK_SECRET),
        help="the signing secret the site checks webhooks with",
    )
    parser.add_argument(
        "--async-settle-delay",
        type=float,
        default=float(env.get("STRIPE_STANDIN_SETTLE_DELAY", "10")),
        help="seconds until a SEPA debit settles by itself (negative: only through the control API)",
    )
    parser.add_argument("--business-name", default=env.get("STRIPE_STANDIN_BUSINESS_NAME", "Stichting leerKRACHT"))
    parser.add_argument("--quiet", action="store_true", help="leave out the per-request log lines")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    server = StandinServer(
        host=args.host,
        port=args.port,
        webhook_url=args.webhook_url,
        webhook_secret=args.webhook_secret,
        public_url=args.public_url,
        business_name=args.business_name,
        async_settle_delay=args.async_settle_delay if args.async_settle_delay >= 0 else None,
        quiet=args.quiet,
    )
    print(f"Offline Stripe stand-in on {server.base_url} (test keys only)", file=sys.stderr)
    print(f"  webhooks -> {args.webhook_url or '(none: events are only recorded)'}", file=sys.stderr)
    print(f"  control API: {server.base_url}/_standin/events", file=sys.stderr)
    # A process manager stops it with SIGTERM (honcho, on Ctrl-C): stop as on Ctrl-C itself, with exit status 0.
    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def _stop_like_ctrl_c(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    raise SystemExit(main())
