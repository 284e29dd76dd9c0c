"""The analyst's layer over the store: users, reviews, field edits with their audit trail.

What an analyst sets is kept apart from what the pipeline coded: a merged event's coded record
stays in ``clusters.record`` (re-coding may rewrite it), and the analyst's fields and review
state live in ``reviews``, applied on every read (:func:`apply_review`), so that re-ingesting or
re-coding never overwrites a field an analyst set. Every change is written to ``audit`` with
who, when, the field, the old and new values and the reason, in the same transaction.

Field values are checked by :func:`validate_changes` against ACLED's conventions (a sub-event
type within its event type, inter codes 0-8, dates, coordinates, a country and first-level unit
the gazetteer knows) and refused with a :class:`FieldError` naming the field.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from dateline.model import Event
from dateline.store.schema import (
    REVIEW_STATUSES,
    ROLES,
    article_texts,
    articles,
    audit,
    clusters,
    desk_settings,
    events,
    members,
    reviews,
    users,
)

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from dateline.store.db import Store

__all__ = [
    "EDITABLE_FIELDS",
    "AuditEntry",
    "AuthError",
    "FieldError",
    "QueueFilter",
    "QueueItem",
    "Review",
    "ReviewDesk",
    "User",
    "apply_review",
    "validate_changes",
]

#: ACLED's fields an analyst may set, and what kind of value each takes
EDITABLE_FIELDS: dict[str, str] = {
    "event_date": "date",
    "time_precision": "precision",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "actor1": "actor",
    "assoc_actor_1": "text",
    "inter1": "inter",
    "actor2": "text",
    "assoc_actor_2": "text",
    "inter2": "inter",
    "civilian_targeting": "civilian_targeting",
    "country": "country",
    "admin1": "admin1",
    "admin2": "text",
    "admin3": "text",
    "location": "text",
    "latitude": "latitude",
    "longitude": "longitude",
    "geo_precision": "precision",
    "source": "text",
    "source_scale": "text",
    "notes": "notes",
    "fatalities": "count",
}

_NAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 8
_MAX_TEXT = 500
_MAX_NOTES = 5000


class FieldError(ValueError):
    """A value an analyst gave that ACLED's conventions do not allow, naming the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class AuthError(ValueError):
    """A user that cannot be created, found or authenticated."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    created_at: datetime

    @property
    def can_edit(self) -> bool:
        return self.role in ("coder", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(slots=True)
class Review:
    """The analyst's word on one merged event."""

    status: str = "unreviewed"
    fields: dict[str, Any] = field(default_factory=dict)
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    cluster_id: int
    event_id_cnty: str | None
    user: str
    at: datetime
    field: str
    old: Any
    new: Any
    reason: str | None


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows; every part is optional."""

    since: date | None = None
    until: date | None = None
    country: str | None = None  # a country name or ISO code
    event_type: str | None = None  # an event type or sub-event type
    status: str | None = None  # a review status, or "open" (unreviewed or edited)
    corroboration: str | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    text: str | None = None  # words to find in the notes, actors and location
    include_background: bool = True


@dataclass(frozen=True, slots=True)
class QueueItem:
    cluster_id: int
    event: Event
    review: Review
    priority: float


# ---------------------------------------------------------------------------------- values


@lru_cache(maxsize=1)
def _taxonomy() -> Mapping[str, Mapping[str, str]]:
    """ACLED's taxonomy, read once per process (every event read applies it; read-only)."""
    from types import MappingProxyType

    from dateline.events.lexicon import load_data_yaml

    data: dict[str, dict[str, str]] = load_data_yaml("events", "taxonomy.yaml")
    return MappingProxyType({t: MappingProxyType(dict(subs)) for t, subs in data.items()})


def event_types() -> dict[str, list[str]]:
    """ACLED's event types and, for each, its sub-event types."""
    return {t: list(subs) for t, subs in _taxonomy().items()}


def _date(name: str, value: Any) -> str:
    try:
        d = date.fromisoformat(str(value).strip())
    except ValueError:
        raise FieldError(name, f"{value!r} is not a date (YYYY-MM-DD)") from None
    if d.year < 1900 or d > date.today() + timedelta(days=1):
        raise FieldError(name, f"{d.isoformat()} is outside 1900 to today")
    return d.isoformat()


