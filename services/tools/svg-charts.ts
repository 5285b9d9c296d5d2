/**
 * Small, dependency-free SVG charts for the tool reports: line/point charts and grouped bar charts.
 * Pure functions returning standalone `<svg>` strings (with the SVG namespace, so each can also be
 * written as a .svg file). Data points are `<circle class="pt">`, bars `<rect class="bar">`, each
 * with a `<title>` giving its values, so a reader (or a test) can find them.
 */

export const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

export interface Series { name: string; points: [number, number][]; color?: string; dashed?: boolean }
export interface Marker { x: number; y: number; label: string; color?: string }

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  markers?: Marker[];
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Format of x tick labels (default: 2 decimals). */
  xTick?: (x: number) => string;
  width?: number;
  height?: number;
  /** Draw connecting lines (default true). */
  lines?: boolean;
}

const M = { left: 52, right: 16, top: 30, bottom: 44 };

function niceDomain(values: number[], fallback: [number, number]): [number, number] {
  if (!values.length) return fallback;
  let lo = Math.min(...values), hi = Math.max(...values);
  if (lo === hi) { lo -= 1; hi += 1; }
  return [lo, hi];
}

function frame(w: number, h: number, title: string, xLabel: string, yLabel: string, body: string, ticks: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="11">`
    + `<rect x="0" y="0" width="${w}" height="${h}" fill="#fff"/>`
    + `<text x="${w / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`
    + `<line x1="${M.left}" y1="${h - M.bottom}" x2="${w - M.right}" y2="${h - M.bottom}" stroke="#333"/>`
    + `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${h - M.bottom}" stroke="#333"/>`
    + ticks
    + `<text x="${(M.left + w - M.right) / 2}" y="${h - 8}" text-anchor="middle">${esc(xLabel)}</text>`
    + `<text transform="translate(13 ${(M.top + h - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`
    + body + '</svg>';
}

function legend(names: { name: string; color: string }[], x: number, y: number): string {
  return names.map((
    s,
    i
  ) => `<g class="legend"><rect x="${x}" y="${y + i * 14}" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="${y + i * 14 + 9}">${esc(s.name)}</text></g>`).join('');
}

const legendWidth = (names: { name: string }[]): number => 20 + 6.2 * Math.max(...names.map((n) => n.name.length));

const num = (x: number): string => (Math.abs(x) >= 1000 ? x.toFixed(0) : Number.isInteger(x) ? String(x) : x.toFixed(2));

export function lineChart(spec: LineChartSpec): string {
  const w = spec.width ?? 420, h = spec.height ?? 300;
  const all = spec.series.flatMap((s) => s.points);
  const [x0, x1] = spec.xDomain ?? niceDomain(all.map((p) => p[0]), [0, 1]);
  const [y0, y1] = spec.yDomain ?? niceDomain([0, ...all.map((p) => p[1])], [0, 1]);
  const X = (x: number): number => M.left + ((x - x0) / (x1 - x0 || 1)) * (w - M.left - M.right);
  const Y = (y: number): number => h - M.bottom - ((y - y0) / (y1 - y0 || 1)) * (h - M.top - M.bottom);
  const xt = spec.xTick ?? num;
  let ticks = '';
  for (let i = 0; i <= 4; i++) {
    const xv = x0 + ((x1 - x0) * i) / 4, yv = y0 + ((y1 - y0) * i) / 4;
    ticks += `<text x="${X(xv).toFixed(1)}" y="${h - M.bottom + 14}" text-anchor="middle">${esc(xt(xv))}</text>`;
    ticks += `<text x="${M.left - 4}" y="${(Y(yv) + 4).toFixed(1)}" text-anchor="end">${esc(num(yv))}</text>`;
    ticks += `<line x1="${M.left}" x2="${w - M.right}" y1="${Y(yv).toFixed(1)}" y2="${Y(yv).toFixed(1)}" stroke="#eee"/>`;
  }
  let body = '';
  const named: { name: string; color: string }[] = [];
  spec.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    named.push({ name: s.name, color });
    if (spec.lines !== false && s.points.length > 1) {
      const points = s.points.map((p) => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(' ');
      body += `<polyline class="series" fill="none" stroke="${color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4 3"' : ''} points="${points}"/>`;
    }
    for (const p of s.points) {
      body += `<circle class="pt" cx="${X(p[0]).toFixed(1)}" cy="${Y(p[1]).toFixed(1)}" r="2.5" fill="${color}"><title>${esc(`${s.name}: ${xt(p[0])}, ${num(p[1])}`)}</title></circle>`;
    }
  });
  for (const mk of spec.markers ?? []) {
    body += `<g class="marker"><circle cx="${X(mk.x).toFixed(1)}" cy="${Y(mk.y).toFixed(1)}" r="6" fill="none" stroke="${mk.color ?? '#000'}" stroke-width="2"/>`
      + `<text x="${(X(mk.x) + (X(mk.x) > w / 2 ? -8 : 8)).toFixed(1)}" y="${(Y(mk.y) - 6 + 14 * (spec.markers ?? []).indexOf(mk)).toFixed(1)}"`
      + ` text-anchor="${X(mk.x) > w / 2 ? 'end' : 'start'}" fill="${mk.color ?? '#000'}">${esc(mk.label)}</text></g>`;
  }
  if (named.length > 1) body += legend(named, w - M.right - legendWidth(named), M.top + 2);
  return frame(w, h, spec.title, spec.xLabel, spec.yLabel, body, ticks);
}

