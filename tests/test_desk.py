"""The review desk: users and roles, the queue, the event page, edits with validation and audit,
precedence over re-coding, the JSON API, and its security (escaping, CSP, CSRF, frames, logins)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from dateline.desk.app import CSP, _LoginLimiter, create_app
from dateline.model import Article, Event
from dateline.store.db import Store
from dateline.store.review import FieldError, QueueFilter, ReviewDesk, User, validate_changes
from dateline.store.schema import article_texts
from desk_browser import BALAD_TEXT, HOSTILE_TEXT, balad_event, kano_event
from store_pg import db_url_fixture, pg_server_fixture  # noqa: F401  (fixtures)

TEXT = BALAD_TEXT
HOSTILE = HOSTILE_TEXT


def balad(article_id: str, text: str = TEXT, fatalities: int = 5, confidence: float = 0.9) -> Event:
    return balad_event(article_id, text, fatalities, confidence)


def kano(article_id: str) -> Event:
    return kano_event(article_id, HOSTILE)


def _write(store: Store, aid: str, text: str, events: list[Event], day: str = "2024-04-02") -> None:
    store.write_article(Article(id=aid, text=text, published=date.fromisoformat(day)), aid, events)
    with store.engine.begin() as conn:  # the texts, as ingest keeps them
        conn.execute(article_texts.delete().where(article_texts.c.article_id == aid))
        conn.execute(article_texts.insert().values(article_id=aid, text=text))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """The desk's store, on SQLite and on PostgreSQL (one code)."""
    with Store.open(db_url) as s:
        _write(s, "reuters-1", TEXT, [balad("reuters-1")])
        _write(s, "kano-1", HOSTILE, [kano("kano-1")], day="2024-04-03")
        yield s


@pytest.fixture
def desk(store: Store) -> ReviewDesk:
    from argon2 import PasswordHasher

    d = ReviewDesk(store, PasswordHasher(time_cost=1, memory_cost=8192))  # light, for speed
    d.add_user("ada", "admin", "admin-pass-1")
    d.add_user("cody", "coder", "coder-pass-1")
    d.add_user("vera", "viewer", "viewer-pass-1")
    return d


def _ids(desk: ReviewDesk) -> dict[str, int]:
    items, _ = desk.queue(QueueFilter(status=None), 0, 100)
    return {it.event.location or "": it.cluster_id for it in items}


