"""The desk's web application (Starlette, server-rendered Jinja2 pages, one small script).

Pages: ``/login``; ``/`` the queue; ``/events/{id}`` an event with its reports, evidence, claims,
map, edit form and actions; ``/users`` (admins). A JSON API under ``/api`` for scripts, with
``Authorization: Bearer TOKEN`` (``dateline users token NAME``).

Security: every page is rendered with autoescaping (article text is hostile input); a strict
Content-Security-Policy allows only the desk's own script and stylesheet (no inline script, no
outside host); frames are denied; every form that changes data carries the session's CSRF token;
session cookies are HttpOnly and SameSite=Strict; failed logins are rate-limited per name and
per client address.
"""

from __future__ import annotations

import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from dateline.desk.evidence import evidence_runs
from dateline.desk.worldmap import svg_map
from dateline.model import ACLED_COLUMNS, EXTRA_COLUMNS, Event
from dateline.store.review import (
    EDITABLE_FIELDS,
    AuthError,
    FieldError,
    QueueFilter,
    ReviewDesk,
    User,
    event_types,
)
from dateline.store.schema import REVIEW_STATUSES

__all__ = ["CSP", "create_app"]

#: the page may load only the desk's own files; no inline script or style, no frames, no plugins
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: failed logins allowed per name and per client address within the window
LOGIN_LIMIT = 5
LOGIN_WINDOW_S = 300.0
PAGE_SIZE = 50
_REPORT_KEYS = ("key", "article_id", "outlet", "title", "url", "published", "score", "reasons")
#: the fields shown on the event page, in ACLED's order (less those derived from others)
SHOWN_FIELDS = tuple(c for c in ACLED_COLUMNS if c not in ("year", "iso", "region", "tags", "timestamp"))


@dataclass
class _LoginLimiter:
    """Failed login attempts per key (a user name, a client address) in a sliding window."""

    limit: int = LOGIN_LIMIT
    window: float = LOGIN_WINDOW_S
    clock: Callable[[], float] = time.monotonic
    failures: dict[str, deque[float]] = field(default_factory=dict)

    def blocked(self, *keys: str) -> bool:
        now = self.clock()
        for k in keys:
            q = self.failures.get(k)
            while q and now - q[0] > self.window:
                q.popleft()
            if q is not None and len(q) >= self.limit:
                return True
        return False

    def failed(self, *keys: str) -> None:
        now = self.clock()
        for k in keys:
            self.failures.setdefault(k, deque()).append(now)

    def succeeded(self, *keys: str) -> None:
        for k in keys:
            self.failures.pop(k, None)


def _templates() -> Jinja2Templates:
    import jinja2

    folder = resources.files("dateline") / "desk" / "templates"
    # every value is escaped, whatever the template's name: article text is hostile input
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True)
    t = Jinja2Templates(env=env)
    t.env.globals["event_types"] = event_types()
    t.env.globals["getattr_"] = lambda obj, name: getattr(obj, name, None)
    return t


def _static_dir() -> str:
    return str(resources.files("dateline") / "desk" / "static")


