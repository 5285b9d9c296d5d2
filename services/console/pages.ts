import type { AuditRow, Case } from '../audit/types.js';
import { can } from './accounts.js';
import type { CaseView } from './case-view.js';
import { fixed, spanText } from './format.js';
import type { Lang, MsgKey, T } from './i18n.js';
import type { CompiledConsoleOptions } from './options.js';
import { encodeCursor, type QueueCursor, type QueueFilter } from './queue.js';
import type { Session } from './sessions.js';

/** Server-rendered pages. Every value from the store goes through `esc`; every form carries the session's CSRF token. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
const pri = (p: string) => `<span class="pri pri-${esc(p)}">${esc(p)}</span>`;
const caseHref = (id: string) => `/cases/${esc(encodeURIComponent(id))}`;
const button = (cls: string, name: string, value: string, label: string) =>
  `<button class="${cls}" type="submit" name="${name}" value="${value}">${esc(label)}</button>`;
function select(id: string, name: string, label: string, choices: string, anyLabel: string | null): string {
  const any = anyLabel === null ? '' : `<option value="">${esc(anyLabel)}</option>`;
  return `<div><label for="${id}">${esc(label)}</label><select id="${id}" name="${name}">${any}${choices}</select></div>`;
}

export interface PageCtx { t: T; lang: Lang; session: Session | null; path: string; notice?: { text: string; error?: boolean } | null }

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

/** A case's age or target in words, rounded down (format.ts's one wording). */
const duration = (t: T, ms: number): string => spanText(t, ms, 'down');

/** A current enforcement as a state in the page's language ("suspended", « suspendu »); an unknown action as stored. */
const enforcementWord = (t: T, action: string): string => (action === 'mute' ? t('muted') : action === 'suspend' ? t('suspended') : action);

export const csrfField = (s: Session) => `<input type="hidden" name="csrf" value="${esc(s.csrf)}">`;

export function layout(ctx: PageCtx, title: string, body: string): string {
  const { t, lang, session } = ctx;
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const here = ctx.path.replace(/([?&])lang=\w+&?/, '$1').replace(/[?&]$/, '');
  const sep = here.includes('?') ? '&' : '?';
  const user = session ? `<span>${esc(t('signedInAs', { user: session.user, role: session.role }))}</span>
    <form method="post" action="/logout">${csrfField(session)}<button type="submit">${esc(t('logout'))}</button></form>` : '';
  const notice = ctx.notice ? `<div class="notice${ctx.notice.error ? ' error' : ''}" role="status">${esc(ctx.notice.text)}</div>` : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Vigie</title><link rel="stylesheet" href="/assets/console.css"><link rel="icon" href="data:,"></head>
<body><a class="skip" href="#content">${esc(t('skip'))}</a>
<header class="top"><a class="brand" href="/cases" accesskey="q">Vigie</a>${session ? `<a href="/cases">${esc(t('queue'))}</a>
<a href="/users">${esc(t('userSearch'))}</a>` : ''}${session && can(session.role, 'accounts') ? `<a href="/admin/accounts">${esc(t('accounts'))}</a>` : ''}
${session ? `<a href="/account/password">${esc(t('myPassword'))}</a>` : ''}
<a href="${esc(here)}${sep}lang=${other}" hreflang="${other}" lang="${other}">${other === 'fr' ? 'Français' : 'English'}</a>${user}</header>
<main id="content" tabindex="-1">${notice}${body}</main><script src="/assets/console.js"></script></body></html>`;
}

/** `next`: the console page to go back to once logged in (already checked by returnTo; the queue when absent). */
export function loginPage(ctx: PageCtx, error: string | null, loginCsrf: string, next = '/cases'): string {
  const { t } = ctx;
  const back = next === '/cases' ? '' : `<input type="hidden" name="next" value="${esc(next)}">`;
  return layout({ ...ctx, notice: error ? { text: error, error: true } : null }, t('login'), `<div class="card login"><h1>${esc(t('title'))}</h1>
<form method="post" action="/login"><input type="hidden" name="csrf" value="${esc(loginCsrf)}">${back}
<label for="username">${esc(t('username'))}</label><input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">${esc(t('password'))}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button class="primary" type="submit">${esc(t('login'))}</button></form></div>`);
}

function options(values: string[], current: string | null, label: (v: string) => string): string {
  return values.map((v) => `<option value="${esc(v)}"${v === current ? ' selected' : ''}>${esc(label(v))}</option>`).join('');
}

