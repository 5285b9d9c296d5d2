/**
 * The detection engine: normalise → rules → model → context → policy, one Verdict per message.
 * Pure apart from loading its parts once in `createEngine`: no clock (time is `sentAt`), no I/O while
 * classifying. The model runs once per batch; context runs message by message in order, so verdicts
 * do not depend on how messages are batched or whether `state` was serialised in between.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../contracts/errors.js';
import type { ChatMessage, ParticipantAge, Verdict } from '../contracts/types.js';
import { DERIVATION_RUN } from './context/observe.js';
import { contextBefore, observe, participantAges, type ContextInput, type ContextMessage, type ContextOutcome, type Evidence } from './context.js';
import { compileEngineOptions, type CompiledEngineOptions, type EngineOptions } from './engine-options.js';
import type { TextClassifier, TokensOf, WindowText } from './model/onnx-classifier.js';
import { normalise, type NormalisedText } from './normalise.js';
import { compilePolicy, decide, NO_CATEGORY_SCORES, NO_REASON_LINES, NO_SIGNAL_HITS, type Policy } from './policy.js';
import { loadRuleSet, type RuleHit, type RuleSet } from './rules/index.js';
import { CATEGORIES, SIGNALS, isCategory, type Category, type Label, type Signal } from '../contracts/taxonomy.js';
import { conversationKey, coolIdle, type EngineState } from './context/state.js';
import type { Cue } from './context/cues.js';
import { nameSecondHarm, type RawScores } from './second-harm.js';
import { conversationOf, TokensMemo, WINDOW_MAX_SCORE, windowGate, windowInto, windowOf, WindowScratch, windowSupport } from './window-stage.js';

export { compileEngineOptions, type EngineOptions, type CompiledEngineOptions } from './engine-options.js';
export { createState, serialiseState, encodeState, restoreState, stateSize, type EngineState } from './context/state.js';

/**
 * A Verdict plus, when it acts or escalates, the earlier messages of the conversation and the
 * participants' known ages (audit trail: AuditRecord.context and participantAges).
 */
export type EngineVerdict = Verdict & { context?: ContextMessage[]; participantAges?: ParticipantAge[] };

export interface Engine {
  readonly versions: { model: string; rules: string; policy: string };
  /** Scores messages in order, updating `state` in place (conversation/sender context). */
  classifyBatch(messages: ChatMessage[], state: EngineState): Promise<EngineVerdict[]>;
  /** Work counters since creation (bench and metrics): messages the window model ran on. */
  readonly counters: { windowRuns: number };
  close(): Promise<void>;
}

/** The loaded parts of an engine (tests build engines from in-memory parts). */
export interface EngineParts {
  rules: RuleSet;
  policy: Policy;
  model: TextClassifier | null;
  /** Optional conversation-window model (input kind `window-hashed-bag`), fed from the context state. */
  windowModel?: TextClassifier | null;
  options: CompiledEngineOptions;
}

/** "cue:<name>" → name, without a string per hit. */
const CUE_NAMES = new Map<string, Cue>();
function cueOf(label: string): Cue {
  let c = CUE_NAMES.get(label);
  if (c === undefined) { c = label.slice(4) as Cue; CUE_NAMES.set(label, c); }
  return c;
}


/** Model scores below this (after calibration to the label's threshold) add nothing. */
const MODEL_FLOOR = 0.35;

/** Loads rules, policy and model once. */
export async function createEngine(raw: EngineOptions = {}): Promise<Engine> {
  const options = compileEngineOptions(raw);
  const policy = await loadPolicy(options.policyFile);
  const rules = await loadRuleSet(options.rulesDir);
  let model: TextClassifier | null = null;
  if (options.modelDir) {
    const { loadTextClassifier } = await import('./model/onnx-classifier.js');
    model = await loadTextClassifier(options.modelDir, { intraOpNumThreads: options.modelThreads });
  }
  let windowModel: TextClassifier | null = null;
  if (options.windowModelDir) {
    const { loadTextClassifier } = await import('./model/onnx-classifier.js');
    windowModel = await loadTextClassifier(options.windowModelDir, { intraOpNumThreads: options.modelThreads });
  }
  try {
    return engineFromParts({ rules, policy, model, windowModel, options });
  } catch (err) {
    await model?.close();
    await windowModel?.close();
    throw err;
  }
}

export async function loadPolicy(file: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`cannot read policy file ${file}: ${(err as Error).message}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${file}: not valid JSON: ${(err as Error).message}`]);
  }
  return compilePolicy(parsed, file);
}

