import { readFileSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../contracts/errors.js';

/**
 * Vigie's typed configuration, compiled from environment variables and an optional JSON file named by
 * VIGIE_CONFIG (environment wins over file, file over defaults). Every problem is collected and
 * reported at once, each naming the variable (and file key), the bad value and what is expected.
 *
 * To add a setting: add one `v(...)` entry to a section below (or a new section to SECTIONS); its type,
 * default, --help line and docs/configuration.md row follow from that entry.
 */

const INVALID = Symbol('invalid');
type Parsed<T> = T | typeof INVALID;

export interface VarSpec<T> {
  /** Environment variable name. */
  env: string;
  default: T;
  /** How the default reads in tables (when it is computed or a path). */
  defaultText?: string;
  meaning: string;
  /** What a valid value looks like, for error messages. */
  expected: string;
  parse(raw: unknown): Parsed<T>;
}

function v<T>(spec: VarSpec<T>): VarSpec<T> { return spec; }

// ---- parsers (accept env strings and typed JSON values) ----
const text = (raw: unknown): Parsed<string> => (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : INVALID);
const int = (min: number, max: number) => (raw: unknown): Parsed<number> => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : INVALID;
};
const bool = (raw: unknown): Parsed<boolean> => {
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  return ['true', '1', 'yes', 'on'].includes(s) ? true : ['false', '0', 'no', 'off'].includes(s) ? false : INVALID;
};
const oneOf = <T extends string>(...choices: T[]) => (raw: unknown): Parsed<T> =>
  (typeof raw === 'string' && (choices as string[]).includes(raw.trim()) ? (raw.trim() as T) : INVALID);
const path = (raw: unknown): Parsed<string> => (typeof raw === 'string' && raw.trim() !== '' ? resolve(raw.trim()) : INVALID);
const nullableText = (raw: unknown): Parsed<string | null> => (raw === null ? null : text(raw));
const nullablePath = (raw: unknown): Parsed<string | null> => (raw === null ? null : path(raw));
const brokerList = (raw: unknown): Parsed<string[] | null> => {
  if (raw === null) return null;
  const items = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [];
  const list = items.map((s) => s.trim()).filter(Boolean);
  return list.length > 0 && list.every((b) => /^[^\s:,]+:\d{1,5}$/.test(b)) ? list : INVALID;
};
const validTopic = (raw: unknown): Parsed<string> =>
  (typeof raw === 'string' && /^[a-zA-Z0-9._-]{1,200}$/.test(raw.trim()) ? raw.trim() : INVALID);
const TOPIC_EXPECTED = 'a Kafka topic name: letters, digits, . _ - (1 to 200 characters)';

/** The repository root: defaults for shipped files (models, rules, policies) point inside it. */
const REPO = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, here.split(/[\\/]/).includes('dist') ? '../../..' : '../..');
})();

const DAY = 86_400_000;

// ---- sections ----
const kafka = {
  brokers: v<string[] | null>({
    env: 'KAFKA_BROKERS',
    default: null,
    defaultText: '(unset: testcontainers if Docker answers, else the local broker)',
    meaning: 'bootstrap brokers, comma-separated host:port',
    expected: 'comma-separated host:port entries, e.g. 127.0.0.1:9092',
    parse: brokerList
  }),
  clientId: v({ env: 'VIGIE_KAFKA_CLIENT_ID', default: 'vigie', meaning: 'Kafka client id prefix', expected: 'a non-empty string', parse: text }),
  topicPrefix: v({
    env: 'VIGIE_TOPIC_PREFIX',
    default: '',
    defaultText: '(none)',
    meaning: 'prefix added to every topic name below (isolates test runs or tenants)',
    expected: TOPIC_EXPECTED,
    parse: (r: unknown) => (r === '' ? '' : validTopic(r))
  }),
  partitions: v({ env: 'VIGIE_TOPIC_PARTITIONS', default: 6, meaning: 'partitions of each topic Vigie creates', expected: 'an integer from 1 to 1000', parse: int(1, 1000) }),
  replication: v({ env: 'VIGIE_TOPIC_REPLICATION', default: 1, meaning: 'replication factor of each topic Vigie creates', expected: 'an integer from 1 to 10', parse: int(1, 10) }),
  retentionMs: v({
    env: 'VIGIE_TOPIC_RETENTION_MS',
    default: 7 * DAY,
    meaning: 'retention.ms of message topics (messages, verdicts, actions, escalations, audit, feedback)',
    expected: 'an integer of milliseconds from 60000, or -1 for unlimited',
    parse: (r: unknown) => { const n = int(-1, Number.MAX_SAFE_INTEGER)(r); return n === -1 || (typeof n === 'number' && n >= 60_000) ? n : INVALID; }
  }),
  dlqRetentionMs: v({
    env: 'VIGIE_TOPIC_DLQ_RETENTION_MS',
    default: 30 * DAY,
    meaning: 'retention.ms of the dead-letter topic (time to inspect and replay)',
    expected: 'an integer of milliseconds from 60000, or -1 for unlimited',
    parse: (r: unknown) => { const n = int(-1, Number.MAX_SAFE_INTEGER)(r); return n === -1 || (typeof n === 'number' && n >= 60_000) ? n : INVALID; }
  }),
};

