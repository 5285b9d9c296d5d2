import { CATEGORIES, type Category, type Label } from '../contracts/taxonomy.js';
import type { ChatMessage } from '../contracts/types.js';
import { Rng, gapMs } from './rng.js';
import { expand } from './template.js';
import { applyNoise } from './text-noise.js';
import { SLOTS, FIXED_SLOTS } from './slots.js';
import type { Role, Scenario, Step } from './scenario-types.js';
import { SEXUAL_SCENARIOS } from './scenarios-sexual.js';
import { CRIME_SCENARIOS } from './scenarios-crime.js';
import { BENIGN_SCENARIOS, FILLER } from './scenarios-benign.js';
import { EXTRA_SCENARIOS } from './scenarios-extra.js';

export type { ChatMessage };

/** Conversation label in the dev-set format (`eval/dev/labels.jsonl`). */
export interface ConversationLabel {
  conversationId: string;
  categories: Category[];
  evidentAt: Partial<Record<Category, string>>;
  minors: string[];
  scenario: string;
}

export interface GeneratedConversation {
  messages: ChatMessage[];
  /** Per message (same order): labels that hold for the message text alone. */
  messageLabels: Label[][];
  label: ConversationLabel;
}

export const ALL_SCENARIOS: readonly Scenario[] = [...SEXUAL_SCENARIOS, ...CRIME_SCENARIOS, ...BENIGN_SCENARIOS, ...EXTRA_SCENARIOS];

export interface GeneratorOptions {
  /** PRNG seed; the same seed and options give the same output. Default 1. */
  seed: number;
  /** Number of conversations. Default 100. */
  count: number;
  /** First conversation start, epoch ms. Default 2026-01-05T08:00:00Z (fixed so output is reproducible). */
  startAt: number;
  /** Median gap between conversation starts, ms. Default 15000. */
  conversationGapMs: number;
  /** Median gap between messages of one conversation, ms. Default 45000. */
  messageGapMs: number;
  /** Tenant id put on every message; default null. */
  tenantId: string | null;
  /** Share of French conversations, 0..1. Default 0.55. */
  frenchShare: number;
  /** Probability a message gets chat-style noise (SMS-speak, typos, obfuscation). Default 0.6. */
  noiseRate: number;
  /** Multiplier on benign scenario weights (benign share of traffic). Default 1.5. */
  benignWeight: number;
  /** Only these scenario ids (default: all). */
  scenarios: string[] | null;
  /** Prefix of conversation ids. Default `g<seed>`. */
  idPrefix: string | null;
}

export function compileGeneratorOptions(raw: Partial<GeneratorOptions> = {}): GeneratorOptions {
  const o: GeneratorOptions = {
    seed: raw.seed ?? 1,
    count: raw.count ?? 100,
    startAt: raw.startAt ?? Date.UTC(2026, 0, 5, 8, 0, 0),
    conversationGapMs: raw.conversationGapMs ?? 15000,
    messageGapMs: raw.messageGapMs ?? 45000,
    tenantId: raw.tenantId ?? null,
    frenchShare: raw.frenchShare ?? 0.55,
    noiseRate: raw.noiseRate ?? 0.6,
    benignWeight: raw.benignWeight ?? 1.5,
    scenarios: raw.scenarios ?? null,
    idPrefix: raw.idPrefix ?? null,
  };
  const problems: string[] = [];
  if (!Number.isInteger(o.seed)) problems.push(`seed must be an integer, got ${o.seed}`);
  if (!Number.isInteger(o.count) || o.count < 0) problems.push(`count must be a non-negative integer, got ${o.count}`);
  if (!(o.frenchShare >= 0 && o.frenchShare <= 1)) problems.push(`frenchShare must be in [0,1], got ${o.frenchShare}`);
  if (!(o.noiseRate >= 0 && o.noiseRate <= 1)) problems.push(`noiseRate must be in [0,1], got ${o.noiseRate}`);
  if (!(o.benignWeight >= 0)) problems.push(`benignWeight must be >= 0, got ${o.benignWeight}`);
  if (!(o.conversationGapMs > 0) || !(o.messageGapMs > 0)) problems.push('gaps must be > 0 ms');
  if (o.scenarios) {
    const known = new Set(ALL_SCENARIOS.map((s) => s.id));
    for (const s of o.scenarios) if (!known.has(s)) problems.push(`unknown scenario "${s}" (known: ${[...known].join(', ')})`);
  }
  if (problems.length) throw new Error(`invalid generator options:\n  - ${problems.join('\n  - ')}`);
  return o;
}