/** Model probability → score on the engine's scale: the label's threshold maps to 0.5. */
export function calibrate(p: number, threshold: number): number {
  const t = Math.min(Math.max(threshold, 1e-6), 1 - 1e-6);
  return p >= t ? 0.5 + (0.5 * (p - t)) / (1 - t) : (0.5 * p) / t;
}

function add<K extends string>(rec: Partial<Record<K, Evidence>>, k: K, score: number, source: string): void {
  const e = rec[k];
  const s = Math.min(1, Math.max(0, score));
  if (!e) rec[k] = { score: s, sources: [source] };
  else {
    e.score = 1 - (1 - e.score) * (1 - s); // independent pieces of evidence: noisy-or
    if (!e.sources.includes(source)) e.sources.push(source);
  }
}

/** 1 = category, 2 = signal (a name that is both counts as a category); one lookup instead of two list scans per label. */
const LABEL_KIND = new Map<string, 1 | 2>([...SIGNALS.map((x) => [x, 2] as const), ...CATEGORIES.map((x) => [x, 1] as const)]);

/** A second source for the same fact: keeps the stronger score, records the source. */
function addSame(rec: Partial<Record<Category, Evidence>>, k: Category, score: number, source: string): void {
  const e = rec[k]!;
  e.score = Math.max(e.score, Math.min(1, Math.max(0, score)));
  if (!e.sources.includes(source)) e.sources.push(source);
}

function put(categories: Partial<Record<Category, Evidence>>, signals: Partial<Record<Signal, Evidence>>, label: Label, score: number, source: string): void {
  const kind = LABEL_KIND.get(label);
  if (kind === 1) add(categories, label as Category, score, source);
  else if (kind === 2) add(signals, label as Signal, score, source);
}

function roundScores(rec: Partial<Record<string, Evidence>>): void {
  for (const k in rec) { const e = rec[k]; if (e) e.score = Math.round(e.score * 1000) / 1000; }
}

/** "rule:<id>" and "model:<id>" strings built once, not per hit (one map per kind: no key string built per lookup). */
const SOURCES = { rule: new Map<string, string>(), model: new Map<string, string>() };
function sourceOf(kind: 'rule' | 'model', id: string): string {
  const known = SOURCES[kind];
  let s = known.get(id);
  if (s === undefined) { s = `${kind}:${id}`; known.set(id, s); }
  return s;
}

/** The message's own evidence, the input of the context stage: rule hits, then the message model's scores (`row`). */
export interface MessageEvidence {
  categories: Partial<Record<Category, Evidence>>;
  signals: Partial<Record<Signal, Evidence>>;
  ruleCues: Cue[] | undefined;
  disjointRules: Category[] | undefined;
}

/**
 * `into`: a record to fill and return in place of a new one (issue 14, round 48: classifyBatch hands one record to every
 * message of its batch; a message's evidence is read by its window gate and `finish` before the next message's is made,
 * and the records it points to become the context's). Whatever it held is overwritten.
 */
export function messageEvidence(hits: readonly RuleHit[], model: TextClassifier | null, row: Float32Array | undefined, into?: MessageEvidence): MessageEvidence {
  const categories: Partial<Record<Category, Evidence>> = {};
  const signals: Partial<Record<Signal, Evidence>> = {};
  let ruleCues: Cue[] | undefined;
  // Rules of one category count as independent only on disjoint words (an FR and an EN rule on "GHB" are one fact).
  let spans: Partial<Record<Category, [number, number]>> | undefined;
  let disjointRules: Category[] | undefined;
  for (const h of hits) {
    if (h.kind === 'cue') { ruleCues = appended(ruleCues, cueOf(h.label)); continue; }
    if (h.kind !== 'category') { put(categories, signals, h.label as Label, h.weight, sourceOf('rule', h.ruleId)); continue; }
    const c = h.label as Category;
    const sp = (spans ??= {})[c];
    // Rules of one category on the same words (an FR and an EN list both naming "GHB") are one fact:
    // the stronger weight stands. On disjoint words they are independent pieces of evidence (noisy-or).
    if (sp && !(h.span[1] < sp[0] || h.span[0] > sp[1])) addSame(categories, c, h.weight, sourceOf('rule', h.ruleId));
    else add(categories, c, h.weight, sourceOf('rule', h.ruleId));
    if (!sp) spans[c] = h.span;
    else if ((h.span[1] < sp[0] || h.span[0] > sp[1]) && !disjointRules?.includes(c)) disjointRules = appended(disjointRules, c);
  }
  if (model && row) {
    const source = sourceOf('model', model.id);
    for (let j = 0; j < model.labels.length; j++) {
      const c = calibrate(row[j] ?? 0, model.thresholds[j] ?? 0.5);
      if (c >= MODEL_FLOOR) put(categories, signals, model.labels[j]!, c, source);
    }
  }
  if (into === undefined) return { categories, signals, ruleCues, disjointRules };
  into.categories = categories; into.signals = signals; into.ruleCues = ruleCues; into.disjointRules = disjointRules;
  return into;
}

