/**
 * A self-contained HTML report page: inline CSS and inline SVG only, no scripts, no external
 * resources, so it opens from disk, in a mail attachment or an air-gapped review room.
 */
import { esc } from './svg-charts.js';

export interface Section { title: string; html: string }

export function htmlPage(title: string, subtitle: string, sections: Section[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:16px 24px;color:#222;max-width:1400px}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:22px 0 8px;border-bottom:1px solid #ddd}
.sub{color:#666;margin-bottom:12px} .charts{display:flex;flex-wrap:wrap;gap:10px}
table{border-collapse:collapse;font-size:12px;margin:6px 0} th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4} td.num{text-align:right} .bad{color:#b00} .good{color:#070}
.ctx{color:#666;font-size:11px} .msg{font-weight:bold} pre{white-space:pre-wrap;margin:0}
</style></head><body>
<h1>${esc(title)}</h1><div class="sub">${esc(subtitle)}</div>
${sections.map((s) => `<section><h2>${esc(s.title)}</h2>\n${s.html}</section>`).join('\n')}
</body></html>
`;
}

/** A table from rows of cells; cells are escaped unless given as `{ html }`. */
export function table(head: string[], rows: (string | number | null | { html: string; cls?: string })[][]): string {
  const cell = (c: string | number | null | { html: string; cls?: string }): string => {
    if (c === null) return '<td>–</td>';
    if (typeof c === 'number') return `<td class="num">${esc(Number.isInteger(c) ? String(c) : c.toFixed(3))}</td>`;
    if (typeof c === 'string') return `<td>${esc(c)}</td>`;
    return `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`;
  };
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}