const topics = {
  chatMessages: v({ env: 'VIGIE_TOPIC_MESSAGES', default: 'chat.messages', meaning: 'input chat messages', expected: TOPIC_EXPECTED, parse: validTopic }),
  chatMessagesDlq: v({ env: 'VIGIE_TOPIC_DLQ', default: 'chat.messages.dlq', meaning: 'dead letters (undecodable input)', expected: TOPIC_EXPECTED, parse: validTopic }),
  verdicts: v({ env: 'VIGIE_TOPIC_VERDICTS', default: 'chat.verdicts', meaning: 'one Verdict per input message', expected: TOPIC_EXPECTED, parse: validTopic }),
  verdictsShadow: v({
    env: 'VIGIE_TOPIC_VERDICTS_SHADOW',
    default: 'chat.verdicts.shadow',
    meaning: 'verdicts of a candidate model/policy run in shadow',
    expected: TOPIC_EXPECTED,
    parse: validTopic
  }),
  actions: v({ env: 'VIGIE_TOPIC_ACTIONS', default: 'moderation.actions', meaning: 'moderation actions (block, hold, mute, ...)', expected: TOPIC_EXPECTED, parse: validTopic }),
  escalations: v({ env: 'VIGIE_TOPIC_ESCALATIONS', default: 'moderation.escalations', meaning: 'escalations to human moderators', expected: TOPIC_EXPECTED, parse: validTopic }),
  audit: v({ env: 'VIGIE_TOPIC_AUDIT', default: 'moderation.audit', meaning: 'audit records (to the audit store)', expected: TOPIC_EXPECTED, parse: validTopic }),
  feedback: v({ env: 'VIGIE_TOPIC_FEEDBACK', default: 'moderation.feedback', meaning: 'moderator decisions on cases', expected: TOPIC_EXPECTED, parse: validTopic }),
  blocklist: v({ env: 'VIGIE_TOPIC_BLOCKLIST', default: 'moderation.blocklist', meaning: 'current enforcement per user (compacted)', expected: TOPIC_EXPECTED, parse: validTopic }),
  classifierState: v({
    env: 'VIGIE_TOPIC_CLASSIFIER_STATE',
    default: 'vigie.classifier.state',
    meaning: 'classifier context state changelog (compacted)',
    expected: TOPIC_EXPECTED,
    parse: validTopic
  }),
};

const logging = {
  level: v({
    env: 'VIGIE_LOG_LEVEL',
    default: 'info' as const,
    meaning: 'log level',
    expected: 'one of trace, debug, info, warn, error, fatal, silent',
    parse: oneOf('trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent')
  }),
  redact: v({ env: 'VIGIE_LOG_REDACT', default: true, meaning: 'redact chat text and IP addresses in logs', expected: 'true or false', parse: bool }),
};

const paths = {
  dataDir: v({ env: 'VIGIE_DATA_DIR', default: resolve('.data'), defaultText: '.data', meaning: 'data folder (SQLite audit store, local state)', expected: 'a folder path', parse: path }),
  modelDir: v<string | null>({
    env: 'VIGIE_MODEL_DIR',
    default: join(REPO, 'models', 'vigie-fasttext-v1'),
    defaultText: '<repo>/models/vigie-fasttext-v1',
    meaning: "ONNX model folder (model.onnx + manifest.json), or 'none'",
    expected: "a folder path or 'none'",
    parse: (r: unknown) => (r === 'none' ? null : nullablePath(r))
  }),
  rulesDir: v({ env: 'VIGIE_RULES_DIR', default: join(REPO, 'rules'), defaultText: '<repo>/rules', meaning: 'rule files folder', expected: 'a folder path', parse: path }),
  policyFile: v({
    env: 'VIGIE_POLICY_FILE',
    default: join(REPO, 'policies', 'default.json'),
    defaultText: '<repo>/policies/default.json',
    meaning: 'policy file',
    expected: 'a file path',
    parse: path
  }),
};