/**
 * What the window model's row `wrow` (probabilities in label order) adds to a message: its category evidence for the
 * context (calibrated, at or above MODEL_FLOOR, capped at WINDOW_MAX_SCORE, kept apart from the message's own) and the
 * categories it raises (corroborating, remembered by the context); undefined when it has neither. A signal label's
 * evidence joins the message's `signals` (and a label both category and signal its `categories`) under `source`.
 */
export function windowEvidence(
  windowModel: TextClassifier, wrow: Float32Array, source: string,
  categories: Partial<Record<Category, Evidence>>, signals: Partial<Record<Signal, Evidence>>,
): ContextMessageWindow | undefined {
  let raised: Category[] | undefined;
  let scores: Partial<Record<Category, number>> | undefined;
  for (let j = 0; j < windowModel.labels.length; j++) {
    const c = calibrate(wrow[j] ?? 0, windowModel.thresholds[j] ?? 0.5);
    const label = windowModel.labels[j]!;
    // Category evidence goes to the context apart from the message's own (observe.ts merges it, capped).
    if (c >= MODEL_FLOOR) {
      if (isCategory(label)) (scores ??= {})[label] = Math.round(Math.min(c, WINDOW_MAX_SCORE) * 1000) / 1000;
      else put(categories, signals, label, c, source);
    }
    // Raised (corroborating, and remembered by the context) at the stricter threshold when the model has one.
    const raiseAt = windowModel.corroborationThresholds?.[j];
    if ((raiseAt === undefined ? c >= 0.5 : (wrow[j] ?? 0) >= raiseAt) && isCategory(label)) raised = appended(raised, label);
  }
  return scores || raised ? { source, scores: scores ?? {}, raised: raised ?? [] } : undefined;
}

/**
 * `xs` with `x` added: `[x]` when there is no list yet (issue 14, round 48). These lists nearly always hold one entry,
 * and `(xs ??= []).push(x)` grew an empty array to 17 slots on its first push (184 B with its store, where `[x]` is 56 B).
 */
export function appended<T>(xs: T[] | undefined, x: T): T[] {
  if (xs === undefined) return [x];
  xs.push(x);
  return xs;
}
type ContextMessageWindow = NonNullable<ContextInput['window']>;

/** The batch's evidence record before its first message (never read: messageEvidence fills it first). */
const NO_EVIDENCE = Object.freeze({}) as Partial<Record<Category & Signal, Evidence>>;

/**
 * A model's current row as category scores, calibrated, without the floor (second-harm.ts reads them below it). One
 * per model, made once: `row` is set for each message and a score is calibrated only when asked for (no record of
 * every category per message on the hot path).
 */
class CalibratedRow implements RawScores {
  row: Float32Array | undefined = undefined;
  /** The row's column of each category the model has (the last one when a label repeats). */
  private readonly column: Partial<Record<Category, number>> = {};
  constructor(private readonly m: TextClassifier | null) {
    if (m) for (let j = 0; j < m.labels.length; j++) { const label = m.labels[j]!; if (isCategory(label)) this.column[label] = j; }
  }
  score(c: Category): number | undefined {
    const j = this.column[c];
    if (!this.m || !this.row || j === undefined) return undefined;
    return calibrate(this.row[j] ?? 0, this.m.thresholds[j] ?? 0.5);
  }
}

/** Refuses a model in the wrong slot, or a window longer than the context keeps. */
function checkModels(model: TextClassifier | null, windowModel: TextClassifier | null, options: CompiledEngineOptions): void {
  const p: string[] = [];
  if (model?.window) p.push(`model ${model.id} is a conversation-window model: pass it as the window model (--window-model), not --model`);
  if (windowModel) {
    const w = windowModel.window;
    if (!w) p.push(`window model ${windowModel.id} is a single-message model (input kind ${windowModel.manifest.input.kind})`);
    else {
      if (w.messages - 1 > options.bounds.recentMessages) {
        p.push(`window model ${windowModel.id} reads ${w.messages} messages but the context keeps ${options.bounds.recentMessages} earlier ones (bounds.recentMessages >= ${w.messages - 1} needed)`);
      }
      if (w.maxChars > options.bounds.recentTextChars) {
        p.push(`window model ${windowModel.id} reads ${w.maxChars} characters per message but the context keeps ${options.bounds.recentTextChars} (bounds.recentTextChars)`);
      }
    }
  }
  if (p.length) throw new ConfigError(p);
}