export function queuePage(ctx: PageCtx, o: CompiledConsoleOptions, f: QueueFilter, cats: string[], counts: Record<string, number>,
  cases: Case[], next: QueueCursor | null, now: number): string {
  const { t } = ctx;
  const statusWord = (s: string) => t(s as MsgKey);
  const q = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ status: f.status, ...(f.priority ? { priority: f.priority } : {}), ...(f.category ? { category: f.category } : {}) });
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `/cases?${p.toString()}`;
  };
  const rows = cases.map((c) => {
    const age = now - c.createdAt;
    const target = o.targetsMs[c.priority];
    const late = c.status === 'open' && age > target;
    return `<tr data-href="/cases/${esc(encodeURIComponent(c.caseId))}"><td><span class="pri pri-${esc(c.priority)}">${esc(c.priority)}</span></td>
<td><a href="/cases/${esc(encodeURIComponent(c.caseId))}">${esc(c.caseId)}</a></td><td>${esc(c.category)}</td><td>${esc(statusWord(c.status))}</td>
<td class="${late ? 'late' : 'ok'}">${esc(duration(t, age))}
<span class="muted">/ ${esc(duration(t, target))}${late ? ` — ${esc(t('overdue'))}` : ''}</span></td>
<td>${esc(c.users.join(', '))}</td><td class="muted">${esc(c.reasons[0] ?? '')}${c.reasons.length > 1 ? ` (+${c.reasons.length - 1})` : ''}</td></tr>`;
  }).join('\n');
  const body = `<h1>${esc(t('openCases'))}${esc(t('colon'))}${['P0', 'P1', 'P2'].map((p) => `<span class="pri pri-${p}">${p} ${counts[p] ?? 0}</span>`).join(' ')}</h1>
<form class="filters" method="get" action="/cases" role="search">
${select('f-status', 'status', t('status'), options(['open', 'confirmed', 'dismissed', 'all'], f.status, statusWord), null)}
${select('f-priority', 'priority', t('priority'), options(['P0', 'P1', 'P2'], f.priority, (v) => v), t('any'))}
${select('f-category', 'category', t('category'), options(cats, f.category, (v) => v), t('any'))}
<button class="plain" type="submit">${esc(t('filter'))}</button><span class="muted">${esc(t('keys'))}</span></form>
<table><thead><tr><th>${esc(t('priority'))}</th><th>ID</th><th>${esc(t('category'))}</th><th>${esc(t('status'))}</th>
<th>${esc(t('age'))} / ${esc(t('target'))}</th><th>${esc(t('users'))}</th><th>${esc(t('reasons'))}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="7">${esc(t('noCases'))}</td></tr>`}</tbody></table>
<p>${next ? `<a href="${esc(q({ after: encodeCursor(next) }))}" rel="next">${esc(t('next'))} →</a> · ` : ''}<a href="${esc(q({}))}">${esc(t('first'))}</a></p>`;
  return layout(ctx, t('queue'), body);
}

/** A flagged or escalated message's reasons and, per category and signal, what produced its score (AuditRecord v3 rows). */
function whyAndSources(t: T, r: AuditRow): string {
  if (r.contentVersion < 2) return `<div class="src muted">${esc(t('sourcesNotRecorded'))}</div>`;
  const reasons = r.reasons?.length ? `<ul class="why">${r.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
  const line = (label: string, name: string, score: number, sources: string[] | undefined) => (sources?.length
    ? `<div class="src">${esc(label)} ${esc(name)} ${fixed(t, score, 2)}${esc(t('colon'))}${sources.map((x) => `<code>${esc(x)}</code>`).join('')}</div>` : '');
  return reasons + (r.categories ?? []).map((c) => line(t('sources'), c.category, c.score, c.sources)).join('')
    + (r.signals ?? []).map((g) => line(t('signals'), g.signal, g.score, g.sources)).join('');
}

