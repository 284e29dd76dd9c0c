"""``dateline serve`` and ``dateline users``: the review desk from the shell."""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from typing import Any

from dateline.cli.store import _db_arg, _existing_store


def add_desk_commands(sub: Any) -> None:
    """Add ``serve`` and ``users`` to the CLI's subparsers."""
    sv = sub.add_parser(
        "serve",
        help="the review desk: check, correct and approve events in the browser",
        description="Serve the review desk over the store: the queue of events most in need of a "
        "human, each event with its reports and the words behind every field, edits with an audit "
        "trail, and a JSON API under /api. Add users first with `dateline users add`.",
    )
    _db_arg(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    sv.add_argument(
        "--secure-cookies", action="store_true", help="send the session cookie over HTTPS only (behind TLS)"
    )
    sv.set_defaults(desk_handler=cmd_serve)

    us = sub.add_parser("users", help="the review desk's users: add, token, list, remove")
    us_sub = us.add_subparsers(dest="users_cmd", required=True)
    add = us_sub.add_parser("add", help="add a user (the password is read from stdin)")
    add.add_argument("name")
    add.add_argument("--role", choices=("admin", "coder", "viewer"), required=True)
    add.add_argument(
        "--password-stdin", action="store_true", required=True, help="read the password from stdin"
    )
    _db_arg(add)
    tok = us_sub.add_parser("token", help="print a new API token for a user (the old one stops working)")
    tok.add_argument("name")
    _db_arg(tok)
    ls = us_sub.add_parser("list", help="list the users and their roles")
    _db_arg(ls)
    rm = us_sub.add_parser("remove", help="remove a user")
    rm.add_argument("name")
    _db_arg(rm)
    us.set_defaults(desk_handler=cmd_users)


def _desk(url: str | None) -> Any:
    from dateline.store import Store
    from dateline.store.review import ReviewDesk

    return ReviewDesk(Store.open(url))


def cmd_users(args: argparse.Namespace) -> int:
    from dateline.store.review import AuthError

    if args.users_cmd != "add":
        problem = _existing_store(args.db)
        if problem:
            print(f"dateline: error: {problem}", file=sys.stderr)
            return 1
    desk = _desk(args.db)
    try:
        if args.users_cmd == "add":
            password = sys.stdin.readline().rstrip("\r\n")
            user = desk.add_user(args.name, args.role, password)
            print(f"dateline: added {user.name} ({user.role})", file=sys.stderr)
        elif args.users_cmd == "token":
            print(desk.new_token(args.name))
        elif args.users_cmd == "list":
            for u in desk.users():
                print(f"{u.name}\t{u.role}\t{u.created_at:%Y-%m-%d}")
        elif args.users_cmd == "remove":
            if not desk.remove_user(args.name):
                print(f"dateline: error: {args.name!r}: no such user", file=sys.stderr)
                return 1
            print(f"dateline: removed {args.name}", file=sys.stderr)
    except AuthError as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    finally:
        desk.store.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from dateline.desk import create_app

    problem = _existing_store(args.db)
    if problem:
        print(f"dateline: error: {problem}", file=sys.stderr)
        return 1
    desk = _desk(args.db)
    if not desk.users():
        print(
            "dateline: error: the store has no users yet; add one with "
            "`dateline users add NAME --role admin --password-stdin`",
            file=sys.stderr,
        )
        return 1
    from dateline.geo.gazetteer import Gazetteer

    gaz = Gazetteer.load()

    @lru_cache(maxsize=512)
    def admin1_of(iso2: str) -> list[str]:
        return gaz.admin1_names(iso2)

    app = create_app(desk, admin1_of=admin1_of, secure_cookies=args.secure_cookies)
    print(
        f"dateline: the review desk of {desk.store.url} at http://{args.host}:{args.port}/", file=sys.stderr
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
