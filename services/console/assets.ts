/**
 * The console's only assets, served from /assets/ by the console itself (no CDN, works offline).
 * Kept as strings so the build needs no copy step; the CSP allows scripts and styles from 'self' only.
 */
export const CSS = `
:root { --fg:#1d2330; --muted:#5b6473; --line:#d5d9e0; --bg:#f6f7f9; --card:#fff; --accent:#1f5fbf; --p0:#b3261e; --p1:#b25e00; --p2:#4a5a70; --hl:#fff3cd; --esc:#fde2e1; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); }
:focus-visible { outline:3px solid #ffbf47; outline-offset:2px; }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:6px; z-index:10; }
header.top { display:flex; gap:16px; align-items:center; padding:10px 20px; background:#1d2330; color:#fff; }
header.top a, header.top button { color:#fff; }
header.top .brand { font-weight:700; margin-right:auto; text-decoration:none; }
header.top form { display:inline; margin:0; }
header.top button { background:none; border:1px solid #6b7486; border-radius:4px; padding:3px 10px; cursor:pointer; font:inherit; }
main { padding:18px 20px; max-width:1280px; margin:0 auto; }
h1 { font-size:1.35rem; margin:0 0 12px; } h2 { font-size:1.1rem; margin:18px 0 8px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:12px 14px; margin-bottom:14px; }
table { border-collapse:collapse; width:100%; background:var(--card); }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:.85rem; color:var(--muted); font-weight:600; }
tr.sel { background:#e8f0fe; }
.pri { font-weight:700; padding:1px 6px; border-radius:3px; color:#fff; }
.pri-P0 { background:var(--p0); } .pri-P1 { background:var(--p1); } .pri-P2 { background:var(--p2); }
.late { color:var(--p0); font-weight:600; } .ok { color:#2e7d32; }
.muted { color:var(--muted); font-size:.9rem; }
.filters { display:flex; gap:12px; align-items:end; flex-wrap:wrap; margin-bottom:12px; }
label { display:block; font-size:.85rem; color:var(--muted); }
input, select, textarea { font:inherit; padding:4px 6px; border:1px solid #9aa3b2; border-radius:4px; }
button.primary, button.danger, button.plain { font:inherit; padding:5px 12px; border-radius:4px; cursor:pointer; border:1px solid; }
button.primary { background:var(--accent); color:#fff; border-color:var(--accent); }
button.danger { background:var(--p0); color:#fff; border-color:var(--p0); }
button.plain { background:#fff; color:var(--fg); border-color:#9aa3b2; }
.grid { display:grid; grid-template-columns: minmax(0,2fr) minmax(0,1fr); gap:16px; }
.msg { border-left:4px solid transparent; padding:6px 10px; margin:4px 0; background:var(--card); border-radius:4px; }
.msg.flagged { background:var(--hl); border-left-color:var(--p1); }
.msg.escalated { background:var(--esc); border-left-color:var(--p0); }
.msg .meta { font-size:.82rem; color:var(--muted); }
.msg .text { white-space:pre-wrap; word-break:break-word; margin-top:2px; }
.msg .why { margin:4px 0 0 1.2em; padding:0; font-size:.85rem; }
.msg .src { font-size:.82rem; margin-top:2px; }
.msg .src code, .age { font-size:.8rem; background:#fff; border:1px solid var(--line); border-radius:3px; padding:0 4px; margin-right:3px; }
.tag { display:inline-block; font-size:.78rem; padding:0 5px; border-radius:3px; border:1px solid var(--line); background:#fff; margin-right:4px; }
.notice { padding:8px 12px; border-radius:4px; background:#e8f0fe; border:1px solid #b6cdf5; margin-bottom:12px; }
.error { background:#fde2e1; border-color:#f2b8b5; }
ul.plain { margin:0; padding-left:18px; }
.login { max-width:360px; margin:60px auto; }
.wide { width:100%; }
.login input { width:100%; margin-bottom:10px; }
`;

/** Keyboard use of the queue: j/k move the selection, Enter opens it, / focuses the first filter. */
export const JS = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-href]'));
  var i = -1;
  function sel(n) {
    if (!rows.length) return;
    if (i >= 0) rows[i].classList.remove('sel');
    i = Math.max(0, Math.min(rows.length - 1, n));
    rows[i].classList.add('sel');
    var a = rows[i].querySelector('a'); if (a) a.focus();
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (e.key === 'j') { sel(i + 1); e.preventDefault(); }
    else if (e.key === 'k') { sel(i - 1); e.preventDefault(); }
    else if (e.key === '/') { var f = document.querySelector('.filters select'); if (f) { f.focus(); e.preventDefault(); } }
  });
})();
`;