function message(t: T, r: AuditRow, evidence: Set<string>, showIp: boolean, fromContext: Map<string, { text: string; via: string }>): string {
  const escalated = r.escalationPriority !== null;
  const flagged = r.action !== null && r.action !== 'allow';
  const cls = escalated ? 'msg escalated' : flagged ? 'msg flagged' : 'msg';
  const ctxText = fromContext.get(r.messageId ?? '');
  const text = r.text !== null ? esc(r.text)
    : r.textDeletedAt !== null ? `<em>${esc(t('textDeleted'))}</em>`
      : ctxText ? `${esc(ctxText.text)} <span class="muted">(${esc(t('fromContext', { id: ctxText.via }))})</span>`
        : `<em class="muted">${esc(t('textNotKept'))}</em>`;
  const tags = [
    evidence.has(r.messageId ?? '') ? `<span class="tag">★ ${esc(t('evidence'))}</span>` : '',
    escalated ? `<span class="tag">${esc(t('escalated'))} ${esc(r.escalationPriority)}</span>` : '',
    flagged ? `<span class="tag">${esc(r.action)}</span>` : '',
  ].join('');
  const scores = (r.categories ?? []).map((c) => `${esc(c.category)} ${fixed(t, c.score, 2)}`).join(', ');
  const versions = `${esc(t('model'))} ${esc(r.modelVersion)} · ${esc(t('rules'))} ${esc(r.rulesVersion)} · ${esc(t('policy'))} ${esc(r.policyVersion)}`;
  const sources = flagged || escalated ? `${whyAndSources(t, r)}<div class="meta">${esc(t('scores'))}${esc(t('colon'))}${scores} · ${versions}</div>` : '';
  const ip = showIp ? ` · ${esc(t('ip'))} <span class="ip">${esc(r.senderIp ?? '-')}</span>` : '';
  return `<div class="${cls}" id="m-${esc(r.messageId)}"><div class="meta">${esc(iso(r.sentAt))} · <strong>${esc(r.senderId)}</strong>
 → ${esc(r.recipientId ?? r.roomId ?? '-')}${ip} · ${esc(r.messageId)} ${tags}</div>
<div class="text">${text}</div>${sources}</div>`;
}

/**
 * Who a sanction is for: nobody is preselected (the first name in alphabetical order was, and on a case it is as
 * often the victim or the friend who raised the alarm as the author: one click on Suspend sanctioned the wrong
 * person), and the authors of escalated messages are named as such.
 */
function enforceChoices(t: T, v: CaseView): string {
  const authors = new Set(v.rows.filter((r) => r.escalationPriority !== null).map((r) => r.senderId));
  return `<option value="" selected disabled>${esc(t('chooseUser'))}</option>`
    + v.participants.map((p) => `<option value="${esc(p)}">${esc(p)}${authors.has(p) ? ` (${esc(t('wroteEscalated'))})` : ''}</option>`).join('');
}