export function engineFromParts(parts: EngineParts): Engine {
  const { rules, policy, model, options } = parts;
  const windowModel = parts.windowModel ?? null;
  checkModels(model, windowModel, options);
  const derivations = options.derivations ?? DERIVATION_RUN;
  const assertAt = Object.fromEntries(CATEGORIES.map((c) => [c, policy.categories[c].assertAt])) as Record<Category, number>;
  const versions = { model: model ? model.id : 'none', rules: rules.version, policy: policy.version };
  if (windowModel) versions.model = `${versions.model}+${windowModel.id}`;
  const windowSource = windowModel ? `model:${windowModel.id}` : '';
  const counters = { windowRuns: 0 };
  const tokensMemo = windowModel ? new TokensMemo() : undefined;
  const windowNow = windowModel?.scoreWindowNow;
  const tokensOf: TokensOf | undefined = tokensMemo ? (text) => tokensMemo.get(text) : undefined;
  const windowScratch = new WindowScratch();
  const secondHarm = policy.secondHarmCompiled !== null;
  const rawMessage = new CalibratedRow(model);
  const rawWindow = new CalibratedRow(windowModel);
  const rawRows: readonly RawScores[] = [rawMessage, rawWindow];
  /**
   * The window the window model reads for message `m` when the gate opens on its evidence (`ev`), else undefined.
   * Runs in message order: the window is the context as `finish` of the previous messages left it.
   */
  function gatedWindow(m: ChatMessage, norm: NormalisedText, ev: MessageEvidence, state: EngineState, key: string): WindowText[] | undefined {
    if (!windowModel) return undefined;
    const conv = conversationOf(state, m, options.bounds, key);
    if (!windowGate(state, m, options.bounds, options.windowGateFloor, ev.categories, ev.signals, conv)) return undefined;
    counters.windowRuns++;
    // Scored at once (windowNow), the model asks the memo only for a line it has not featurised yet (tokensOf); scored
    // through scoreWindows, each line carries the memo's tokens.
    const tokens = m.text.length > options.rulesMaxChars ? undefined : norm.tokens;
    // Scored at once, the window is read before the next is asked for: its line records are reused (round 19).
    return windowNow ? windowInto(windowScratch, m, tokens, conv) : windowOf(state, m, options.bounds, tokens, conv, tokensMemo);
  }

  /**
   * The context stage's input for `m`, in one record reused message after message (issue 14, round 18): observe reads
   * it during the call and keeps none of it (the evidence records it carries become the outcome's, not the input).
   */
  let input: ContextInput | null = null;
  /**
   * The context stage's outcome, one record refilled by observe for each message (issue 14, round 49): `finish` reads it
   * only until the message's verdict is made (decide, the second harm and contextBefore copy what the verdict keeps), and
   * nothing awaits between observe and finish's return, so a batch interleaved with another never reads the other's.
   */
  let outcomeRecord: ContextOutcome | undefined;
  function contextInput(
    m: ChatMessage, categories: ContextInput['categories'], signals: ContextInput['signals'], ruleCues: Cue[] | undefined,
    disjointRules: Category[] | undefined, window: ContextInput['window'], key: string,
  ): ContextInput {
    const x = input;
    if (x === null) {
      return (input = {
        messageId: m.messageId, tenantId: m.tenantId ?? null, conversationId: m.conversationId, roomId: m.roomId, senderId: m.senderId, recipientId: m.recipientId,
        text: m.text, sentAt: m.sentAt, senderDeclaredAge: m.senderDeclaredAge, categories, signals, ruleCues, disjointRules, window, conversationKey: key,
      });
    }
    x.messageId = m.messageId; x.tenantId = m.tenantId ?? null; x.conversationId = m.conversationId; x.roomId = m.roomId; x.senderId = m.senderId;
    x.recipientId = m.recipientId; x.text = m.text; x.sentAt = m.sentAt; x.senderDeclaredAge = m.senderDeclaredAge;
    x.categories = categories; x.signals = signals; x.ruleCues = ruleCues; x.disjointRules = disjointRules; x.window = window;
    x.conversationKey = key;
    return x;
  }

  /** The rest of one message once its window is scored (`wrow`, undefined when not gated): context, policy, verdict. */
  function finish(
    m: ChatMessage, norm: NormalisedText, ev: MessageEvidence, row: Float32Array | undefined, wrow: Float32Array | undefined, state: EngineState, key: string,
  ): EngineVerdict {
    const { categories, signals, ruleCues, disjointRules } = ev;
    const truncated = m.text.length > options.modelMaxChars || m.text.length > options.rulesMaxChars;
    const window = wrow && windowModel ? windowEvidence(windowModel, wrow, windowSource, categories, signals) : undefined;
    const windowRaised = window?.raised;
    // Its tokens, for the windows of the next messages of its conversation (whole texts only: they are normalise(text).tokens).
    if (tokensMemo && m.text.length <= options.rulesMaxChars) tokensMemo.remember(m.text, norm.tokens);
    roundScores(categories);
    roundScores(signals);
    const outcome = observe(state, contextInput(m, categories, signals, ruleCues, disjointRules, window, key), assertAt, options.bounds, outcomeRecord, derivations);
    outcomeRecord = outcome;
    if (windowRaised && windowRaised.length && options.windowCorroborates) windowSupport(outcome.support, windowRaised);
    // The verdict is the decision's record (decide fills its decision fields): one object, not a Decision copied into it.
    const v: EngineVerdict = {
      messageId: m.messageId, tenantId: m.tenantId ?? null, conversationId: m.conversationId, roomId: m.roomId ?? null,
      senderId: m.senderId, recipientId: m.recipientId ?? null, sentAt: m.sentAt,
      action: 'allow', categories: NO_CATEGORY_SCORES, signals: NO_SIGNAL_HITS, escalation: null, enforcement: null, reasons: NO_REASON_LINES,
      modelVersion: versions.model, rulesVersion: versions.rules, policyVersion: versions.policy,
      textTruncated: truncated, textRepaired: false, decidedAt: null,
    };
    decide(policy, outcome, m.senderId, v);
    if (secondHarm) {
      const conv = conversationOf(state, m, options.bounds, key);
      if (conv) {
        rawMessage.row = row;
        rawWindow.row = wrow;
        nameSecondHarm(policy, conv, conv.n - 1, v, outcome.categories, rawRows);
        rawMessage.row = rawWindow.row = undefined;
      }
    }
    if (truncated) v.reasons = [...v.reasons, `text of ${m.text.length} characters was truncated for scoring`];
    if (v.action !== 'allow' || v.escalation) {
      v.context = contextBefore(outcome);
      v.participantAges = participantAges(state, m, key);
    }
    return v;
  }

  return {
    versions,
    counters,
    async classifyBatch(messages, state) {
      // Before any verdict: idle entries kept encoded (state-lazy.ts; changes how entries are held, not what they hold).
      coolIdle(state, options.bounds, options.stateFormat);
      // Normalise once: the rules and the model's featuriser read the same tokens.
      const norms = messages.map((m) => normalise(m.text.length > options.rulesMaxChars ? m.text.slice(0, options.rulesMaxChars) : m.text));
      const modelScores = model && messages.length
        ? await model.scoreBatch(messages.map((m, i) => m.text.length > options.modelMaxChars ? normalise(m.text.slice(0, options.modelMaxChars)) : norms[i]!))
        : null;
      const out: EngineVerdict[] = [];
      // One evidence record for the batch, refilled for each message (not one a message: round 48). Per batch, not per
      // engine: scoreWindows awaits inside the loop, and another batch's loop must not refill this one's record meanwhile.
      const evRecord: MessageEvidence = { categories: NO_EVIDENCE, signals: NO_EVIDENCE, ruleCues: undefined, disjointRules: undefined };
      // One short loop calling two plain functions per message: they are called once per message and optimised as
      // such, where a loop body inside this async function (called once per batch) ran unoptimised until replaced on
      // the stack, and was recompiled whole at each deoptimisation.
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        const norm = norms[i]!;
        // The conversation's state key, built once: the window gate, observe, the second harm and the audit's ages look
        // the conversation up by this one string (flat and hashed after the first lookup), not by a copy each (round 42).
        const key = conversationKey(m);
        const ev = messageEvidence(rules.match(norm), model, modelScores?.[i], evRecord);
        // The window model runs in message order (its window is the context as observe left it), on gated messages only.
        const lines = gatedWindow(m, norm, ev, state, key);
        // Scored in TypeScript: at once, without a promise per gated message (the same row as scoreWindows).
        const wrow = lines === undefined ? undefined : windowNow ? windowNow(lines, tokensOf) : (await windowModel!.scoreWindows([lines]))[0]!;
        out.push(finish(m, norm, ev, modelScores?.[i], wrow, state, key));
      }
      return out;
    },
    async close() {
      await model?.close();
      await windowModel?.close();
    },
  };
}
