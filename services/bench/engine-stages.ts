/**
 * Per-stage cost of the detection engine, on the same messages as the whole-engine figures:
 * normalise → rules → model (featurise + ONNX, in batches) → window (the conversation-window model, message by
 * message, on the windows the engine would build) → context (observe, fed the window evidence) → policy (decide),
 * each timed alone in CPU seconds of this process over inputs the previous stage produced (untimed),
 * after a warm-up pass. Also the state codec: encoding and restoring a partition state of `restoreConversations`
 * conversations (the run's conversations copied under new ids). A benchmark, not a test.
 */
import type { ChatMessage } from '../contracts/types.js';
import { CATEGORIES, type Category } from '../contracts/taxonomy.js';
import { compileEngineOptions, loadPolicy, messageEvidence, windowEvidence } from '../engine/engine.js';
import { conversationOf, TokensMemo, windowOf } from '../engine/window-stage.js';
import { observe, type ContextOutcome } from '../engine/context/observe.js';
import { createState, encodeState, entryOf, keyedRecord, restoreState, type EngineState } from '../engine/context/state.js';
import { queueLength, queuePush } from '../engine/context/recency-queue.js';
import { normalise, type NormalisedText } from '../engine/normalise.js';
import { decide } from '../engine/policy.js';
import { loadRuleSet, type RuleHit } from '../engine/rules/index.js';
import type { TextClassifier, WindowText } from '../engine/model/onnx-classifier.js';

export interface StageFigure { stage: string; messages: number; cpuSeconds: number; msgsPerCpuSecond: number }
export interface StateCodecFigures { format: number; conversations: number; bytes: number; bytesPerConversation: number; encodeCpuSeconds: number; restoreCpuSeconds: number }

const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const WARM = 2000;

function timed<T>(stage: string, n: number, warm: () => void, run: () => T): { figure: StageFigure; out: T } {
  warm();
  const c0 = cpuNow();
  const out = run();
  const secs = Math.max(cpuNow() - c0, 1e-6);
  return { figure: { stage, messages: n, cpuSeconds: +secs.toFixed(3), msgsPerCpuSecond: Math.round(n / secs) }, out };
}

/**
 * Stage figures over `messages` (default engine files; `model` = the loaded message model or null; `windowModel` = the
 * loaded window model, or null: no window line, and the context stage runs without window evidence).
 */
export async function measureStages(
  messages: readonly ChatMessage[], batchSize: number, model: TextClassifier | null, windowModel: TextClassifier | null = null,
): Promise<{ stages: StageFigure[]; state: EngineState }> {
  const options = compileEngineOptions();
  const rules = await loadRuleSet(options.rulesDir);
  const policy = await loadPolicy(options.policyFile);
  const assertAt = Object.fromEntries(CATEGORIES.map((c) => [c, policy.categories[c].assertAt])) as Record<Category, number>;
  const n = messages.length;
  const texts = messages.map((m) => (m.text.length > options.rulesMaxChars ? m.text.slice(0, options.rulesMaxChars) : m.text));
  const warmN = Math.min(WARM, n);
  const stages: StageFigure[] = [];

  const norm = timed('normalise', n, () => { for (let i = 0; i < warmN; i++) normalise(texts[i]!); }, () => texts.map((t) => normalise(t)));
  stages.push(norm.figure);
  const norms: NormalisedText[] = norm.out;
  const rule = timed('rules', n, () => { for (let i = 0; i < warmN; i++) rules.match(norms[i]!); }, () => norms.map((x) => rules.match(x)));
  stages.push(rule.figure);
  const hits: RuleHit[][] = rule.out;

  let rows: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(n);
  if (model) {
    await model.scoreBatch(norms.slice(0, Math.min(warmN, batchSize * 4)));
    const c0 = cpuNow();
    rows = [];
    for (let i = 0; i < n; i += batchSize) rows.push(...await model.scoreBatch(norms.slice(i, i + batchSize)));
    const secs = Math.max(cpuNow() - c0, 1e-6);
    stages.push({ stage: 'model', messages: n, cpuSeconds: +secs.toFixed(3), msgsPerCpuSecond: Math.round(n / secs) });
  }

  const windowSource = windowModel ? `model:${windowModel.id}` : '';
  let wrows: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(n);
  const inputOf = (i: number) => {
    const m = messages[i]!;
    const e = messageEvidence(hits[i]!, model, rows[i]);
    const wrow = wrows[i];
    return {
      messageId: m.messageId, tenantId: m.tenantId ?? null, conversationId: m.conversationId, roomId: m.roomId, senderId: m.senderId, recipientId: m.recipientId,
      text: m.text, sentAt: m.sentAt, senderDeclaredAge: m.senderDeclaredAge, categories: e.categories, signals: e.signals, ruleCues: e.ruleCues, disjointRules: e.disjointRules,
      // The engine's input always has the key (engine.ts): the same object shape, so observe() is timed as the engine runs it
      // (an input without it, after the engine's run, made observe's property reads polymorphic: ~30 % slower here).
      window: windowModel && wrow ? windowEvidence(windowModel, wrow, windowSource, e.categories, e.signals) : undefined,
      // Also the engine's shape; left to observe to build (the engine builds it once per message for all its readers).
      conversationKey: undefined,
    };
  };
  if (windowModel?.scoreWindowNow) {
    // The windows the engine builds (window-stage.ts: the conversation's recent messages as observe left them, with the
    // tokens of texts it normalised), from one untimed pass of observe; then the window model timed alone on them, in
    // message order, from an empty line cache (the engine's gate floor 0: every message). Building the windows
    // (conversationOf, windowOf: a few lookups per message) is not in the line.
    const windows: WindowText[][] = [];
    const built = createState();
    const memo = new TokensMemo();
    for (let i = 0; i < n; i++) {
      const m = messages[i]!;
      const whole = m.text.length <= options.rulesMaxChars;
      windows.push(windowOf(built, m, options.bounds, whole ? norms[i]!.tokens : undefined, conversationOf(built, m, options.bounds), memo));
      if (whole) memo.remember(m.text, norms[i]!.tokens);
      observe(built, inputOf(i), assertAt, options.bounds);
    }
    const score = windowModel.scoreWindowNow;
    // Warmed on other texts than the timed run's (the line cache keeps lines by text): the first windows with a suffix.
    const warmWindows = windows.slice(0, warmN).map((w) => w.map((l) => ({ text: `${l.text} ~`, mine: l.mine, tokens: undefined })));
    const win = timed('window', n, () => { for (const w of warmWindows) score(w); }, () => windows.map((w) => score(w).slice())); // kept for the context line: copied (one reused row)
    stages.push(win.figure);
    wrows = win.out;
  }
  const warmInputs = Array.from({ length: warmN }, (_, i) => inputOf(i));
  const inputs = Array.from({ length: n }, (_, i) => inputOf(i));
  const state = createState();
  const ctx = timed('context', n, () => { const s = createState(); for (const x of warmInputs) observe(s, x, assertAt, options.bounds); },
    () => inputs.map((x) => observe(state, x, assertAt, options.bounds)));
  stages.push(ctx.figure);
  const outcomes: ContextOutcome[] = ctx.out;
  const pol = timed('policy', n, () => { for (let i = 0; i < warmN; i++) decide(policy, outcomes[i]!, messages[i]!.senderId); },
    () => { let acted = 0; for (let i = 0; i < n; i++) if (decide(policy, outcomes[i]!, messages[i]!.senderId).action !== 'allow') acted++; return acted; });
  stages.push(pol.figure);
  return { stages, state };
}

