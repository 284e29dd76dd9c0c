// dateline desk: keyboard shortcuts and evidence highlighting. No inline script anywhere: the
// Content-Security-Policy allows only this file.
"use strict";

function typing(el) {
  return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

function light(field) {
  document.querySelectorAll("mark.ev.lit, tr.field.lit").forEach(function (m) { m.classList.remove("lit"); });
  var first = null;
  document.querySelectorAll("mark.ev").forEach(function (m) {
    var names = (m.getAttribute("data-fields") || "").split(" ");
    if (names.indexOf(field) >= 0) {
      m.classList.add("lit");
      if (!first) { first = m; }
    }
  });
  var row = document.getElementById("field-" + field);
  if (row) { row.classList.add("lit"); }
  if (first) { first.scrollIntoView({ block: "center" }); }
  return first;
}

function queueKeys() {
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tr.row"));
  var at = rows.length ? 0 : -1;
  function select(i) {
    if (!rows.length) { return; }
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r) { r.classList.remove("selected"); });
    rows[at].classList.add("selected");
    rows[at].scrollIntoView({ block: "nearest" });
  }
  select(0);
  rows.forEach(function (r, i) {
    r.addEventListener("click", function (ev) {
      if (ev.target.tagName !== "A") { window.location = r.getAttribute("data-href"); }
      select(i);
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (typing(document.activeElement) || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "j") { select(at + 1); ev.preventDefault(); }
    else if (ev.key === "k") { select(at - 1); ev.preventDefault(); }
    else if ((ev.key === "o" || ev.key === "Enter") && at >= 0) { window.location = rows[at].getAttribute("data-href"); }
  });
}

function eventKeys() {
  document.querySelectorAll("a.field-link").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      if (light(a.getAttribute("data-field"))) { ev.preventDefault(); }
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (typing(document.activeElement) || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var go = function (id) { var a = document.getElementById(id); if (a) { window.location = a.getAttribute("href"); } };
    var press = function (id) { var b = document.getElementById(id); if (b) { b.click(); } };
    if (ev.key === "j") { go("next"); }
    else if (ev.key === "k") { go("prev"); }
    else if (ev.key === "u") { go("back"); }
    else if (ev.key === "a") { press("action-approve"); }
    else if (ev.key === "r") { press("action-reject"); }
    else if (ev.key === "b") { press("action-background"); }
    else if (ev.key === "e") {
      var first = document.querySelector("#edit-form input:not([type=hidden]), #edit-form select");
      if (first) { first.focus(); first.scrollIntoView({ block: "center" }); ev.preventDefault(); }
    }
  });
  var lit = document.getElementById("lit");
  if (lit) { lit.scrollIntoView({ block: "center" }); }
}

document.addEventListener("DOMContentLoaded", function () {
  if (document.body.classList.contains("page-queue")) { queueKeys(); }
  if (document.body.classList.contains("page-event")) { eventKeys(); }
});