const formats = {
  input: v({
    env: 'VIGIE_INPUT_FORMAT',
    default: 'auto' as 'avro' | 'json' | 'auto',
    meaning: 'chat message format read: avro (Confluent wire format), json, or auto (by first byte)',
    expected: 'one of avro, json, auto',
    parse: oneOf('avro', 'json', 'auto')
  }),
  output: v({ env: 'VIGIE_OUTPUT_FORMAT', default: 'avro' as 'avro' | 'json', meaning: 'format of records Vigie writes', expected: 'one of avro, json', parse: oneOf('avro', 'json') }),
};

const worker = {
  groupId: v({ env: 'VIGIE_CLASSIFIER_GROUP', default: 'vigie-classifier', meaning: 'classifier consumer group (also transactional id prefix)', expected: 'a non-empty string', parse: text }),
  batchSize: v({ env: 'VIGIE_CLASSIFIER_BATCH_MAX', default: 64, meaning: 'messages per classifier transaction', expected: 'an integer from 1 to 10000', parse: int(1, 10_000) }),
  batchMaxWaitMs: v({ env: 'VIGIE_CLASSIFIER_BATCH_WAIT_MS', default: 100, meaning: 'longest wait to fill a batch (ms)', expected: 'an integer from 0 to 60000', parse: int(0, 60_000) }),
  httpPort: v({ env: 'VIGIE_CLASSIFIER_HTTP_PORT', default: 9464, meaning: 'health and metrics port; 0 = random, -1 = off', expected: 'an integer from -1 to 65535', parse: int(-1, 65_535) }),
};

const database = {
  url: v<string | null>({
    env: 'DATABASE_URL',
    default: null,
    defaultText: '(unset: SQLite in the data folder)',
    meaning: 'PostgreSQL URL of the audit store',
    expected: 'a postgres:// or postgresql:// URL',
    parse: (r: unknown) => {
      const s = nullableText(r);
      return s === null || (s !== INVALID && /^postgres(ql)?:\/\//.test(s)) ? s : INVALID;
    },
  }),
  sqlitePath: v<string | null>({
    env: 'VIGIE_AUDIT_SQLITE',
    default: null,
    defaultText: '<VIGIE_DATA_DIR>/audit.sqlite',
    meaning: 'SQLite file of the audit store when DATABASE_URL is unset',
    expected: 'a file path',
    parse: nullablePath
  }),
};

/** Every section, in the order tables list them. `kafka.topics` is nested under kafka. */
export const SECTIONS = { kafka, topics, logging, paths, formats, worker, database };
type SectionName = keyof typeof SECTIONS;
type Compiled<S> = { -readonly [K in keyof S]: S[K] extends VarSpec<infer T> ? T : never };

export type KafkaConfig = Compiled<typeof kafka> & { topics: Compiled<typeof topics> };
export interface VigieConfig {
  kafka: KafkaConfig;
  logging: Compiled<typeof logging>;
  paths: Compiled<typeof paths>;
  formats: Compiled<typeof formats>;
  worker: Compiled<typeof worker>;
  database: Compiled<typeof database> & { sqlitePath: string };
}

/** Where a section lives in the config file (and in VigieConfig). */
const FILE_PATH: Record<SectionName, string[]> = {
  kafka: ['kafka'], topics: ['kafka', 'topics'], logging: ['logging'], paths: ['paths'], formats: ['formats'], worker: ['worker'], database: ['database'],
};

export interface ConfigVariable { name: string; fileKey: string; default: string; meaning: string }

/** Machine-readable table of every variable: name, file key, default, meaning. */
export const CONFIG_VARIABLES: ConfigVariable[] = (Object.keys(SECTIONS) as SectionName[]).flatMap((s) =>
  Object.entries(SECTIONS[s] as Record<string, VarSpec<unknown>>).map(([key, spec]) => ({
    name: spec.env,
    fileKey: [...FILE_PATH[s], key].join('.'),
    default: spec.defaultText ?? (Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default)),
    meaning: spec.meaning,
  })));

/**
 * Lines for a command's --help: the variables it reads (by name, or every variable of a section).
 * Unknown names throw, so help text cannot drift from the table.
 */
