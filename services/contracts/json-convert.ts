/**
 * JSON ⇄ Avro-value converters compiled once per schema (closures over the node tree, no per-message
 * schema work). `fromJson` validates while converting and names the bad field's path:
 * `ChatMessage.sentAt: expected ISO-8601 or epoch ms, got "yesterday"`.
 *
 * JSON conventions: timestamps are epoch ms numbers (ISO-8601 strings with a time zone are accepted
 * on input); bytes are base64 strings; a field with a default (every nullable field has `null`) may
 * be absent; unknown keys are ignored so newer producers can add fields.
 */
import { RecordError } from './errors.js';
import { isCategory, isSignal } from './taxonomy.js';
import { describeValue, expected, type Label, type Node } from './schema-walk.js';

/** Converts the JSON value at `parent + key`; throws RecordError naming that path. */
type Conv = (v: unknown, parent: string, key: string) => unknown;

function fail(parent: string, key: string, message: string): never {
  const field = parent + key;
  throw new RecordError(`${field}: ${message}`, { field });
}

/** Type mismatches (as opposed to e.g. taxonomy errors), so a nullable union can restate what it accepts. */
const typeMismatches = new WeakSet<Error>();

function mismatch(node: Node, v: unknown, parent: string, key: string): never {
  try {
    fail(parent, key, v === undefined ? 'missing' : `expected ${expected(node)}, got ${describeValue(v)}`);
  } catch (err) {
    typeMismatches.add(err as Error);
    throw err;
  }
}

const LABEL_CHECKS: Record<Label, (s: string) => boolean> = { category: isCategory, signal: isSignal };

export function checkLabel(label: Label, s: string, parent: string, key: string): void {
  if (!LABEL_CHECKS[label](s)) fail(parent, key, `unknown ${label} ${describeValue(s)} (see services/contracts/taxonomy.ts)`);
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Epoch ms of a strict ISO-8601 date-time with a time zone; undefined when `s` is not one. */
export function parseIsoMillis(s: string): number | undefined {
  const m = ISO_8601.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return undefined;
  const base = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined; // 30 February and friends
  if (m[8] !== undefined) return base;
  const offH = Number(m[10]);
  const offM = Number(m[11]);
  if (offH > 23 || offM > 59) return undefined;
  const sign = m[9] === '-' ? -1 : 1;
  return base - sign * (offH * 60 + offM) * 60_000;
}

/** avsc's bound for `long` as a JS number (2^53 - 2); JSON must not accept what Avro cannot encode. */
const MAX_LONG = 9_007_199_254_740_990;
const isLong = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) <= MAX_LONG;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function compileFromJson(node: Node): Conv {
  switch (node.kind) {
    case 'null':
      return (v, p, k) => (v === null ? null : mismatch(node, v, p, k));
    case 'boolean':
      return (v, p, k) => (typeof v === 'boolean' ? v : mismatch(node, v, p, k));
    case 'int':
      return (v, p, k) => (typeof v === 'number' && (v | 0) === v ? v : mismatch(node, v, p, k));
    case 'float':
    case 'double':
      return (v, p, k) => (typeof v === 'number' ? v : mismatch(node, v, p, k));
    case 'long':
      if (!node.timestamp) return (v, p, k) => (isLong(v) ? v : mismatch(node, v, p, k));
      return (v, p, k) => {
        if (isLong(v)) return v;
        if (typeof v === 'string') {
          const ms = parseIsoMillis(v);
          if (ms !== undefined) return ms;
          if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/.test(v)) {
            fail(p, k, `expected ISO-8601 or epoch ms, got ${describeValue(v)} (an ISO-8601 timestamp needs a time zone, e.g. Z or +01:00)`);
          }
        }
        return mismatch(node, v, p, k);
      };
    case 'string': {
      const label = node.label;
      if (label === undefined) return (v, p, k) => (typeof v === 'string' ? v : mismatch(node, v, p, k));
      return (v, p, k) => {
        if (typeof v !== 'string') return mismatch(node, v, p, k);
        checkLabel(label, v, p, k);
        return v;
      };
    }
    case 'bytes':
      return (v, p, k) => {
        if (typeof v !== 'string' || !BASE64.test(v)) return mismatch(node, v, p, k);
        return Buffer.from(v, 'base64');
      };
    case 'enum':
      return (v, p, k) => (typeof v === 'string' && node.symbolSet.has(v) ? v : mismatch(node, v, p, k));
    case 'array': {
      const item = compileFromJson(node.items);
      return (v, p, k) => {
        if (!Array.isArray(v)) return mismatch(node, v, p, k);
        const path = p + k;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) out[i] = item(v[i], path, `[${i}]`);
        return out;
      };
    }
    case 'map': {
      const value = compileFromJson(node.values);
      return (v, p, k) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return mismatch(node, v, p, k);
        const path = p + k;
        const out: Record<string, unknown> = {};
        for (const [key, val] of Object.entries(v)) out[key] = value(val, path, `.${key}`);
        return out;
      };
    }
    case 'union': {
      const nullable = node.branches.some((b) => b.kind === 'null');
      const others = node.branches.filter((b) => b.kind !== 'null').map(compileFromJson);
      const only = others.length === 1 ? others[0] : undefined;
      if (only) {
        return (v, p, k) => {
          if (v === null && nullable) return null;
          if (v === undefined) return mismatch(node, v, p, k);
          try {
            return only(v, p, k);
          } catch (err) {
            // "expected a string or null" rather than the branch's "expected a string"
            if (typeMismatches.has(err as Error) && (err as RecordError).field === p + k) return mismatch(node, v, p, k);
            throw err;
          }
        };
      }
      return (v, p, k) => {
        if (v === null && nullable) return null;
        for (const conv of others) {
          try {
            return conv(v, p, k);
          } catch {
            // try the next branch
          }
        }
        return mismatch(node, v, p, k);
      };
    }
    case 'record': {
      const fields = node.fields.map((f) => ({
        name: f.name,
        key: `.${f.name}`,
        conv: compileFromJson(f.type),
        hasDefault: f.default !== undefined,
        // Defaults are JSON; convert once here and copy containers per record so records never share them.
        defaultValue: f.default === undefined ? undefined : compileFromJson(f.type)(f.default, node.name, `.${f.name}(default)`),
      }));
      return (v, p, k) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return mismatch(node, v, p, k);
        const path = p + k;
        const src = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const f of fields) {
          const val = src[f.name];
          if (val === undefined && f.hasDefault) out[f.name] = copyDefault(f.defaultValue);
          else out[f.name] = f.conv(val, path, f.key);
        }
        return out;
      };
    }
  }
}