def create_app(
    desk: ReviewDesk,
    *,
    admin1_of: Callable[[str], list[str]] | None = None,
    secure_cookies: bool = False,
    limiter: _LoginLimiter | None = None,
) -> Starlette:
    """The desk over ``desk``'s store. ``admin1_of(iso2)`` lists a country's first-level units
    (offered in the edit form and checked on save); ``secure_cookies`` for a desk behind HTTPS."""
    templates = _templates()
    limits = limiter or _LoginLimiter()

    # ---- helpers ----------------------------------------------------------------------------

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = secrets.token_urlsafe(32)
            request.session["csrf"] = token
        return str(token)

    async def form_with_csrf(request: Request) -> FormData:
        form = await request.form()
        sent = str(form.get("csrf") or "")
        want = str(request.session.get("csrf") or "")
        if not sent or not secrets.compare_digest(sent.encode(), want.encode()):
            raise HTTPException(403, "the form's CSRF token is missing or stale: reload the page")
        return form

    def session_user(request: Request) -> User | None:
        name = request.session.get("user")
        return desk.user(str(name)) if name else None

    def page_user(request: Request, *, edit: bool = False, admin: bool = False) -> User:
        user = session_user(request)
        if user is None:
            raise HTTPException(303, headers={"Location": "/login?" + urlencode({"next": request.url.path})})
        if (edit and not user.can_edit) or (admin and not user.is_admin):
            raise HTTPException(403, f"{user.name} is a {user.role}")
        return user

    def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        base = {"user": session_user(request), "csrf": csrf_token(request)}
        return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)

    def event_or_404(cluster_id: int) -> Event:
        ev = desk.event(cluster_id)
        if ev is None:
            raise HTTPException(404, f"no event {cluster_id}")
        return ev

    # ---- pages --------------------------------------------------------------------------------

    async def login_page(request: Request) -> Response:
        return render(request, "login.html", {"next": request.query_params.get("next", "/"), "error": None})

    async def login(request: Request) -> Response:
        form = await form_with_csrf(request)
        name = str(form.get("name") or "").strip()
        password = str(form.get("password") or "")
        nxt = str(form.get("next") or "/")
        if not nxt.startswith("/") or nxt.startswith("//"):
            nxt = "/"  # never redirect off the desk
        client = f"ip:{request.client.host if request.client else '-'}"
        keys = (f"user:{name.lower()}", client)
        if limits.blocked(*keys):
            ctx = {"next": nxt, "error": "Too many failed attempts: wait a few minutes."}
            return render(request, "login.html", ctx, status=429)
        user = desk.authenticate(name, password)
        if user is None:
            limits.failed(*keys)
            return render(request, "login.html", {"next": nxt, "error": "Wrong name or password."}, 401)
        limits.succeeded(*keys)
        request.session.clear()
        request.session["user"] = user.name
        request.session["csrf"] = secrets.token_urlsafe(32)  # a new token for the new session
        return RedirectResponse(nxt, status_code=303)

    async def logout(request: Request) -> Response:
        await form_with_csrf(request)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    async def queue_page(request: Request) -> Response:
        page_user(request)
        params = request.query_params
        try:
            f = _queue_filter(params)
        except FieldError as exc:
            return render(request, "queue.html", _queue_ctx(desk, None, params, error=str(exc)), 422)
        return render(request, "queue.html", _queue_ctx(desk, f, params))

    async def event_page(request: Request) -> Response:
        page_user(request)
        cluster_id = _path_id(request)
        return render(request, "event.html", _event_ctx(desk, cluster_id, request, admin1_of))

    async def edit_event(request: Request) -> Response:
        user = page_user(request, edit=True)
        cluster_id = _path_id(request)
        form = await form_with_csrf(request)
        current = event_or_404(cluster_id)
        changes: dict[str, Any] = {}
        for name in EDITABLE_FIELDS:
            if name not in form:
                continue
            raw = str(form.get(name) or "").strip()
            now = getattr(current, name, None)
            if raw == ("" if now is None else str(now)):
                continue  # unchanged in the form
            changes[name] = raw if raw != "" else None
        try:
            desk.edit(cluster_id, changes, user, str(form.get("reason") or "") or None, admin1_of)
        except FieldError as exc:
            ctx = _event_ctx(desk, cluster_id, request, admin1_of)
            ctx.update(error=str(exc), error_field=exc.field, form=dict(form))
            return render(request, "event.html", ctx, status=422)
        return RedirectResponse(_event_url(cluster_id, form, saved="1"), status_code=303)

    async def set_status(request: Request) -> Response:
        user = page_user(request, edit=True)
        cluster_id = _path_id(request)
        form = await form_with_csrf(request)
        status = {"approve": "approved", "reject": "rejected", "background": "background"}.get(
            str(form.get("action") or ""), "unreviewed" if form.get("action") == "reopen" else ""
        )
        from_query = str(form.get("from") or "")
        # the event after this one in the queue as the analyst sees it, before the change takes
        # this one out of it (else "next" would jump back to the top of the queue)
        ahead = _neighbour(desk, cluster_id, from_query, +1) if form.get("then") == "next" else None
        try:
            desk.set_status(cluster_id, status, user, str(form.get("reason") or "") or None)
        except FieldError as exc:
            raise HTTPException(422, str(exc)) from None
        except KeyError:
            raise HTTPException(404, f"no event {cluster_id}") from None
        if form.get("then") == "next":
            nxt = ahead if ahead is not None else _neighbour(desk, cluster_id, from_query, +1, skip_self=True)
            if nxt is not None:
                return RedirectResponse(_event_url(nxt, form), status_code=303)
            return RedirectResponse("/?" + from_query, status_code=303)
        return RedirectResponse(_event_url(cluster_id, form), status_code=303)

    async def split_report(request: Request) -> Response:
        user = page_user(request, edit=True)
        cluster_id = _path_id(request)
        form = await form_with_csrf(request)
        from dateline.store.db import SplitError

        try:
            new_id = desk.split(str(form.get("key") or ""), user, str(form.get("reason") or "") or None)
        except SplitError as exc:
            raise HTTPException(422, str(exc)) from None
        del cluster_id
        return RedirectResponse(f"/events/{new_id}", status_code=303)

    async def merge_events(request: Request) -> Response:
        user = page_user(request, edit=True)
        cluster_id = _path_id(request)
        form = await form_with_csrf(request)
        other = _cluster_ref(desk, str(form.get("other") or ""))
        if other is None:
            raise HTTPException(422, "other: give the id or ACLED-style id of an event")
        try:
            desk.merge(cluster_id, other, user, str(form.get("reason") or "") or None)
        except FieldError as exc:
            raise HTTPException(422, str(exc)) from None
        except KeyError as exc:
            raise HTTPException(404, f"no event {exc}") from None
        return RedirectResponse(f"/events/{cluster_id}", status_code=303)

    async def users_page(request: Request) -> Response:
        page_user(request, admin=True)
        return render(request, "users.html", {"users": desk.users(), "error": None})

    async def add_user(request: Request) -> Response:
        page_user(request, admin=True)
        form = await form_with_csrf(request)
        try:
            desk.add_user(
                str(form.get("name") or ""), str(form.get("role") or ""), str(form.get("password") or "")
            )
        except AuthError as exc:
            return render(request, "users.html", {"users": desk.users(), "error": str(exc)}, 422)
        return RedirectResponse("/users", status_code=303)

    async def remove_user(request: Request) -> Response:
        admin = page_user(request, admin=True)
        await form_with_csrf(request)
        name = request.path_params["name"]
        if name == admin.name:
            raise HTTPException(422, "you cannot remove yourself")
        desk.remove_user(name)
        return RedirectResponse("/users", status_code=303)

    # ---- the JSON API ---------------------------------------------------------------------------

    def api_user(request: Request) -> User:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        user = desk.user_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise _ApiError(401, "give Authorization: Bearer TOKEN (dateline users token NAME)")
        return user

    async def api_events(request: Request) -> Response:
        api_user(request)
        params = request.query_params
        try:
            f = _queue_filter({"status": "all", **params})
            offset = max(int(params.get("offset") or 0), 0)
            limit = min(max(int(params.get("limit") or PAGE_SIZE), 1), 500)
        except FieldError as exc:
            raise _ApiError(422, exc.message, exc.field) from None
        except ValueError:
            raise _ApiError(422, "offset and limit are whole numbers", "limit") from None
        items, total = desk.queue(f, offset, limit)
        return JSONResponse(
            {
                "total": total,
                "offset": offset,
                "limit": limit,
                "events": [_api_event(it.cluster_id, it.event) for it in items],
            }
        )

    async def api_event(request: Request) -> Response:
        api_user(request)
        cluster_id = _path_id(request)
        ev = desk.event(cluster_id)
        if ev is None:
            raise _ApiError(404, f"no event {cluster_id}")
        out = _api_event(cluster_id, ev)
        out["reports"] = [
            {
                k: r[k]
                for k in ("key", "article_id", "outlet", "title", "url", "published", "score", "reasons")
            }
            for r in desk.reports(cluster_id)
        ]
        return JSONResponse(out)

    async def api_patch(request: Request) -> Response:
        user = api_user(request)
        if not user.can_edit:
            raise _ApiError(403, f"{user.name} is a {user.role}: only coders and admins change events")
        cluster_id = _path_id(request)
        if desk.event(cluster_id) is None:
            raise _ApiError(404, f"no event {cluster_id}")
        try:
            body = await request.json()
        except ValueError:
            raise _ApiError(422, "the body must be a JSON object") from None
        if not isinstance(body, dict):
            raise _ApiError(422, "the body must be a JSON object")
        reason = body.pop("reason", None)
        status = body.pop("review_status", None)
        if reason is not None and not isinstance(reason, str):
            raise _ApiError(422, "reason must be text", "reason")
        if status is not None and (status not in REVIEW_STATUSES or status == "edited"):
            # refused before any field is saved: a 422 must leave the event as it was
            message = f"{status!r}: one of approved, rejected, background, unreviewed"
            raise _ApiError(422, message, "review_status")
        try:
            if body:
                desk.edit(cluster_id, body, user, reason, admin1_of)
            if status is not None:
                desk.set_status(cluster_id, str(status), user, reason)
        except FieldError as exc:
            raise _ApiError(422, exc.message, exc.field) from None
        ev = desk.event(cluster_id)
        assert ev is not None
        return JSONResponse(_api_event(cluster_id, ev))

    async def api_audit(request: Request) -> Response:
        api_user(request)
        cluster_id = _path_id(request)
        return JSONResponse(
            [
                {
                    "id": a.id,
                    "event_id_cnty": a.event_id_cnty,
                    "user": a.user,
                    "at": a.at.isoformat(),
                    "field": a.field,
                    "old": a.old,
                    "new": a.new,
                    "reason": a.reason,
                }
                for a in desk.audit(cluster_id)
            ]
        )

    # ---- errors and headers ---------------------------------------------------------------------

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 303 and exc.headers:
            return RedirectResponse(exc.headers["Location"], status_code=303)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return render(
            request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code
        )

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, _ApiError)
        body: dict[str, Any] = {"error": exc.message}
        if exc.field is not None:
            body["field"] = exc.field
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(body, status_code=exc.status, headers=headers)

    routes = [
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/", queue_page, methods=["GET"]),
        Route("/events/{id:int}", event_page, methods=["GET"]),
        Route("/events/{id:int}/edit", edit_event, methods=["POST"]),
        Route("/events/{id:int}/status", set_status, methods=["POST"]),
        Route("/events/{id:int}/split", split_report, methods=["POST"]),
        Route("/events/{id:int}/merge", merge_events, methods=["POST"]),
        Route("/users", users_page, methods=["GET"]),
        Route("/users", add_user, methods=["POST"]),
        Route("/users/{name}/remove", remove_user, methods=["POST"]),
        Route("/api/events", api_events, methods=["GET"]),
        Route("/api/events/{id:int}", api_event, methods=["GET"]),
        Route("/api/events/{id:int}", api_patch, methods=["PATCH"]),
        Route("/api/events/{id:int}/audit", api_audit, methods=["GET"]),
        Mount("/static", StaticFiles(directory=_static_dir()), name="static"),
    ]
    middleware = [
        Middleware(_SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=desk.secret(),
            session_cookie="dateline_session",
            max_age=12 * 3600,
            same_site="strict",
            https_only=secure_cookies,
        ),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: http_error, _ApiError: api_error},
    )


