/**
 * Conversation and user context (public surface). See context/state.ts for the state and its
 * bounds, context/observe.ts for one step, context/derive.ts for the combination rules.
 */
export { contextBefore, observe, type ContextInput, type ContextOutcome, type Evidence } from './context/observe.js';
export {
  createState, serialiseState, encodeState, restoreState, stateSize, compileContextBounds, DEFAULT_BOUNDS,
  type EngineState, type ContextBounds, type ContextMessage,
} from './context/state.js';
export { isMinor, isKnownAdult } from './context/derive.js';
export { participantAges } from './context/participant-ages.js';