export function envHelp(names: (string | SectionName)[]): string {
  const rows = names.flatMap((n) => {
    if (n in SECTIONS) return CONFIG_VARIABLES.filter((r) => r.fileKey.startsWith(`${FILE_PATH[n as SectionName].join('.')}.`) && (n !== 'kafka' || !r.fileKey.startsWith('kafka.topics.')));
    const row = CONFIG_VARIABLES.find((r) => r.name === n);
    if (!row) throw new Error(`envHelp: unknown variable ${n}`);
    return [row];
  });
  return rows.map((r) => `  ${r.name.padEnd(30)} ${r.meaning} (default ${r.default})`).join('\n');
}

export interface ConfigSources {
  env: Record<string, string | undefined>;
  /** Parsed VIGIE_CONFIG file, if any. */
  file?: unknown;
  /** Its path, for messages. */
  fileName?: string;
}

/** Compiles and validates; throws ConfigError listing every problem. Pure. */
export function compileConfig(src: ConfigSources): VigieConfig {
  const problems: string[] = [];
  const file = src.file ?? {};
  const where = src.fileName ? ` in ${src.fileName}` : '';
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new ConfigError([`VIGIE_CONFIG file${where}: expected a JSON object with sections ${Object.keys(FILE_PATH).filter((k) => k !== 'topics').join(', ')}`]);
  }
  checkUnknownKeys(file as Record<string, unknown>, problems, where);
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of Object.keys(SECTIONS) as SectionName[]) {
    const fromFile = dig(file, FILE_PATH[s]);
    const section: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(SECTIONS[s] as Record<string, VarSpec<unknown>>)) {
      const envRaw = src.env[spec.env];
      const fileRaw = fromFile?.[key];
      let value: unknown = spec.default;
      if (envRaw !== undefined && envRaw !== '') {
        const p = spec.parse(envRaw);
        if (p === INVALID) problems.push(`${spec.env} = ${JSON.stringify(envRaw)}: expected ${spec.expected}`);
        else value = p;
      } else if (fileRaw !== undefined) {
        const p = spec.parse(fileRaw);
        if (p === INVALID) problems.push(`${[...FILE_PATH[s], key].join('.')}${where} (or ${spec.env}) = ${JSON.stringify(fileRaw)}: expected ${spec.expected}`);
        else value = p;
      }
      section[key] = value;
    }
    out[s] = section;
  }
  if (problems.length) throw new ConfigError(problems);
  const { topics: t, ...rest } = out;
  // The prefix is applied here, once, so every reader of cfg.kafka.topics gets the real names.
  const prefix = String(out.kafka!.topicPrefix);
  const prefixed = Object.fromEntries(Object.entries(t!).map(([k, name]) => [k, `${prefix}${String(name)}`]));
  const cfg = { ...rest, kafka: { ...out.kafka, topics: prefixed } } as unknown as VigieConfig;
  cfg.database.sqlitePath ??= join(cfg.paths.dataDir, 'audit.sqlite');
  return cfg;
}

/** Reads VIGIE_CONFIG (if set) and the environment. For main-level code only. */
export function loadConfig(env: Record<string, string | undefined> = process.env): VigieConfig {
  const fileName = env.VIGIE_CONFIG;
  if (!fileName) return compileConfig({ env });
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(fileName, 'utf8'));
  } catch (err) {
    throw new ConfigError([`VIGIE_CONFIG = ${JSON.stringify(fileName)}: cannot read it as JSON (${(err as Error).message})`]);
  }
  return compileConfig({ env, file, fileName });
}

function dig(obj: unknown, keys: string[]): Record<string, unknown> | undefined {
  let cur: unknown = obj;
  for (const k of keys) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>) : undefined;
}

/** A misspelt key in the file would otherwise be ignored silently. */
function checkUnknownKeys(file: Record<string, unknown>, problems: string[], where: string): void {
  const known = new Set(CONFIG_VARIABLES.map((r) => r.fileKey));
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, val] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (known.has(key)) continue;
      if (val && typeof val === 'object' && !Array.isArray(val) && [...known].some((n) => n.startsWith(`${key}.`))) walk(val as Record<string, unknown>, key);
      else problems.push(`${key}${where}: unknown setting (known: ${[...known].filter((n) => n.startsWith(prefix)).slice(0, 12).join(', ')}${known.size > 12 ? ', ...' : ''})`);
    }
  };
  walk(file, '');
}
