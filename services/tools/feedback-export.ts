/**
 * Training examples from what reviewers decided and from labelled files, in the format
 * `vigie train --data` reads (services/training/corpus.ts): one JSON line {text, labels, source}.
 *
 * - A confirmed case labels each of its evidence messages with the case's confirmed categories.
 * - A dismissed case makes each of its evidence messages a negative (labels []): the model flagged
 *   them and a reviewer said no, the most useful negatives there are.
 * - Labelled conversations (dev-set format): the message from which a category is evident gets that
 *   category; every message of a conversation labelled benign is a negative; other messages of a
 *   positive conversation are left out (a conversation label does not say which of them carry it).
 *
 * The same text met twice keeps the union of its positive labels; a text that is positive in one
 * source and negative in another stays positive and is counted as a conflict.
 */
import { isCategory, type Category } from '../contracts/taxonomy.js';
import type { LabelledSet } from './labelled-set.js';

export interface ReviewDecision {
  caseId: string;
  conversationId: string;
  decision: 'confirmed' | 'dismissed';
  categories: string[];
  evidenceMessageIds: string[];
  resolvedAt: number;
}

export interface ExportExample { text: string; labels: Category[]; source: string }

export interface ExportStats {
  cases: { confirmed: number; dismissed: number; superseded: number };
  evidence: { withText: number; withoutText: number };
  fromLabels: { positives: number; negatives: number; skipped: number };
  conflicts: number;
  duplicates: number;
  examples: number;
  positives: number;
  negatives: number;
}

/** The latest decision per case (a case re-resolved on the feedback topic appears more than once). */
export function latestPerCase(decisions: Iterable<ReviewDecision>): { latest: ReviewDecision[]; superseded: number } {
  const by = new Map<string, ReviewDecision>();
  let n = 0, superseded = 0;
  for (const d of decisions) {
    n++;
    const prev = by.get(d.caseId);
    if (!prev || d.resolvedAt >= prev.resolvedAt) by.set(d.caseId, d);
  }
  superseded = n - by.size;
  return { latest: [...by.values()], superseded };
}

export class ExampleCollector {
  readonly #byText = new Map<string, ExportExample>();
  readonly stats: ExportStats = {
    cases: { confirmed: 0, dismissed: 0, superseded: 0 }, evidence: { withText: 0, withoutText: 0 },
    fromLabels: { positives: 0, negatives: 0, skipped: 0 }, conflicts: 0, duplicates: 0, examples: 0, positives: 0, negatives: 0,
  };

  add(text: string, labels: Category[], source: string): void {
    const prev = this.#byText.get(text);
    if (!prev) { this.#byText.set(text, { text, labels: [...new Set(labels)].sort(), source }); return; }
    const wasPositive = prev.labels.length > 0;
    if (wasPositive !== labels.length > 0) this.stats.conflicts++;
    else this.stats.duplicates++;
    if (labels.length) prev.labels = [...new Set([...prev.labels, ...labels])].sort();
  }

  /** Reviewer decisions; `texts` maps message id → stored text (absent when the store holds none). */
  addDecisions(decisions: readonly ReviewDecision[], texts: ReadonlyMap<string, string>): void {
    for (const d of decisions) {
      const cats = d.decision === 'confirmed' ? d.categories.filter(isCategory) as Category[] : [];
      if (d.decision === 'confirmed' && !cats.length) continue; // confirmed without a category says nothing a label can hold
      this.stats.cases[d.decision]++;
      for (const id of d.evidenceMessageIds) {
        const t = texts.get(id);
        if (t === undefined || !t.trim()) { this.stats.evidence.withoutText++; continue; }
        this.stats.evidence.withText++;
        this.add(t, cats, `feedback:${d.caseId}:${d.decision}`);
      }
    }
  }

  addLabelledSet(set: LabelledSet, source: string): void {
    for (const m of set.messages) {
      const label = set.labels.get(m.conversationId);
      if (!label) { this.stats.fromLabels.skipped++; continue; }
      if (!label.categories.length) { this.stats.fromLabels.negatives++; this.add(m.text, [], source); continue; }
      const pos = set.position.get(m.messageId)!;
      const cats = label.categories.filter((c) => label.evidentIndex[c] === pos);
      if (!cats.length) { this.stats.fromLabels.skipped++; continue; }
      this.stats.fromLabels.positives++;
      this.add(m.text, cats, source);
    }
  }

  examples(): ExportExample[] {
    const out = [...this.#byText.values()];
    this.stats.examples = out.length;
    this.stats.positives = out.filter((e) => e.labels.length).length;
    this.stats.negatives = out.length - this.stats.positives;
    return out;
  }
}