/** A state of `conversations` conversations: the given state's conversations (and, in the same proportion, senders) copied under new ids, texts made distinct. */
export function grownState(from: EngineState, conversations: number): EngineState {
  const out = createState();
  out.now = from.now;
  // Entries through entryOf: idle ones may be kept encoded (state-lazy.ts).
  const convs = Object.keys(from.convs).map((k) => [k, entryOf(from.convs, k)!] as const);
  const senders = Object.keys(from.senders).map((k) => [k, entryOf(from.senders, k)!] as const);
  if (!convs.length) return out;
  for (let i = 0; i < conversations; i++) {
    const [k, c] = convs[i % convs.length]!;
    const copy = structuredClone(c);
    copy.people = Object.assign(keyedRecord(), copy.people);
    copy.pairs = Object.assign(keyedRecord(), copy.pairs);
    copy.t = ++out.seq;
    // Distinct ids and texts per copy, so the string table holds as many strings as a real partition would.
    copy.recent = copy.recent.map((r) => ({ ...r, messageId: `${r.messageId}#${i}`, text: `${r.text} ${i}` }));
    out.convs[`${k}#${i}`] = copy;
    queuePush(out.cq, `${k}#${i}`, copy.t);
  }
  const nSenders = Math.round((conversations * senders.length) / convs.length);
  for (let i = 0; i < nSenders; i++) {
    const [k, s] = senders[i % senders.length]!;
    const copy = { ...structuredClone(s), t: ++out.seq };
    out.senders[`${k}#${i}`] = copy;
    queuePush(out.sq, `${k}#${i}`, copy.t);
  }
  out.nc = queueLength(out.cq);
  out.ns = queueLength(out.sq);
  return out;
}

/** Encode and restore CPU time and encoded size of a state grown to `conversations` conversations, in each of `formats` (in order). */
export function measureStateCodec(from: EngineState, conversations: number, formats: readonly number[]): StateCodecFigures[] {
  let big: EngineState | null = grownState(from, conversations);
  const nc = big.nc;
  const encoded = formats.map((format) => {
    const c0 = cpuNow();
    const bytes = encodeState(big!, format);
    return { format, bytes, encodeCpuSeconds: cpuNow() - c0 };
  });
  // A worker restores at start, its heap empty: drop the grown state before timing the restores.
  big = null;
  return encoded.map(({ format, bytes, encodeCpuSeconds }) => {
    const c0 = cpuNow();
    const back = restoreState(bytes);
    const restoreCpuSeconds = cpuNow() - c0;
    if (back.nc !== nc) throw new Error(`restored ${back.nc} conversations of ${nc}`);
    return {
      format, conversations: nc, bytes: bytes.length, bytesPerConversation: Math.round(bytes.length / Math.max(1, nc)),
      encodeCpuSeconds: +encodeCpuSeconds.toFixed(3), restoreCpuSeconds: +restoreCpuSeconds.toFixed(3),
    };
  });
}