/** Lazily generates conversations in start-time order. */
export function* generateConversations(raw: Partial<GeneratorOptions> = {}): Generator<GeneratedConversation> {
  const o = compileGeneratorOptions(raw);
  const pool = ALL_SCENARIOS.filter((s) => !o.scenarios || o.scenarios.includes(s.id));
  const weights = pool.map((s) => s.weight * (s.category === null ? o.benignWeight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const rng = new Rng(o.seed);
  let start = o.startAt;
  const prefix = o.idPrefix ?? `g${o.seed}`;
  for (let i = 0; i < o.count; i++) {
    let r = rng.next() * total;
    let k = 0;
    while (k < pool.length - 1 && (r -= weights[k]!) >= 0) k++;
    const lang = rng.chance(o.frenchShare) ? 'fr' : 'en';
    start += gapMs(rng, o.conversationGapMs);
    yield buildConversation(pool[k]!, lang, rng.fork(i), `${prefix}-c${String(i).padStart(6, '0')}`, start, o);
  }
}

function buildConversation(sc: Scenario, lang: 'fr' | 'en', rng: Rng, conversationId: string, start: number, o: GeneratorOptions): GeneratedConversation {
  const slots = SLOTS[lang];
  const fixed: Record<string, string> = {};
  for (const s of FIXED_SLOTS) fixed[s] = expand(rng.pick(slots[s]!), rng, slots);
  const roles: Role[] = sc.room ? ['A', 'B', 'C'] : ['A', 'B'];
  const ids = {} as Record<Role, string>;
  const ages = {} as Record<Role, number | null>;
  const ips = {} as Record<Role, string>;
  for (const role of roles) {
    ids[role] = userName(rng, slots);
    ips[role] = `${rng.pick(['198.51.100', '203.0.113', '192.0.2'])}.${rng.int(1, 254)}`;
    const d = sc.declared?.[role];
    ages[role] =
      d === 'minor' ? (role === 'B' ? Number(fixed.minorAge) : rng.int(12, 16))
      : d === 'fake-minor' ? rng.int(15, 17)
      : d === 'adult' ? (rng.chance(0.8) ? rng.int(18, 55) : null)
      : rng.chance(0.5) ? rng.int(16, 45) : null;
  }
  const roomId = sc.room ? `room-${lang}-${rng.pick(['general', 'gaming', 'ados', 'ville', 'annonces', 'soirees', 'lounge', 'chill'])}-${rng.int(1, 40)}` : null;
  const messages: ChatMessage[] = [];
  const messageLabels: Label[][] = [];
  let t = start;
  const push = (who: Role, text: string, labels: readonly Label[]): void => {
    const other = who === 'A' ? 'B' : 'A';
    messages.push({
      messageId: `${conversationId}-m${String(messages.length + 1).padStart(3, '0')}`,
      tenantId: o.tenantId,
      conversationId,
      roomId,
      senderId: ids[who],
      recipientId: roomId ? null : ids[other],
      text,
      sentAt: t,
      senderIp: ips[who],
      senderDeclaredAge: ages[who],
      locale: rng.chance(0.9) ? lang : null,
    });
    messageLabels.push([...labels]);
    t += gapMs(rng, o.messageGapMs);
  };
  const fillerRate = sc.filler ?? 0.25;
  let last: Role = 'B';
  for (const entry of sc.steps) {
    const step: Step = isStepList(entry) ? rng.pick(entry) : entry;
    if (rng.next() >= (step.p ?? 1)) continue;
    while (rng.chance(fillerRate)) {
      const who = rng.pick(roles);
      push(who, applyNoise(expand(rng.pick(FILLER[lang]), rng, slots, fixed), lang, rng, { rate: o.noiseRate }), []);
    }
    const who: Role = roles.includes(step.who) ? step.who : last;
    const text = expand(rng.pick(step[lang]), rng, slots, fixed);
    push(who, applyNoise(text, lang, rng, { rate: o.noiseRate }), step.labels ?? []);
    last = who;
  }
  const categories = new Set<Category>();
  if (sc.category) categories.add(sc.category);
  const evidentAt: Partial<Record<Category, string>> = {};
  messageLabels.forEach((ls, i) => {
    for (const l of ls) {
      if ((CATEGORIES as readonly string[]).includes(l)) {
        categories.add(l as Category);
        evidentAt[l as Category] ??= messages[i]!.messageId;
      }
    }
  });
  const present = new Set(messages.flatMap((m) => [m.senderId, m.recipientId]));
  const minors = (sc.minors ?? []).filter((r) => roles.includes(r) && present.has(ids[r])).map((r) => ids[r]);
  return {
    messages,
    messageLabels,
    label: { conversationId, categories: CATEGORIES.filter((c) => categories.has(c)), evidentAt, minors, scenario: sc.id },
  };
}

function isStepList(e: Step | readonly Step[]): e is readonly Step[] {
  return Array.isArray(e);
}

function userName(rng: Rng, slots: Record<string, readonly string[]>): string {
  const base = rng.pick(slots.name!).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const style = rng.int(0, 3);
  if (style === 0) return `${base}_${rng.int(1, 99)}`;
  if (style === 1) return `${base}${rng.int(1990, 2015)}`;
  if (style === 2) return `${rng.pick(['dark', 'xx', 'the', 'lil', 'big', 'mr', 'miss', 'p2', 'bg'])}${base}${rng.int(0, 9)}`;
  return `${base}.${rng.pick(['off', 'pro', 'gaming', 'tv', 'zz'])}${rng.int(1, 999)}`;
}
