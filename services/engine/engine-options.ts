/**
 * Engine options: where the rules, policy and model live, context bounds, scoring limits.
 * `compileEngineOptions(raw)` fills the documented defaults and reports every bad value at once.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../contracts/errors.js';
import { compileContextBounds, type ContextBounds } from './context/state.js';
import { DEFAULT_STATE_FORMAT, WRITTEN_FORMATS } from './context/state-codec.js';
import type { DerivationRun } from './context/observe.js';

/** Repository root (this file is dist/services/engine/ or services/engine/ below it). */
const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, here.includes(`${'/'}dist${'/'}`) ? '../../..' : '../..');

export interface EngineOptions {
  /** Rule directory with manifest.json. Default `<repo>/rules`. */
  rulesDir?: string;
  /** Policy file. Default `<repo>/policies/default.json`. */
  policyFile?: string;
  /** Model directory with manifest.json, or 'none' for rules and context only. Default `<repo>/models/vigie-fasttext-v1`. */
  modelDir?: string;
  /** Conversation-window model directory (input kind `window-hashed-bag`), or 'none'. Default <repo>/models/vigie-window-v1. */
  windowModelDir?: string;
  /**
   * The window model runs on a message only when that message or its conversation already shows evidence
   * (a category or signal score, or a context mark) at or above this floor; 0 = on every message. Default 0 (round 12:
   * the gate at 0.3 kept the window model from the harm told with no word the rules or the message model know, which
   * is where it finds most: docs/engine.md).
   */
  windowGateFloor?: number;
  /** Window-model evidence counts as a `model` support kind beside another kind (window-stage.ts `windowSupport`). Default true. */
  windowCorroborates?: boolean;
  /** Context bounds (see context/state.ts DEFAULT_BOUNDS). */
  bounds?: Partial<ContextBounds>;
  /** Characters of a message the model sees. Default 4096. */
  modelMaxChars?: number;
  /** Characters of a message the rules and context see. Default 16384. */
  rulesMaxChars?: number;
  /** onnxruntime intra-op threads. Default 1. */
  modelThreads?: number;
  /**
   * Format of the state checkpoints an engine thread writes (`encodeState`, state-codec.ts): 3 or 4; the worker's
   * VIGIE_STATE_FORMAT. Default 3 (`DEFAULT_STATE_FORMAT`). Every format is read whatever this says. Idle entries kept
   * encoded in memory (`bounds.coolAfterTouches`) are encoded in it too, so that checkpoints copy them.
   */
  stateFormat?: number;
  /**
   * Tests only: the derivations observe calls and whether its gate skips them (observe.ts `DerivationRun`). Default
   * `DERIVATION_RUN` (the 33, gated). derivation-gate.test.ts runs the gate off and counts each derivation's findings.
   */
  derivations?: DerivationRun;
}

export interface CompiledEngineOptions {
  rulesDir: string;
  policyFile: string;
  /** null = no model. */
  modelDir: string | null;
  /** null = no window model. */
  windowModelDir: string | null;
  windowGateFloor: number;
  windowCorroborates: boolean;
  bounds: ContextBounds;
  modelMaxChars: number;
  rulesMaxChars: number;
  modelThreads: number;
  /** Format of the state checkpoints written and of the idle entries kept encoded (3 or 4). */
  stateFormat: number;
  /** undefined: observe's default (`DERIVATION_RUN`). */
  derivations: DerivationRun | undefined;
}

export function compileEngineOptions(raw: EngineOptions = {}): CompiledEngineOptions {
  const p: string[] = [];
  const int = (v: number | undefined, name: string, def: number, min: number): number => {
    if (v === undefined) return def;
    if (!Number.isInteger(v) || v < min) p.push(`${name} must be an integer >= ${min} (got ${String(v)})`);
    return v;
  };
  const str = (v: string | undefined, name: string, def: string): string => {
    if (v === undefined) return def;
    if (typeof v !== 'string' || !v) p.push(`${name} must be a non-empty path`);
    return v;
  };
  const rulesDir = resolve(str(raw.rulesDir, 'rulesDir', resolve(REPO_ROOT, 'rules')));
  const policyFile = resolve(str(raw.policyFile, 'policyFile', resolve(REPO_ROOT, 'policies/default.json')));
  const m = str(raw.modelDir, 'modelDir', resolve(REPO_ROOT, 'models/vigie-fasttext-v1'));
  const modelMaxChars = int(raw.modelMaxChars, 'modelMaxChars', 4096, 16);
  const rulesMaxChars = int(raw.rulesMaxChars, 'rulesMaxChars', 16384, 16);
  const modelThreads = int(raw.modelThreads, 'modelThreads', 1, 1);
  const w = str(raw.windowModelDir, 'windowModelDir', resolve(REPO_ROOT, 'models/vigie-window-v1'));
  const windowGateFloor = raw.windowGateFloor ?? 0;
  const windowCorroborates = raw.windowCorroborates ?? true;
  if (typeof windowCorroborates !== 'boolean') p.push(`windowCorroborates must be true or false (got ${String(windowCorroborates)})`);
  if (typeof windowGateFloor !== 'number' || !(windowGateFloor >= 0 && windowGateFloor <= 1)) p.push(`windowGateFloor must be a number in [0, 1] (got ${String(windowGateFloor)})`);
  let bounds: ContextBounds | null = null;
  try {
    bounds = compileContextBounds(raw.bounds ?? {});
  } catch (err) {
    if (err instanceof ConfigError) p.push(...err.problems); else throw err;
  }
  const stateFormat = raw.stateFormat ?? DEFAULT_STATE_FORMAT;
  if (!WRITTEN_FORMATS.includes(stateFormat)) p.push(`stateFormat must be ${WRITTEN_FORMATS.join(' or ')} (got ${String(stateFormat)})`);
  if (p.length || !bounds) throw new ConfigError(p);
  return {
    rulesDir, policyFile, modelDir: m === 'none' ? null : resolve(m), windowModelDir: w === 'none' ? null : resolve(w), windowGateFloor, windowCorroborates,
    bounds, modelMaxChars, rulesMaxChars, modelThreads, stateFormat, derivations: raw.derivations,
  };
}