export interface BarChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Group labels along x. */
  groups: string[];
  /** One bar per series in each group; `values[i]` belongs to `groups[i]`. */
  series: { name: string; values: number[]; color?: string }[];
  width?: number;
  height?: number;
}

export function barChart(spec: BarChartSpec): string {
  const w = spec.width ?? Math.max(360, 60 + spec.groups.length * (12 + 14 * spec.series.length)), h = spec.height ?? 300;
  const yMax = Math.max(1, ...spec.series.flatMap((s) => s.values));
  const plotW = w - M.left - M.right, plotH = h - M.top - M.bottom;
  const gw = plotW / Math.max(1, spec.groups.length);
  const bw = Math.max(2, (gw - 6) / Math.max(1, spec.series.length));
  const Y = (y: number): number => h - M.bottom - (y / yMax) * plotH;
  let ticks = '';
  for (let i = 0; i <= 4; i++) {
    const yv = (yMax * i) / 4;
    ticks += `<text x="${M.left - 4}" y="${(Y(yv) + 4).toFixed(1)}" text-anchor="end">${esc(num(yv))}</text>`;
    ticks += `<line x1="${M.left}" x2="${w - M.right}" y1="${Y(yv).toFixed(1)}" y2="${Y(yv).toFixed(1)}" stroke="#eee"/>`;
  }
  const every = Math.ceil(spec.groups.length / 12);
  spec.groups.forEach((g, i) => {
    if (i % every) return;
    const x = M.left + gw * i + gw / 2;
    ticks += `<text x="${x.toFixed(1)}" y="${h - M.bottom + 14}" text-anchor="middle">${esc(g.length > 14 ? `${g.slice(0, 13)}…` : g)}</text>`;
  });
  let body = '';
  const named: { name: string; color: string }[] = [];
  spec.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    named.push({ name: s.name, color });
    s.values.forEach((v, i) => {
      const x = M.left + gw * i + 3 + k * bw;
      body += `<rect class="bar" x="${x.toFixed(1)}" y="${Y(v).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${(h - M.bottom - Y(v)).toFixed(1)}"`
        + ` fill="${color}"><title>${esc(`${s.name} · ${spec.groups[i] ?? ''}: ${num(v)}`)}</title></rect>`;
    });
  });
  if (named.length > 1) body += legend(named, w - M.right - legendWidth(named), M.top + 2);
  return frame(w, h, spec.title, spec.xLabel, spec.yLabel, body, ticks);
}

/** Counts of `values` in `bins` equal-width bins over [lo, hi]. */
export function binCounts(values: readonly number[], bins: number, lo = 0, hi = 1): number[] {
  const out = new Array<number>(bins).fill(0);
  for (const v of values) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)));
    out[b]!++;
  }
  return out;
}

export function binLabels(bins: number, lo = 0, hi = 1): string[] {
  return Array.from({ length: bins }, (_, i) => (lo + ((hi - lo) * i) / bins).toFixed(2));
}
