/**
 * A small model of the raw Avro schema JSON, for the parts avsc does not keep on its types:
 * logical types (timestamps accept ISO-8601 in JSON) and Vigie's `"vigie.label"` field attribute
 * (`"category"` or `"signal"`: the string, or each string of an array, must be a taxonomy name).
 */
import { ConfigError } from './errors.js';
import type { AvroSchema } from './schema-files.js';

export type Node =
  | { kind: 'null' | 'boolean' | 'int' | 'float' | 'double' | 'bytes' }
  | { kind: 'long'; timestamp: boolean }
  | { kind: 'string'; label: Label | undefined }
  | { kind: 'enum'; name: string; symbols: readonly string[]; symbolSet: ReadonlySet<string> }
  | { kind: 'array'; items: Node }
  | { kind: 'map'; values: Node }
  | { kind: 'union'; branches: Node[] }
  | { kind: 'record'; name: string; fields: FieldNode[] };

export interface FieldNode {
  name: string;
  type: Node;
  /** The field's default in JSON form; `undefined` when the field has none (it is required). */
  default: unknown;
}

export type Label = 'category' | 'signal';

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Builds the node tree of a record schema; `where` names the file in errors. */
export function walkSchema(schema: AvroSchema, where: string): Node & { kind: 'record' } {
  const named = new Map<string, Node>();
  const node = walk(schema, undefined, '', named, where);
  if (node.kind !== 'record') throw new ConfigError([`${where}: the top-level type must be a record`]);
  return node;
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function walk(s: unknown, label: Label | undefined, namespace: string, named: Map<string, Node>, where: string): Node {
  if (typeof s === 'string') {
    if (PRIMITIVES.has(s)) return primitive(s, undefined, label);
    const ref = named.get(qualify(s, namespace)) ?? named.get(s);
    if (!ref) throw new ConfigError([`${where}: unknown type name ${s}`]);
    return ref;
  }
  if (Array.isArray(s)) return { kind: 'union', branches: s.map((b) => walk(b, label, namespace, named, where)) };
  if (typeof s !== 'object' || s === null) throw new ConfigError([`${where}: invalid schema node ${JSON.stringify(s)}`]);
  const o = s as Record<string, unknown>;
  const type = o['type'];
  if (typeof type === 'string' && PRIMITIVES.has(type)) return primitive(type, o['logicalType'], label);
  switch (type) {
    case 'enum': {
      const symbols = o['symbols'] as string[];
      const node: Node = { kind: 'enum', name: String(o['name']), symbols, symbolSet: new Set(symbols) };
      named.set(qualify(String(o['name']), typeof o['namespace'] === 'string' ? o['namespace'] : namespace), node);
      return node;
    }
    case 'array':
      return { kind: 'array', items: walk(o['items'], label, namespace, named, where) };
    case 'map':
      return { kind: 'map', values: walk(o['values'], label, namespace, named, where) };
    case 'record': {
      const ns = typeof o['namespace'] === 'string' ? o['namespace'] : namespace;
      const fields: FieldNode[] = [];
      const node: Node = { kind: 'record', name: String(o['name']), fields };
      named.set(qualify(String(o['name']), ns), node);
      for (const f of o['fields'] as Record<string, unknown>[]) {
        const fieldLabel = f['vigie.label'];
        if (fieldLabel !== undefined && fieldLabel !== 'category' && fieldLabel !== 'signal') {
          throw new ConfigError([`${where}: field ${String(f['name'])}: vigie.label must be "category" or "signal"`]);
        }
        fields.push({ name: String(f['name']), type: walk(f['type'], fieldLabel as Label | undefined, ns, named, where), default: f['default'] });
      }
      return node;
    }
    default:
      throw new ConfigError([`${where}: unsupported schema type ${JSON.stringify(type)} (Vigie codecs handle records, enums, arrays, maps, unions and primitives)`]);
  }
}

function primitive(name: string, logicalType: unknown, label: Label | undefined): Node {
  switch (name) {
    case 'long':
      return { kind: 'long', timestamp: logicalType === 'timestamp-millis' };
    case 'string':
      return { kind: 'string', label };
    default:
      return { kind: name as 'null' | 'boolean' | 'int' | 'float' | 'double' | 'bytes' };
  }
}

/** Short rendering of a bad value for error messages (never more than ~60 characters). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Buffer.isBuffer(v)) return `${v.length} bytes`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** What a node expects, in words: "string", "one of allow|flag", "ISO-8601 or epoch ms". */
export function expected(node: Node): string {
  switch (node.kind) {
    case 'long':
      return node.timestamp ? 'ISO-8601 or epoch ms' : 'an integer (long, |n| <= 2^53 - 2)';
    case 'int':
      return 'a 32-bit integer';
    case 'float':
    case 'double':
      return 'a number';
    case 'bytes':
      return 'base64 bytes';
    case 'enum':
      return `one of ${node.symbols.join('|')}`;
    case 'array':
      return 'an array';
    case 'map':
    case 'record':
      return 'an object';
    case 'union': {
      const nonNull = node.branches.filter((b) => b.kind !== 'null').map(expected);
      return [...nonNull, ...(nonNull.length < node.branches.length ? ['null'] : [])].join(' or ');
    }
    default:
      return `a ${node.kind}`;
  }
}