def _login(client: TestClient, name: str, password: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    r = client.post(
        "/login",
        data={"csrf": token.group(1), "name": name, "password": password, "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def _csrf(page_text: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', page_text)
    assert m is not None
    return m.group(1)


@pytest.fixture
def client(desk: ReviewDesk) -> TestClient:
    admin1 = {"SO": ["Middle Shabele", "Banaadir"], "NG": ["Kano", "Lagos"]}
    app = create_app(desk, admin1_of=lambda cc: admin1.get(cc, []))
    return TestClient(app, base_url="http://127.0.0.1")


# ---- users ---------------------------------------------------------------------------------------


def test_the_default_hasher_is_memory_hard(store: Store) -> None:
    desk = ReviewDesk(store)
    desk.add_user("ada", "admin", "admin-pass-1")
    with desk.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM users WHERE name = 'ada'")).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,")  # 64 MiB, 3 passes


def test_passwords_are_argon2_hashes_and_wrong_ones_fail(desk: ReviewDesk) -> None:
    with desk.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM users WHERE name = 'ada'")).scalar_one()
    assert stored.startswith("$argon2id$") and "admin-pass-1" not in stored
    assert desk.authenticate("ada", "admin-pass-1") is not None
    assert desk.authenticate("ada", "wrong-pass") is None
    assert desk.authenticate("nobody", "admin-pass-1") is None


def test_tokens_name_their_user_and_a_new_one_retires_the_old(desk: ReviewDesk) -> None:
    first = desk.new_token("cody")
    user = desk.user_for_token(first)
    assert user is not None and user.name == "cody" and user.role == "coder"
    second = desk.new_token("cody")
    assert desk.user_for_token(first) is None and desk.user_for_token(second) is not None


@pytest.mark.parametrize(
    ("name", "role", "password", "problem"),
    [
        ("bad name", "coder", "long-enough", "user name"),
        ("ok", "boss", "long-enough", "role"),
        ("ok", "coder", "short", "at least 8"),
        ("ada", "coder", "long-enough", "exists"),
    ],
)
def test_bad_users_are_refused(desk: ReviewDesk, name: str, role: str, password: str, problem: str) -> None:
    from dateline.store.review import AuthError

    with pytest.raises(AuthError, match=problem):
        desk.add_user(name, role, password)


# ---- edits, validation, audit, precedence ---------------------------------------------------------


def test_validation_names_the_field(desk: ReviewDesk) -> None:
    ev = balad("x")
    with pytest.raises(FieldError) as e:
        validate_changes(ev, {"sub_event_type": "Peaceful protest"})
    assert e.value.field == "sub_event_type" and "Battles" in str(e.value)
    for name, value in (("inter1", 9), ("event_date", "2024-13-01"), ("latitude", 120), ("fatalities", -1)):
        with pytest.raises(FieldError) as e:
            validate_changes(ev, {name: value})
        assert e.value.field == name
    with pytest.raises(FieldError) as e:
        validate_changes(ev, {"admin1": "Atlantis"}, lambda cc: ["Middle Shabele"])
    assert e.value.field == "admin1"
    # a type change with a sub-type of it is fine, and the country gets its code
    ok = validate_changes(ev, {"event_type": "Riots", "sub_event_type": "Mob violence", "country": "Kenya"})
    # (the Somali admin1 is cleared: it is no unit of Kenya)
    assert ok == {
        "event_type": "Riots",
        "sub_event_type": "Mob violence",
        "country": "Kenya",
        "iso2": "KE",
        "admin1": None,
    }


def test_an_edit_is_audited_and_survives_recoding(store: Store, desk: ReviewDesk) -> None:
    cid = _ids(desk)["Balad"]
    coder = desk.user("cody")
    assert coder is not None
    ev = desk.edit(cid, {"location": "Afgooye", "fatalities": 4}, coder, "the report names Afgooye")
    assert (ev.location, ev.fatalities, ev.review_status) == ("Afgooye", 4, "edited")
    entries = desk.audit(cid)
    assert {(a.field, a.old, a.new, a.user, a.reason) for a in entries} == {
        ("location", "Balad", "Afgooye", "cody", "the report names Afgooye"),
        ("fatalities", 5, 4, "cody", "the report names Afgooye"),
    }
    # the same article coded again (a new version): the analyst's fields stand
    _write(store, "reuters-1", TEXT + " More.", [balad("reuters-1", TEXT + " More.", fatalities=6)])
    desk.reattach()
    now = {it.event.location: it for it in desk.queue(QueueFilter(status=None), 0, 10)[0]}
    assert "Afgooye" in now and now["Afgooye"].event.fatalities == 4
    # and the exports carry the reviewed values and the review state
    rows = {e.location: e for _, e in store.event_rows(include_background=True)}
    assert rows["Afgooye"].fatalities == 4 and rows["Afgooye"].review_status == "edited"


def test_a_viewer_cannot_change_anything(desk: ReviewDesk) -> None:
    cid = _ids(desk)["Balad"]
    viewer = desk.user("vera")
    assert viewer is not None
    with pytest.raises(PermissionError):
        desk.edit(cid, {"fatalities": 1}, viewer)
    with pytest.raises(PermissionError):
        desk.set_status(cid, "approved", viewer)


def test_queue_puts_what_needs_a_human_first_and_filters(desk: ReviewDesk) -> None:
    items, total = desk.queue(QueueFilter(status="open"), 0, 10)
    assert total == 2
    # Kano: coded at 0.3 confidence, before Balad at 0.9 with five dead
    assert [it.event.location for it in items] == ["Kano", "Balad"]
    assert items[0].priority == pytest.approx(0.7) and items[1].priority == pytest.approx(
        0.1 + 0.389, abs=1e-3
    )
    assert desk.queue(QueueFilter(country="NG"), 0, 10)[1] == 1
    assert desk.queue(QueueFilter(event_type="Protests"), 0, 10)[0][0].event.location == "Kano"
    assert desk.queue(QueueFilter(text="shabaab"), 0, 10)[1] == 1
    assert desk.queue(QueueFilter(max_confidence=0.5), 0, 10)[1] == 1
    cid = _ids(desk)["Balad"]
    admin = desk.user("ada")
    assert admin is not None
    desk.set_status(cid, "approved", admin)
    assert desk.queue(QueueFilter(status="open"), 0, 10)[1] == 1
    assert desk.queue(QueueFilter(status="approved"), 0, 10)[1] == 1


def test_reject_and_background_show_in_exports(store: Store, desk: ReviewDesk) -> None:
    ids = _ids(desk)
    admin = desk.user("ada")
    assert admin is not None
    desk.set_status(ids["Kano"], "rejected", admin, "a march, no event")
    desk.set_status(ids["Balad"], "background", admin)
    rows = {e.location: e for _, e in store.event_rows(include_background=True, include_rejected=True)}
    assert rows["Kano"].review_status == "rejected"
    # an event analysts rejected is no event: left out of exports unless asked for
    assert [e.location for _, e in store.event_rows(include_background=True)] == ["Balad"]
    assert list(store.event_rows()) == []  # and Balad is background now
    assert rows["Balad"].review_status == "background" and rows["Balad"].is_background
    assert [a.field for a in desk.audit(ids["Kano"])] == ["review_status"]


def test_merge_moves_the_reports_and_is_audited(store: Store, desk: ReviewDesk) -> None:
    ids = _ids(desk)
    admin = desk.user("ada")
    assert admin is not None
    merged = desk.merge(ids["Balad"], ids["Kano"], admin, "same event")
    assert sorted(merged.report_keys) == ["kano-1#0", "reuters-1#0"]
    assert desk.event(ids["Kano"]) is None
    assert [a.field for a in desk.audit(ids["Balad"])] == ["merge"]


# ---- the web pages --------------------------------------------------------------------------------


def test_pages_need_a_login(client: TestClient) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_queue_and_event_page_show_the_evidence(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "vera", "viewer-pass-1")
    q = client.get("/")
    assert q.status_code == 200 and "2 events left to review" in q.text and "Balad" in q.text
    cid = _ids(desk)["Balad"]
    page = client.get(f"/events/{cid}?field=actor1")
    assert page.status_code == 200
    # the actor's words are marked, and lit for the chosen field
    assert 'data-fields="actor1" id="lit">Al Shabaab</mark>' in page.text.replace('class="ev lit" ', "")
    assert '<mark class="ev lit" data-fields="actor1"' in page.text
    assert "<svg" in page.text and 'class="point"' in page.text  # the offline map
    assert "reuters-1#0" in page.text  # the report key split takes
    assert 'id="edit-form"' not in page.text  # a viewer sees no edit form


def test_a_coder_edits_in_the_page_and_sees_the_audit(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "cody", "coder-pass-1")
    cid = _ids(desk)["Balad"]
    page = client.get(f"/events/{cid}")
    form = {"csrf": _csrf(page.text), "location": "Afgooye", "admin1": "Middle Shabele", "reason": "named"}
    r = client.post(f"/events/{cid}/edit", data=form, follow_redirects=False)
    assert r.status_code == 303
    after = client.get(r.headers["location"])
    assert "Saved." in after.text and "Afgooye" in after.text and ">named<" in after.text
    bad = client.post(f"/events/{cid}/edit", data={**form, "admin1": "Atlantis"})
    assert bad.status_code == 422 and "admin1" in bad.text and "Atlantis" in bad.text


def test_approve_moves_to_the_next_event(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "cody", "coder-pass-1")
    ids = _ids(desk)
    page = client.get(f"/events/{ids['Balad']}?from=status%3Dopen")
    data = {"csrf": _csrf(page.text), "action": "approve", "then": "next", "from": "status=open"}
    r = client.post(f"/events/{ids['Balad']}/status", data=data, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"/events/{ids['Kano']}")
    assert desk.review(ids["Balad"]).status == "approved"


def test_walking_a_filtered_queue_keeps_its_place_and_its_filter(
    store: Store, client: TestClient, desk: ReviewDesk
) -> None:
    # a third event, least in need of review (sure, no deaths) and older than the other two
    quiet = balad("reuters-0", fatalities=0, confidence=0.95)
    quiet.event_date, quiet.location, quiet.latitude, quiet.longitude = "2024-03-01", "Afgooye", 2.14, 45.12
    _write(store, "reuters-0", TEXT, [quiet], day="2024-03-01")
    ids = _ids(desk)
    assert [it.cluster_id for it in desk.queue(QueueFilter(status="open"), 0, 10)[0]] == [
        ids["Kano"],
        ids["Balad"],
        ids["Afgooye"],
    ]
    _login(client, "cody", "coder-pass-1")
    # approving the second event moves on to the third, not back to the top of the queue
    page = client.get(f"/events/{ids['Balad']}?from=")
    data = {"csrf": _csrf(page.text), "action": "approve", "then": "next", "from": ""}
    r = client.post(f"/events/{ids['Balad']}/status", data=data, follow_redirects=False)
    assert r.headers["location"] == f"/events/{ids['Afgooye']}?from="
    # the queue's date filter holds for next and previous, and survives a save
    since = "since=2024-04-01"
    page = client.get(f"/events/{ids['Kano']}?from={since.replace('=', '%3D')}")
    assert 'id="next"' not in page.text  # Balad is approved, Afgooye is too old: Kano is the last
    form = {"csrf": _csrf(page.text), "from": since, "notes": "a march", "reason": "notes"}
    r = client.post(f"/events/{ids['Kano']}/edit", data=form, follow_redirects=False)
    assert r.headers["location"] == f"/events/{ids['Kano']}?from=since%3D2024-04-01&saved=1"


# ---- security -------------------------------------------------------------------------------------


def test_hostile_article_text_is_escaped_and_the_page_forbids_inline_script(
    client: TestClient, desk: ReviewDesk
) -> None:
    _login(client, "ada", "admin-pass-1")
    page = client.get(f"/events/{_ids(desk)['Kano']}")
    assert page.status_code == 200
    assert "<script>document.title" not in page.text
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text and 'href="javascript:' not in page.text
    assert page.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
    assert page.headers["x-frame-options"] == "DENY"
    # every script the page loads is the desk's own file
    assert re.findall(r"<script[^>]*>", page.text) == ['<script src="/static/desk.js" defer>']


def test_forms_without_the_csrf_token_are_refused(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "ada", "admin-pass-1")
    cid = _ids(desk)["Balad"]
    r = client.post(f"/events/{cid}/status", data={"action": "approve"})
    assert r.status_code == 403 and "CSRF" in r.text
    r = client.post(f"/events/{cid}/status", data={"action": "approve", "csrf": "forged"})
    assert r.status_code == 403
    assert desk.review(cid).status == "unreviewed"


def test_session_cookie_is_httponly_and_samesite(desk: ReviewDesk) -> None:
    client = TestClient(create_app(desk), base_url="http://127.0.0.1")
    page = client.get("/login")
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_failed_logins_are_rate_limited(desk: ReviewDesk) -> None:
    clock = [0.0]
    app = create_app(desk, limiter=_LoginLimiter(limit=3, window=60, clock=lambda: clock[0]))
    client = TestClient(app, base_url="http://127.0.0.1")
    token = _csrf(client.get("/login").text)
    codes = [
        client.post("/login", data={"csrf": token, "name": "ada", "password": "nope-nope"}).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    # even the right password waits out the window
    ok = {"csrf": token, "name": "ada", "password": "admin-pass-1"}
    assert client.post("/login", data=ok, follow_redirects=False).status_code == 429
    clock[0] = 61.0
    assert client.post("/login", data=ok, follow_redirects=False).status_code == 303


def test_a_viewer_cannot_post_edits_in_the_page(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "vera", "viewer-pass-1")
    cid = _ids(desk)["Balad"]
    page = client.get(f"/events/{cid}")
    r = client.post(f"/events/{cid}/edit", data={"csrf": _csrf(page.text), "fatalities": "1"})
    assert r.status_code == 403


# ---- the JSON API ---------------------------------------------------------------------------------


def test_api_authentication_and_roles(client: TestClient, desk: ReviewDesk) -> None:
    cid = _ids(desk)["Balad"]
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/events", headers={"Authorization": "Bearer nope"}).status_code == 401
    viewer = {"Authorization": f"Bearer {desk.new_token('vera')}"}
    coder = {"Authorization": f"Bearer {desk.new_token('cody')}"}
    listed = client.get("/api/events?country=SO", headers=viewer).json()
    assert listed["total"] == 1 and listed["events"][0]["id"] == cid
    one = client.get(f"/api/events/{cid}", headers=viewer).json()
    assert one["location"] == "Balad" and one["reports"][0]["key"] == "reuters-1#0"
    assert client.patch(f"/api/events/{cid}", json={"fatalities": 3}, headers=viewer).status_code == 403
    bad = client.patch(f"/api/events/{cid}", json={"inter1": 12}, headers=coder)
    assert bad.status_code == 422 and bad.json()["field"] == "inter1"
    ok = client.patch(f"/api/events/{cid}", json={"fatalities": 3, "reason": "a later count"}, headers=coder)
    assert ok.status_code == 200 and ok.json()["fatalities"] == 3 and ok.json()["review_status"] == "edited"
    trail = client.get(f"/api/events/{cid}/audit", headers=viewer).json()
    assert trail[0]["field"] == "fatalities" and trail[0]["old"] == 5 and trail[0]["new"] == 3
    assert trail[0]["user"] == "cody" and trail[0]["reason"] == "a later count"
    approved = client.patch(f"/api/events/{cid}", json={"review_status": "approved"}, headers=coder)
    assert approved.json()["review_status"] == "approved"


def test_user_role_check_helpers() -> None:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    assert User(1, "a", "coder", now).can_edit and not User(1, "a", "viewer", now).can_edit
    assert User(1, "a", "admin", now).is_admin and not User(1, "a", "coder", now).is_admin


# ---- found in review --------------------------------------------------------------------------------


def test_a_non_ascii_csrf_token_is_refused_not_a_server_error(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "ada", "admin-pass-1")
    cid = _ids(desk)["Balad"]
    r = client.post(f"/events/{cid}/status", data={"action": "approve", "csrf": "é"})
    assert r.status_code == 403 and "CSRF" in r.text
    assert desk.review(cid).status == "unreviewed"


def test_api_patch_refuses_wrong_types_and_a_bad_status_changes_nothing(
    client: TestClient, desk: ReviewDesk
) -> None:
    cid = _ids(desk)["Balad"]
    coder = {"Authorization": f"Bearer {desk.new_token('cody')}"}
    for body, name in (
        ({"event_type": ["Battles"]}, "event_type"),
        ({"sub_event_type": {"a": 1}}, "sub_event_type"),
    ):
        r = client.patch(f"/api/events/{cid}", json=body, headers=coder)
        assert (r.status_code, r.json()["field"]) == (422, name)
    # a refused review_status refuses the whole request: the fields beside it are not saved
    r = client.patch(f"/api/events/{cid}", json={"fatalities": 3, "review_status": "bogus"}, headers=coder)
    assert (r.status_code, r.json()["field"]) == (422, "review_status")
    ev = desk.event(cid)
    assert ev is not None and ev.fatalities == 5 and ev.review_status == "unreviewed"
    assert desk.audit(cid) == []
    # a negative offset is the start of the list, not its tail
    listed = client.get("/api/events?offset=-1&limit=1", headers=coder).json()
    assert listed["offset"] == 0 and [e["location"] for e in listed["events"]] == ["Kano"]


def test_a_new_country_clears_the_old_units_and_sets_the_region(client: TestClient, desk: ReviewDesk) -> None:
    cid = _ids(desk)["Balad"]
    _login(client, "cody", "coder-pass-1")
    page = client.get(f"/events/{cid}")
    # the form sends the admin1 it shows (Middle Shabele), unchanged, beside the new country
    r = client.post(
        f"/events/{cid}/edit",
        data={"csrf": _csrf(page.text), "country": "Serbia", "admin1": "Middle Shabele"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    ev = desk.event(cid)
    assert ev is not None
    assert (ev.country, ev.iso2, ev.iso, ev.region, ev.admin1) == ("Serbia", "RS", 688, "Europe", None)
    assert {a.field: (a.old, a.new) for a in desk.audit(cid)}["admin1"] == ("Middle Shabele", None)


def test_clearing_inter1_clears_the_interaction(desk: ReviewDesk) -> None:
    cid = _ids(desk)["Balad"]
    coder = desk.user("cody")
    assert coder is not None
    ev = desk.edit(cid, {"inter2": None}, coder)
    assert (ev.inter1, ev.inter2, ev.interaction) == (2, None, 20)
    ev = desk.edit(cid, {"inter1": None}, coder)
    assert (ev.inter1, ev.interaction) == (None, None)


def test_queue_country_filter_takes_a_name_and_names_a_bad_one(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "vera", "viewer-pass-1")
    r = client.get("/?country=Somalia")
    assert r.status_code == 200 and "1 event match" in r.text and "Balad" in r.text
    r = client.get("/?country=Atlantis")
    assert r.status_code == 422 and "country" in r.text
    viewer = {"Authorization": f"Bearer {desk.new_token('vera')}"}
    r = client.get("/api/events?country=zz", headers=viewer)
    assert (r.status_code, r.json()["field"]) == (422, "country")


def test_filters_of_queue_and_exports_see_the_reviewed_date_country_and_type(
    store: Store, desk: ReviewDesk
) -> None:
    cid = _ids(desk)["Balad"]
    coder = desk.user("cody")
    assert coder is not None
    # coded 2024-04-02 in Somalia as a battle; the analyst says 2024-05-10 in Kenya, a riot
    changes = {
        "event_date": "2024-05-10",
        "country": "Kenya",
        "event_type": "Riots",
        "sub_event_type": "Mob violence",
    }
    desk.edit(cid, changes, coder)
    in_queue = desk.queue(QueueFilter(status=None, since=date(2024, 5, 1), country="KE"), 0, 10)[0]
    assert [it.event.location for it in in_queue] == ["Balad"]
    assert desk.queue(QueueFilter(status=None, until=date(2024, 4, 30)), 0, 10)[1] == 1  # Kano only
    assert desk.queue(QueueFilter(status=None, country="SO"), 0, 10)[1] == 0

    def exported(**filters: object) -> list[str | None]:
        return [e.location for _, e in store.event_rows(include_background=True, **filters)]

    assert exported(since=date(2024, 5, 1)) == ["Balad"]
    assert exported(until=date(2024, 4, 30)) == ["Kano"]
    assert exported(country="KE") == ["Balad"] and exported(country="SO") == []
    assert exported(event_type="Riots") == ["Balad"] and exported(event_type="Battles") == []
    assert [e.location for _, e in store.event_rows(include_background=True, merged=False, country="KE")] == [
        "Balad"
    ]


def test_a_review_stays_with_its_event_after_a_split_and_a_recoding(store: Store, desk: ReviewDesk) -> None:
    # a second report of the Balad clash joins it; the analyst edits the event, then splits the
    # second report off; the first article is coded again: the edit follows the first report
    _write(store, "afp-1", TEXT, [balad("afp-1")])
    cid = _ids(desk)["Balad"]
    assert sorted(desk.event(cid).report_keys) == ["afp-1#0", "reuters-1#0"]  # type: ignore[union-attr]
    coder = desk.user("cody")
    assert coder is not None
    desk.edit(cid, {"location": "Afgooye"}, coder)
    desk.split("afp-1#0", coder)
    _write(store, "reuters-1", TEXT + " More.", [balad("reuters-1", TEXT + " More.")])
    by_key = {it.event.report_keys[0]: it for it in _items_with_keys(desk)}
    assert by_key["reuters-1#0"].event.location == "Afgooye"
    assert by_key["reuters-1#0"].review.status == "edited"
    assert (by_key["afp-1#0"].event.location, by_key["afp-1#0"].review.status) == ("Balad", "unreviewed")


def _items_with_keys(desk: ReviewDesk) -> list[object]:
    out = []
    for it in desk.queue(QueueFilter(status=None), 0, 100)[0]:
        ev = desk.event(it.cluster_id)
        assert ev is not None
        it.event.report_keys = ev.report_keys
        out.append(it)
    return out


def test_reopening_an_edited_event_audits_the_status_it_gets(desk: ReviewDesk) -> None:
    cid = _ids(desk)["Balad"]
    coder = desk.user("cody")
    assert coder is not None
    desk.edit(cid, {"fatalities": 4}, coder)
    desk.set_status(cid, "unreviewed", coder)  # nothing changes: it stays edited
    assert desk.review(cid).status == "edited"
    assert [a.field for a in desk.audit(cid)] == ["fatalities"]
    desk.set_status(cid, "approved", coder)
    desk.set_status(cid, "unreviewed", coder)
    assert desk.review(cid).status == "edited"
    assert [(a.field, a.old, a.new) for a in desk.audit(cid)][:2] == [
        ("review_status", "approved", "edited"),
        ("review_status", "edited", "approved"),
    ]


def test_an_id_no_store_can_hold_is_not_found(client: TestClient, desk: ReviewDesk) -> None:
    _login(client, "vera", "viewer-pass-1")
    assert client.get("/events/99999999999999999999999").status_code == 404
    token = {"Authorization": f"Bearer {desk.new_token('vera')}"}
    r = client.get("/api/events/99999999999999999999999", headers=token)
    assert r.status_code == 404 and "no event" in r.json()["error"]


def test_reading_the_queue_does_not_reread_the_taxonomy(
    desk: ReviewDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every event read applies the review (disorder type, interaction): parsing taxonomy.yaml
    # for each made the queue of 10,000 events take 17 s (bench/desk_queue.py)
    import dateline.events.lexicon as lexicon

    calls: list[tuple[str, ...]] = []
    real = lexicon.load_data_yaml

    def counting(*parts: str) -> object:
        calls.append(parts)
        return real(*parts)

    monkeypatch.setattr(lexicon, "load_data_yaml", counting)
    for _ in range(3):
        desk.queue(QueueFilter(status=None), 0, 10)
    assert len([c for c in calls if c[-1] == "taxonomy.yaml"]) <= 1
    assert desk.open_count() == 2