function copyDefault(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? structuredClone(v) : v;
}

/** Avro value (already validated) → plain JSON value: bytes become base64, only schema fields are kept. */
export function compileToJson(node: Node): (v: unknown) => unknown {
  switch (node.kind) {
    case 'bytes':
      return (v) => (v as Buffer).toString('base64');
    case 'array': {
      if (!containsBytesOrRecord(node.items)) return (v) => v;
      const item = compileToJson(node.items);
      return (v) => (v as unknown[]).map(item);
    }
    case 'map': {
      const value = compileToJson(node.values);
      return (v) => Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([key, val]) => [key, value(val)]));
    }
    case 'union': {
      const others = node.branches.filter((b) => b.kind !== 'null');
      const only = others.length === 1 && others[0] ? compileToJson(others[0]) : (v: unknown) => v;
      return (v) => (v === null || v === undefined ? null : only(v));
    }
    case 'record': {
      const fields = node.fields.map((f) => ({ name: f.name, conv: compileToJson(f.type), def: f.default }));
      return (v) => {
        const src = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const f of fields) {
          const val = src[f.name];
          out[f.name] = val === undefined ? (f.def ?? null) : f.conv(val);
        }
        return out;
      };
    }
    default:
      return (v) => v;
  }
}

function containsBytesOrRecord(node: Node): boolean {
  switch (node.kind) {
    case 'bytes':
    case 'record':
      return true;
    case 'array':
      return containsBytesOrRecord(node.items);
    case 'map':
      return true;
    case 'union':
      return node.branches.some(containsBytesOrRecord);
    default:
      return false;
  }
}

/**
 * Taxonomy checks of an Avro-decoded (or to-be-encoded) value; null when the schema has no labelled
 * field, so records like ChatMessage pay nothing.
 */
export function compileLabelCheck(node: Node): ((v: unknown, parent: string, key: string) => void) | null {
  switch (node.kind) {
    case 'string': {
      const label = node.label;
      if (label === undefined) return null;
      return (v, p, k) => checkLabel(label, v as string, p, k);
    }
    case 'array': {
      const item = compileLabelCheck(node.items);
      if (!item) return null;
      return (v, p, k) => {
        const arr = v as unknown[];
        const path = p + k;
        for (let i = 0; i < arr.length; i++) item(arr[i], path, `[${i}]`);
      };
    }
    case 'map': {
      const value = compileLabelCheck(node.values);
      if (!value) return null;
      return (v, p, k) => {
        const path = p + k;
        for (const [key, val] of Object.entries(v as Record<string, unknown>)) value(val, path, `.${key}`);
      };
    }
    case 'union': {
      const checks = node.branches.map(compileLabelCheck).filter((c) => c !== null);
      const only = checks.length === 1 ? checks[0] : undefined;
      if (!only) return null; // every Vigie union is null | X: at most one branch carries labels
      return (v, p, k) => {
        if (v !== null && v !== undefined) only(v, p, k);
      };
    }
    case 'record': {
      const fields = node.fields
        .map((f) => ({ name: f.name, key: `.${f.name}`, check: compileLabelCheck(f.type) }))
        .filter((f) => f.check !== null);
      if (!fields.length) return null;
      return (v, p, k) => {
        const path = p + k;
        const src = v as Record<string, unknown>;
        for (const f of fields) f.check?.(src[f.name], path, f.key);
      };
    }
    default:
      return null;
  }
}