def _int(name: str, value: Any, lo: int, hi: int) -> int:
    if isinstance(value, bool):
        raise FieldError(name, f"{value!r} is not a whole number")
    try:
        n = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise FieldError(name, f"{value!r} is not a whole number") from None
    if not lo <= n <= hi:
        raise FieldError(name, f"{n} is outside {lo} to {hi}")
    return n


def _float(name: str, value: Any, lo: float, hi: float) -> float:
    try:
        x = float(str(value).strip())
    except ValueError:
        raise FieldError(name, f"{value!r} is not a number") from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise FieldError(name, f"{value!r} is outside {lo:g} to {hi:g}")
    return round(x, 5)


def _text(name: str, value: Any, limit: int = _MAX_TEXT) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(name, "expected text")
    s = value.strip()
    if len(s) > limit:
        raise FieldError(name, f"longer than {limit} characters")
    return s or None


def validate_changes(
    current: Event, changes: Mapping[str, Any], admin1_of: Callable[[str], Sequence[str]] | None = None
) -> dict[str, Any]:
    """The changes as the values to store, checked against each other and the current record.

    ``admin1_of(iso2)`` lists a country's first-level units (from the gazetteer); given, an
    ``admin1`` must be one of them (when the gazetteer knows any)."""
    out: dict[str, Any] = {}
    tax = _taxonomy()
    for name, value in changes.items():
        kind = EDITABLE_FIELDS.get(name)
        if kind is None:
            raise FieldError(name, "not a field an analyst can set")
        if kind == "date":
            out[name] = _date(name, value)
        elif kind == "precision":
            out[name] = _int(name, value, 1, 3)
        elif kind == "inter":
            out[name] = None if value in (None, "") else _int(name, value, 0, 8)
        elif kind == "count":
            out[name] = _int(name, value, 0, 1_000_000)
        elif kind == "latitude":
            out[name] = _float(name, value, -90.0, 90.0)
        elif kind == "longitude":
            out[name] = _float(name, value, -180.0, 180.0)
        elif kind == "event_type":
            if not isinstance(value, str) or value not in tax:
                raise FieldError(name, f"{value!r} is not an ACLED event type ({', '.join(tax)})")
            out[name] = value
        elif kind == "sub_event_type":
            if not isinstance(value, str) or not any(value in subs for subs in tax.values()):
                raise FieldError(name, f"{value!r} is not an ACLED sub-event type")
            out[name] = value
        elif kind == "civilian_targeting":
            if value not in (None, "", "Civilian targeting"):
                raise FieldError(name, "either empty or 'Civilian targeting'")
            out[name] = value or None
        elif kind == "actor":
            text = _text(name, value)
            if text is None:
                raise FieldError(name, "every event has an actor1")
            out[name] = text
        elif kind == "notes":
            out[name] = _text(name, value, _MAX_NOTES)
        elif kind == "country":
            out[name] = _text(name, value)
        else:
            out[name] = _text(name, value)
    # the sub-event type must lie within the event type the record will have
    etype = out.get("event_type", current.event_type)
    sub = out.get("sub_event_type", current.sub_event_type)
    if "event_type" in out and "sub_event_type" not in out and sub not in tax.get(etype or "", {}):
        raise FieldError("sub_event_type", f"choose a sub-event type of {etype}")
    if sub is not None and etype in tax and sub not in tax[etype]:
        raise FieldError("sub_event_type", f"{sub!r} is not a sub-event type of {etype}")
    if "country" in out:
        iso2 = _country_code(out["country"])
        if iso2 is None:
            raise FieldError("country", f"{out['country']!r} is not a country")
        out["country"], out["iso2"] = _country_name(iso2), iso2
        if iso2 != current.iso2:
            # the old country's units are not this one's: cleared unless set in the same change
            for unit in ("admin1", "admin2", "admin3"):
                if getattr(current, unit, None) is not None:
                    out.setdefault(unit, None)
    if "admin1" in out and out["admin1"] and admin1_of is not None:
        iso2 = out.get("iso2", current.iso2)
        known = list(admin1_of(iso2)) if iso2 else []
        if known and out["admin1"] not in known:
            raise FieldError("admin1", f"{out['admin1']!r} is not a first-level unit of {iso2}")
    return out