/** `nextCase`: after a decision, the most urgent open case left (null when none), offered as a link. */
export function casePage(ctx: PageCtx, o: CompiledConsoleOptions, v: CaseView, now: number, nextCase?: string | null): string {
  const { t, session } = ctx;
  const s = session!;
  const { c } = v;
  const showIp = can(s.role, 'view-ips');
  const evidence = new Set(c.evidenceMessageIds);
  const audited = new Set(v.rows.map((r) => r.messageId));
  const fromContext = new Map<string, { text: string; via: string }>();
  for (const r of v.rows) {
    for (const m of r.context ?? []) if (!fromContext.has(m.messageId)) fromContext.set(m.messageId, { text: m.text, via: r.messageId ?? '' });
  }
  const id = encodeURIComponent(c.caseId);
  const timeline = v.rows.map((r) => message(t, r, evidence, showIp, fromContext)).join('\n');
  const contextOnly = [...fromContext].filter(([mid]) => !audited.has(mid)).length;
  const age = now - c.createdAt;
  const decision = c.status === 'open' ? `<form method="post" action="/cases/${esc(id)}/resolve">${csrfField(s)}
<label for="reason">${esc(t('reason'))}</label><textarea id="reason" name="reason" rows="2" required class="wide"></textarea>
<p><button class="danger" type="submit" name="decision" value="confirmed">${esc(t('confirm'))}</button>
<button class="plain" type="submit" name="decision" value="dismissed">${esc(t('dismiss'))}</button></p></form>`
    : `<p class="resolution">${esc(t('resolvedBy', { status: t(c.status as MsgKey), who: c.reviewer ?? '?', reason: c.resolutionReason ?? '' }))}</p>`;
  const people = v.participants.map((p) => {
    const enf = v.enforcement.get(p);
    const others = v.otherCases.get(p) ?? [];
    const age = v.ages.get(p);
    const ages = [age?.declared != null ? `<span class="age declared">${esc(t('declaredAge'))}${esc(t('colon'))}${age.declared}</span>` : '',
      age?.stated != null ? `<span class="age stated">${esc(t('statedAge'))}${esc(t('colon'))}${age.stated}</span>` : ''].join('');
    return `<li><strong>${esc(p)}</strong> ${ages || `<span class="muted">(${esc(t('declaredAge'))}${esc(t('colon'))}${esc(t('notRecorded'))})</span>`}
<div>${esc(t('enforcement'))}${esc(t('colon'))}${enf ? `${esc(enforcementWord(t, enf.action))}${enf.until ? ` → ${esc(iso(enf.until))}` : ''}
<span class="muted">${esc(enf.reason)}</span>` : esc(t('none'))}</div>
<div>${esc(t('otherCases'))}${esc(t('colon'))}${others.length
    ? others.slice(0, 10).map((x) => `<a href="${caseHref(x.caseId)}">${esc(x.caseId)}</a> ${pri(x.priority)} ${esc(t(x.status as MsgKey))}`).join(', ')
    : esc(t('noCase'))}</div></li>`;
  }).join('');
  const enforce = `<form method="post" action="/cases/${esc(id)}/enforce">${csrfField(s)}
<label for="e-user">${esc(t('user'))}</label><select id="e-user" name="user" required>${enforceChoices(t, v)}</select>
<label for="e-hours">${esc(t('duration'))}</label><input id="e-hours" name="hours" inputmode="decimal" size="6">
<label for="e-reason">${esc(t('reason'))}</label><input id="e-reason" name="reason" required>
<p>${button('plain', 'action', 'mute', t('mute'))} ${button('danger', 'action', 'suspend', t('suspend'))}
${button('plain', 'action', 'lift', t('lift'))}</p></form>`;
  const holdList = v.holds.map((h) => `${h.kind} ${h.target} (${h.reason})`).join('; ');
  const holds = `<p>${v.holds.length ? esc(t('holdActive', { list: holdList, n: v.holds.length })) : esc(t('holdNone'))}</p>
${can(s.role, 'hold') ? `<form method="post" action="/cases/${esc(id)}/hold">${csrfField(s)}
<label for="h-reason">${esc(t('reason'))}</label><input id="h-reason" name="reason" required>
<p>${button('plain', 'op', 'place', t('placeHold'))} ${button('plain', 'op', 'release', t('releaseHold'))}</p></form>` : ''}`;
  // A POST with the CSRF token: the legal-request reference stays out of the address (history, proxy logs).
  const exportForm = can(s.role, 'export') ? `<div class="card"><h2>${esc(t('exportEvidence'))}</h2>
<form method="post" action="/cases/${esc(id)}/evidence.zip">${csrfField(s)}<label for="ref">${esc(t('reference'))}</label>
<input id="ref" name="reference" required>
<label for="ev-from">${esc(t('periodFrom'))}</label><input id="ev-from" name="from" type="date">
<label for="ev-to">${esc(t('periodTo'))}</label><input id="ev-to" name="to" type="date"> <button class="plain" type="submit">${esc(t('download'))}</button></form></div>`
    : '';
  const next = nextCase === undefined ? '' : `<p class="next">${nextCase
    ? `<a href="${caseHref(nextCase)}" rel="next">${esc(t('nextCase'))} →</a> · ` : ''}<a href="/cases">${esc(t('backToQueue'))}</a></p>`;
  const body = `${next}<h1>${esc(t('caseTitle', { id: c.caseId }))} ${pri(c.priority)} ${esc(t(c.status as MsgKey))}</h1>
<p class="muted">${esc(c.category)}${c.categories.some((x) => x !== c.category) ? ` (${esc(c.categories.join(', '))})` : ''} · ${esc(t('conversation'))} ${esc(c.conversationId)}
 · ${esc(t('age'))} ${esc(duration(t, age))} / ${esc(t('target'))} ${esc(duration(t, o.targetsMs[c.priority]))}
 · ${esc(t('accessLogged'))}${showIp ? '' : ` · ${esc(t('ipHidden'))}`}</p>
<div class="grid"><section aria-labelledby="h-tl">
<h2 id="h-tl">${esc(t('timeline'))} (${v.rows.length}${contextOnly ? ` + ${contextOnly}` : ''})</h2>${timeline}</section>
<aside><div class="card"><h2>${esc(t('reasons'))}</h2><ul class="plain reasons">${c.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></div>
<div class="card"><h2>${esc(t('decide'))}</h2>${decision}</div>
<div class="card"><h2>${esc(t('participants'))}</h2><ul class="plain">${people}</ul></div>
<div class="card"><h2>${esc(t('enforce'))}</h2>${enforce}</div>
<div class="card"><h2>${esc(t('hold'))}</h2>${holds}</div>
${exportForm}</aside></div>`;
  return layout(ctx, t('caseTitle', { id: c.caseId }), body);
}

export function messagePage(ctx: PageCtx, title: string, text: string): string {
  return layout(ctx, title, `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="/cases">${esc(ctx.t('queue'))}</a></p>`);
}