#: the largest row id a store holds (SQLite and PostgreSQL integers are 64-bit)
_MAX_ID = 2**63 - 1


def _path_id(request: Request) -> int:
    """The event id of the path; a number no store can hold is no event (404, not a 500)."""
    value = int(request.path_params["id"])
    if value > _MAX_ID:
        if request.url.path.startswith("/api/"):
            raise _ApiError(404, f"no event {value}")
        raise HTTPException(404, f"no event {value}")
    return value


class _ApiError(Exception):
    def __init__(self, status: int, message: str, field_name: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field_name


class _SecurityHeaders:
    """Adds the desk's security headers to every response."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {k.lower() for k, _ in headers}
                for k, v in _SECURITY_HEADERS.items():
                    if k.lower().encode() not in have:
                        headers.append((k.lower().encode(), v.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


# ---- page contexts ------------------------------------------------------------------------------


def _api_event(cluster_id: int, ev: Event) -> dict[str, Any]:
    d = ev.to_dict()
    d["id"] = cluster_id
    return d


def _cluster_ref(desk: ReviewDesk, ref: str) -> int | None:
    ref = ref.strip()
    if ref.isdigit():
        return int(ref)
    import sqlalchemy as sa

    from dateline.store.schema import clusters

    with desk.engine.connect() as conn:
        found = conn.scalar(sa.select(clusters.c.id).where(clusters.c.event_id_cnty == ref.upper()))
    return int(found) if found is not None else None


def _event_url(cluster_id: int, form: FormData, **extra: str) -> str:
    """An event page's address, keeping the queue the analyst came from (the forms' ``from``)."""
    params = {"from": str(form.get("from") or "")} if "from" in form else {}
    params.update(extra)
    return f"/events/{cluster_id}" + (("?" + urlencode(params)) if params else "")


def _queue_ctx(
    desk: ReviewDesk, f: QueueFilter | None, params: Mapping[str, str], error: str | None = None
) -> dict[str, Any]:
    page = max(int(params.get("page") or 1) if (params.get("page") or "1").isdigit() else 1, 1)
    items, total = desk.queue(f, (page - 1) * PAGE_SIZE, PAGE_SIZE) if f is not None else ([], 0)
    left = desk.open_count()
    keep = {k: v for k, v in params.items() if k != "page" and v}
    return {
        "items": items,
        "total": total,
        "left": left,
        "page": page,
        "pages": max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        "params": keep,
        "from_query": urlencode(keep),
        "error": error,
    }


def _queue_filter(params: Mapping[str, str]) -> QueueFilter:
    """The queue's filter from its query (the queue page's form, the API's parameters, a page's
    ``from``); :class:`FieldError` names a bad date or number."""

    def day(name: str) -> date | None:
        v = (params.get(name) or "").strip()
        if not v:
            return None
        try:
            return date.fromisoformat(v)
        except ValueError:
            raise FieldError(name, f"{v!r} is not a date (YYYY-MM-DD)") from None

    def number(name: str) -> float | None:
        v = (params.get(name) or "").strip()
        if not v:
            return None
        try:
            return float(v)
        except ValueError:
            raise FieldError(name, f"{v!r} is not a number") from None

    def country() -> str | None:
        v = (params.get("country") or "").strip()
        if not v:
            return None
        from dateline.store.db import iso_numeric
        from dateline.store.review import _country_code

        try:
            return str(iso_numeric(v))
        except ValueError:
            code = _country_code(v)  # a name ("Syria") as well as a code
            if code is None:
                raise FieldError("country", f"{v!r} is not a country") from None
            return code

    status = (params.get("status") or "open").strip()
    return QueueFilter(
        since=day("since"),
        until=day("until"),
        country=country(),
        event_type=(params.get("type") or "").strip() or None,
        status=None if status == "all" else status,
        corroboration=(params.get("corroboration") or "").strip() or None,
        min_confidence=number("min_confidence"),
        max_confidence=number("max_confidence"),
        text=(params.get("q") or "").strip() or None,
    )


def _queue_ids(desk: ReviewDesk, from_query: str) -> list[int] | None:
    """The ids of the queue the analyst came from, in its order (None: a filter that fails)."""
    from urllib.parse import parse_qsl

    try:  # the very filter of the queue page (dates and confidences too)
        items, _ = desk.queue(_queue_filter(dict(parse_qsl(from_query))), 0, 1_000_000)
    except (ValueError, LookupError):
        return None
    return [it.cluster_id for it in items]


def _neighbour(
    desk: ReviewDesk,
    cluster_id: int,
    from_query: str,
    step: int,
    skip_self: bool = False,
    ids: list[int] | None = None,
) -> int | None:
    """The event before or after ``cluster_id`` in the queue the analyst came from (``ids``:
    that queue's ids, when the caller has them)."""
    ids = ids if ids is not None else _queue_ids(desk, from_query)
    if ids is None:
        return None
    if cluster_id not in ids:
        return ids[0] if ids and step > 0 and skip_self else None
    i = ids.index(cluster_id) + step
    return ids[i] if 0 <= i < len(ids) else None


def _event_ctx(
    desk: ReviewDesk,
    cluster_id: int,
    request: Request,
    admin1_of: Callable[[str], list[str]] | None,
) -> dict[str, Any]:
    ev = desk.event(cluster_id)
    if ev is None:
        raise HTTPException(404, f"no event {cluster_id}")
    lit = request.query_params.get("field") or ""
    reports = []
    for r in desk.reports(cluster_id):
        text = r["text"]
        own: Event = r["event"]
        runs = evidence_runs(text, own.evidence) if text is not None else []
        reports.append({**r, "runs": runs, "evidence_fields": sorted(own.evidence)})
    evidence_fields = sorted({f for r in reports for f in r["evidence_fields"]})
    from_query = request.query_params.get("from", "")
    walk = _queue_ids(desk, from_query)  # one pass over the queue for both neighbours
    review = desk.review(cluster_id)
    return {
        "cluster_id": cluster_id,
        "event": ev,
        "review": review,
        "fields": [(name, getattr(ev, name, None)) for name in SHOWN_FIELDS],
        "editable": EDITABLE_FIELDS,
        "extra": [(name, getattr(ev, name, None)) for name in EXTRA_COLUMNS if hasattr(ev, name)],
        "evidence_fields": evidence_fields,
        "lit": lit,
        "reports": reports,
        "claims": ev.claims,
        "audit": desk.audit(cluster_id),
        "map": svg_map(ev.latitude, ev.longitude, ev.geo_precision, ev.iso),
        "admin1_options": list(admin1_of(ev.iso2)) if admin1_of is not None and ev.iso2 else [],
        "from_query": from_query,
        "prev_id": _neighbour(desk, cluster_id, from_query, -1, ids=walk),
        "next_id": _neighbour(desk, cluster_id, from_query, +1, ids=walk),
        "saved": request.query_params.get("saved") == "1",
        "error": None,
        "error_field": None,
        "form": {},
    }