def _country_code(name: str | None) -> str | None:
    import pycountry

    if not name:
        return None
    s = name.strip()
    try:
        found = pycountry.countries.lookup(s)
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(s)[0] if len(s) > 3 else None
        except LookupError:
            found = None
    return str(found.alpha_2) if found is not None else None


def _country_name(iso2: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return str(getattr(c, "common_name", None) or c.name) if c is not None else iso2


def _derived(ev: Event, changes: Mapping[str, Any]) -> None:
    """The fields that follow from the ones set: disorder type, interaction, ISO numeric."""
    tax = _taxonomy()
    if "sub_event_type" in changes and ev.event_type in tax and ev.sub_event_type in tax[ev.event_type]:
        ev.disorder_type = tax[ev.event_type][ev.sub_event_type]
    if ("inter1" in changes or "inter2" in changes) and ev.inter1 is None:
        ev.interaction = None
    elif "inter1" in changes or "inter2" in changes:
        if ev.inter2:
            lo, hi = sorted((ev.inter1, ev.inter2))
            ev.interaction = int(f"{lo}{hi}")
        else:
            ev.interaction = int(f"{ev.inter1}0")
    if "iso2" in changes and ev.iso2:
        import pycountry

        c = pycountry.countries.get(alpha_2=ev.iso2)
        ev.iso = int(c.numeric) if c is not None else ev.iso
        ev.region = _region(ev.iso) or ev.region


def apply_review(ev: Event, review: Review | None) -> Event:
    """The event as the analysts left it: their fields over the coded ones, and its review state."""
    ev.review_status = review.status if review is not None else "unreviewed"
    if review is None:
        return ev
    for name, value in review.fields.items():
        if hasattr(ev, name):
            setattr(ev, name, value)
    _derived(ev, review.fields)
    if review.status == "background":
        ev.is_background = True
    return ev


def _priority(ev: Event, review: Review) -> float:
    """How much an event needs a human: low confidence, contested claims, big tolls first;
    reviewed events last."""
    p = 1.0 - min(max(ev.confidence or 0.0, 0.0), 1.0)
    if ev.corroboration in ("contested", "disputed") or ev.perpetrator_stance == "denied":
        p += 0.5
    p += min(math.log10(1 + max(ev.fatalities or 0, 0)) / 2.0, 1.0)
    if review.status in ("approved", "rejected", "background"):
        p -= 10.0
    return round(p, 4)


def _region(iso: int | None) -> str | None:
    from dateline.export.regions import acled_region

    return acled_region(iso)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(d: datetime | None) -> datetime | None:
    if d is not None and d.tzinfo is None:
        return d.replace(tzinfo=UTC)  # SQLite gives naive datetimes back
    return d


def _user(row: Any) -> User:
    created = _utc(row.created_at)
    assert created is not None
    return User(row.id, row.name, row.role, created)


def _review(row: Any | None) -> Review:
    if row is None:
        return Review()
    return Review(row.status, dict(row.fields or {}), row.reviewed_by, _utc(row.reviewed_at))


def _entry(r: Any) -> AuditEntry:
    at = _utc(r.at)
    assert at is not None
    return AuditEntry(r.id, r.cluster_id, r.event_id_cnty, r.user_name, at, r.field, r.old, r.new, r.reason)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


class ReviewDesk:
    """Users, reviews and audit over one :class:`~dateline.store.db.Store`."""

    def __init__(self, store: Store, password_hasher: PasswordHasher | None = None) -> None:
        self.store = store
        self.engine = store.engine
        from argon2 import PasswordHasher

        # argon2id with the library's memory-hard defaults (64 MiB, 3 passes); tests pass a
        # lighter one
        self._hasher = password_hasher or PasswordHasher()
        self._dummy_hash = self._hasher.hash(secrets.token_hex(16))

    # ---- users ----------------------------------------------------------------------------

    def add_user(self, name: str, role: str, password: str) -> User:
        if not _NAME_RE.match(name or ""):
            raise AuthError(f"{name!r}: a user name is 1-64 letters, digits or . _ @ -")
        if role not in ROLES:
            raise AuthError(f"{role!r}: the role is one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD:
            raise AuthError(f"the password must have at least {MIN_PASSWORD} characters")
        with self.engine.begin() as conn:
            if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first() is not None:
                raise AuthError(f"{name!r}: a user of that name exists")
            conn.execute(
                users.insert().values(
                    name=name, role=role, password_hash=self._hasher.hash(password), created_at=_now()
                )
            )
            row = conn.execute(sa.select(users).where(users.c.name == name)).one()
        return _user(row)

    def remove_user(self, name: str) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(users.delete().where(users.c.name == name)).rowcount)

    def users(self) -> list[User]:
        with self.engine.connect() as conn:
            return [_user(r) for r in conn.execute(sa.select(users).order_by(users.c.name))]

    def user(self, name: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.name == name)).first()
        return _user(row) if row is not None else None

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password is theirs; the same work is done for unknown names."""
        from argon2.exceptions import InvalidHashError, VerificationError

        with self.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.name == name)).first()
        try:
            self._hasher.verify(row.password_hash if row is not None else self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(row) if row is not None else None

    def new_token(self, name: str) -> str:
        """A new API token for the user (the old one stops working); only its hash is kept."""
        token = "dl_" + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            n = conn.execute(
                users.update().where(users.c.name == name).values(token_hash=_hash_token(token))
            ).rowcount
        if not n:
            raise AuthError(f"{name!r}: no such user")
        return token

    def user_for_token(self, token: str) -> User | None:
        if not token:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.token_hash == _hash_token(token))).first()
        return _user(row) if row is not None else None

    def secret(self) -> str:
        """The session-signing secret of this store (made on first use)."""
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.select(desk_settings.c.value).where(desk_settings.c.name == "session_secret")
            ).first()
            if row is not None:
                return str(row.value)
            value = secrets.token_urlsafe(48)
            conn.execute(desk_settings.insert().values(name="session_secret", value=value))
            return value

    # ---- reading ----------------------------------------------------------------------------

    def review(self, cluster_id: int) -> Review:
        with self.engine.connect() as conn:
            return _review(conn.execute(sa.select(reviews).where(reviews.c.cluster_id == cluster_id)).first())

    def event(self, cluster_id: int) -> Event | None:
        """The merged event as the analysts left it, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(clusters.c.record, clusters.c.event_id_cnty, clusters.c.updated_at).where(
                    clusters.c.id == cluster_id
                )
            ).first()
            if row is None:
                return None
            rv = _review(conn.execute(sa.select(reviews).where(reviews.c.cluster_id == cluster_id)).first())
            keys = _keys_of(conn, cluster_id)
        from dateline.store.db import _unix_time  # as the store's exports give it

        ev = Event.from_dict(row.record)
        ev.event_id_cnty = row.event_id_cnty
        ev.timestamp = _unix_time(row.updated_at)
        ev.report_keys = keys
        ev.region = ev.region or _region(ev.iso)
        return apply_review(ev, rv)

    def reports(self, cluster_id: int) -> list[dict[str, Any]]:
        """The merged event's report-events: key, article, outlet, title, date, the text of the
        article (None for stores made before texts were kept), the coded record, and why it
        joined (score and reasons; None for the report that founded the event)."""
        q = (
            sa.select(
                events.c.key,
                events.c.article_id,
                events.c.record,
                articles.c.outlet,
                articles.c.title,
                articles.c.url,
                articles.c.published,
                article_texts.c.text,
                members.c.score,
                members.c.reasons,
                members.c.matched_key,
            )
            .join(articles, articles.c.id == events.c.article_id)
            .outerjoin(article_texts, article_texts.c.article_id == events.c.article_id)
            .outerjoin(members, members.c.event_id == events.c.id)
            .where(events.c.cluster_id == cluster_id)
            .order_by(events.c.id)
        )
        with self.engine.connect() as conn:
            return [
                {
                    "key": r.key,
                    "article_id": r.article_id,
                    "outlet": r.outlet,
                    "title": r.title,
                    "url": r.url,
                    "published": r.published.isoformat() if r.published else None,
                    "text": r.text,
                    "event": Event.from_dict(r.record),
                    "score": r.score,
                    "reasons": list(r.reasons or []),
                    "matched_key": r.matched_key,
                }
                for r in conn.execute(q)
            ]

    def article_text(self, article_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(
                sa.select(article_texts.c.text).where(article_texts.c.article_id == article_id)
            )

    def audit(self, cluster_id: int) -> list[AuditEntry]:
        """The changes to one event, newest first."""
        q = sa.select(audit).where(audit.c.cluster_id == cluster_id).order_by(audit.c.id.desc())
        with self.engine.connect() as conn:
            return [_entry(r) for r in conn.execute(q)]

    def queue(self, f: QueueFilter, offset: int = 0, limit: int = 50) -> tuple[list[QueueItem], int]:
        """Events matching ``f``, most in need of a human first; and how many match in all."""
        q = sa.select(
            clusters.c.id, clusters.c.record, clusters.c.event_id_cnty, clusters.c.updated_at, reviews
        ).outerjoin(reviews, reviews.c.cluster_id == clusters.c.id)
        coded = []
        if f.since is not None:
            coded.append(clusters.c.event_date >= f.since)
        if f.until is not None:
            coded.append(clusters.c.event_date <= f.until)
        iso = None
        if f.country:
            from dateline.store.db import iso_numeric

            iso = iso_numeric(f.country)
            coded.append(clusters.c.iso == iso)
        if coded:  # on the coded columns, or reviewed (an analyst's date or country, checked below)
            q = q.where(sa.or_(sa.and_(*coded), reviews.c.cluster_id.is_not(None)))
        items: list[QueueItem] = []
        words = [w for w in (f.text or "").lower().split() if w]
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                rv = _review(r if r.status is not None else None)
                ev = Event.from_dict(r.record)
                ev.event_id_cnty = r.event_id_cnty
                ev.region = ev.region or _region(ev.iso)
                apply_review(ev, rv)
                if not self._matches(ev, rv, f, words, iso):
                    continue
                items.append(QueueItem(r.id, ev, rv, _priority(ev, rv)))
        items.sort(key=lambda it: (-it.priority, it.event.event_date or "", it.cluster_id))
        return items[offset : offset + limit], len(items)

    def open_count(self) -> int:
        """How many events are left to review (no review yet, or edited but not approved)."""
        q = (
            sa.select(sa.func.count())
            .select_from(clusters)
            .outerjoin(reviews, reviews.c.cluster_id == clusters.c.id)
            .where(sa.or_(reviews.c.status.is_(None), reviews.c.status.in_(("unreviewed", "edited"))))
        )
        with self.engine.connect() as conn:
            return int(conn.scalar(q) or 0)

    @staticmethod
    def _matches(ev: Event, rv: Review, f: QueueFilter, words: list[str], iso: int | None = None) -> bool:
        day = (ev.event_date or "")[:10]
        if f.since is not None and not (day and day >= f.since.isoformat()):
            return False
        if f.until is not None and not (day and day <= f.until.isoformat()):
            return False
        if iso is not None and ev.iso != iso:
            return False
        if f.event_type:
            want = f.event_type.strip().lower()
            if want not in ((ev.event_type or "").lower(), (ev.sub_event_type or "").lower()):
                return False
        if f.status == "open":
            if rv.status not in ("unreviewed", "edited"):
                return False
        elif f.status and rv.status != f.status:
            return False
        if f.corroboration and (ev.corroboration or "") != f.corroboration:
            return False
        if f.min_confidence is not None and (ev.confidence or 0.0) < f.min_confidence:
            return False
        if f.max_confidence is not None and (ev.confidence or 0.0) > f.max_confidence:
            return False
        if not f.include_background and ev.is_background:
            return False
        if words:
            hay = " ".join(
                x or ""
                for x in (ev.notes, ev.actor1, ev.actor2, ev.assoc_actor_1, ev.assoc_actor_2, ev.location)
            ).lower()
            if not all(w in hay for w in words):
                return False
        return True

    # ---- writing ----------------------------------------------------------------------------

    def edit(
        self,
        cluster_id: int,
        changes: Mapping[str, Any],
        user: User,
        reason: str | None = None,
        admin1_of: Callable[[str], Sequence[str]] | None = None,
    ) -> Event:
        """Set fields of a merged event (checked; :class:`FieldError` names a bad one), each
        change audited; the event becomes ``edited`` unless it was approved or rejected."""
        self._may_edit(user)
        current = self.event(cluster_id)
        if current is None:
            raise KeyError(cluster_id)
        values = validate_changes(current, changes, admin1_of)
        changed = {k: v for k, v in values.items() if getattr(current, k, None) != v}
        if not changed:
            return current
        with self.engine.begin() as conn:
            rv = _review(conn.execute(sa.select(reviews).where(reviews.c.cluster_id == cluster_id)).first())
            for name, value in changed.items():
                if name in EDITABLE_FIELDS:
                    self._audit(
                        conn, cluster_id, current, user, name, getattr(current, name, None), value, reason
                    )
            rv.fields.update(changed)
            status = rv.status if rv.status in ("approved", "rejected", "background") else "edited"
            self._save_review(conn, cluster_id, status, rv.fields, user)
        out = self.event(cluster_id)
        assert out is not None
        return out

    def set_status(self, cluster_id: int, status: str, user: User, reason: str | None = None) -> Event:
        """Approve, reject (not an event), mark as background, or reopen (``unreviewed``)."""
        self._may_edit(user)
        if status not in REVIEW_STATUSES or status == "edited":
            raise FieldError(
                "review_status", f"{status!r}: one of approved, rejected, background, unreviewed"
            )
        current = self.event(cluster_id)
        if current is None:
            raise KeyError(cluster_id)
        with self.engine.begin() as conn:
            rv = _review(conn.execute(sa.select(reviews).where(reviews.c.cluster_id == cluster_id)).first())
            if status == "unreviewed" and rv.fields:
                status = "edited"  # reopened, with the analysts' fields still over the coded ones
            if rv.status != status:
                self._audit(conn, cluster_id, current, user, "review_status", rv.status, status, reason)
            self._save_review(conn, cluster_id, status, rv.fields, user)
        out = self.event(cluster_id)
        assert out is not None
        return out

    def merge(self, into: int, other: int, user: User, reason: str | None = None) -> Event:
        """Merge event ``other`` into ``into``: its report-events join ``into``, its review is
        dropped (``into``'s stands), and both events' audit trails say so."""
        self._may_edit(user)
        if into == other:
            raise FieldError("merge", "an event cannot be merged with itself")
        a, b = self.event(into), self.event(other)
        if a is None or b is None:
            raise KeyError(other if b is None else into)
        with self.engine.begin() as conn:
            moved = conn.execute(
                events.update().where(events.c.cluster_id == other).values(cluster_id=into)
            ).rowcount
            conn.execute(members.update().where(members.c.cluster_id == other).values(cluster_id=into))
            conn.execute(reviews.delete().where(reviews.c.cluster_id == other))
            n_reports = conn.scalar(
                sa.select(sa.func.count()).select_from(events).where(events.c.cluster_id == into)
            )
            n_articles = conn.scalar(
                sa.select(sa.func.count(sa.distinct(events.c.article_id))).where(events.c.cluster_id == into)
            )
            record = dict(
                conn.execute(sa.select(clusters.c.record).where(clusters.c.id == into)).scalar_one()
            )
            record["article_ids"] = sorted(set(record.get("article_ids") or []) | set(b.article_ids))
            conn.execute(
                clusters.update()
                .where(clusters.c.id == into)
                .values(record=record, n_reports=n_reports, n_articles=n_articles, updated_at=_now())
            )
            conn.execute(clusters.delete().where(clusters.c.id == other))
            self._audit(conn, into, a, user, "merge", None, b.event_id_cnty or other, reason)
            self._audit(conn, other, b, user, "merged_into", b.event_id_cnty, a.event_id_cnty or into, reason)
            rv = _review(conn.execute(sa.select(reviews).where(reviews.c.cluster_id == into)).first())
            self._save_review(conn, into, rv.status, rv.fields, user)
        del moved
        out = self.event(into)
        assert out is not None
        return out

    def split(self, key: str, user: User, reason: str | None = None) -> int:
        """Split report-event ``key`` off its merged event (:meth:`Store.split`), audited on
        both events; returns the new event's id."""
        self._may_edit(user)
        result = self.store.split(key)
        with self.engine.begin() as conn:
            # the review stays with the event split from: its anchors no longer hold the key split off
            # (else re-coding its articles could move the review onto the split-off report's event)
            left = [
                k
                for (k,) in conn.execute(
                    sa.select(events.c.key)
                    .where(events.c.cluster_id == result.from_cluster)
                    .order_by(events.c.id)
                )
            ]
            conn.execute(
                reviews.update().where(reviews.c.cluster_id == result.from_cluster).values(anchor_keys=left)
            )
            for cid in (result.from_cluster, result.to_cluster):
                if cid is None:
                    continue
                ev = self.event(cid)
                if ev is not None:
                    self._audit(conn, cid, ev, user, "split", None, key, reason)
        return int(result.to_cluster)

    def reattach(self) -> int:
        """See :func:`reattach_reviews` (the store calls it after every article it writes)."""
        with self.engine.begin() as conn:
            return reattach_reviews(conn)

    # ---- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _may_edit(user: User) -> None:
        if not user.can_edit:
            raise PermissionError(f"{user.name} is a {user.role}: only coders and admins change events")

    def _audit(
        self,
        conn: sa.Connection,
        cluster_id: int,
        ev: Event,
        user: User,
        name: str,
        old: Any,
        new: Any,
        reason: str | None,
    ) -> None:
        conn.execute(
            audit.insert().values(
                cluster_id=cluster_id,
                event_id_cnty=ev.event_id_cnty,
                user_name=user.name,
                at=_now(),
                field=name,
                old=_jsonable(old),
                new=_jsonable(new),
                reason=(reason or "").strip()[:_MAX_NOTES] or None,
            )
        )

    def _save_review(
        self, conn: sa.Connection, cluster_id: int, status: str, fields: dict[str, Any], user: User
    ) -> None:
        keys = _keys_of(conn, cluster_id)
        values = {
            "status": status,
            "fields": _jsonable(fields),
            "anchor_keys": keys,
            "reviewed_by": user.name,
            "reviewed_at": _now(),
        }
        exists = conn.execute(
            sa.select(reviews.c.cluster_id).where(reviews.c.cluster_id == cluster_id)
        ).first()
        if exists:
            conn.execute(reviews.update().where(reviews.c.cluster_id == cluster_id).values(**values))
        else:
            conn.execute(reviews.insert().values(cluster_id=cluster_id, **values))
        conn.execute(clusters.update().where(clusters.c.id == cluster_id).values(updated_at=_now()))


def reviews_by_cluster(conn: sa.Connection, ids: Iterable[int]) -> dict[int, Review]:
    """The reviews of these merged events (for exports)."""
    out: dict[int, Review] = {}
    wanted = list(ids)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        for r in conn.execute(sa.select(reviews).where(reviews.c.cluster_id.in_(chunk))):
            out[r.cluster_id] = _review(r)
    return out


def _keys_of(conn: sa.Connection, cluster_id: int) -> list[str]:
    """The report-event keys of one merged event, in the order stored (the store's query)."""
    from dateline.store.db import _report_keys

    return _report_keys(conn, [cluster_id]).get(cluster_id, [])


def reattach_reviews(conn: sa.Connection) -> int:
    """Reviews whose event row went (its articles were re-coded) follow their report-event keys
    to the event now holding them; a review with none of its reports left goes. Returns how
    many moved."""
    moved = 0
    rows = conn.execute(
        sa.select(reviews)
        .outerjoin(clusters, clusters.c.id == reviews.c.cluster_id)
        .where(clusters.c.id.is_(None))
    ).all()
    for r in rows:
        keys = list(r.anchor_keys or [])
        target = (
            conn.scalar(
                sa.select(events.c.cluster_id).where(events.c.key.in_(keys), events.c.cluster_id.is_not(None))
            )
            if keys
            else None
        )
        conn.execute(reviews.delete().where(reviews.c.cluster_id == r.cluster_id))
        if target is None:
            continue
        if conn.execute(sa.select(reviews.c.cluster_id).where(reviews.c.cluster_id == target)).first():
            continue  # the event there has a review of its own
        conn.execute(
            reviews.insert().values(
                cluster_id=target,
                status=r.status,
                fields=r.fields,
                anchor_keys=keys,
                reviewed_by=r.reviewed_by,
                reviewed_at=r.reviewed_at,
            )
        )
        moved += 1
    return moved
