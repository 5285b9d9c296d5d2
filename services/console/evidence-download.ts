import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportEvidence, FILES, type EvidenceScope } from '../audit/evidence.js';
import { EvidencePeriodError, parsePeriod, type EvidencePeriod } from '../audit/evidence-period.js';
import type { AuditStore } from '../audit/store.js';
import { safeArchiveName, zipFiles } from './zip.js';

/** The period of a console evidence form: optional UTC days `from`/`to`; 'invalid' when they do not make one. */
export function formPeriod(form: URLSearchParams): EvidencePeriod | null | 'invalid' {
  const day = (k: string) => { const x = (form.get(k) ?? '').trim(); return x === '' ? undefined : x; };
  try { return parsePeriod(day('from'), day('to')); } catch (err) {
    if (err instanceof EvidencePeriodError) return 'invalid';
    throw err;
  }
}

/**
 * The `vigie evidence export` package for a scope and period, zipped in memory. The folder inside the zip, like
 * the file name, is made safe: a case id carries a message id from the input, a user id comes from the input too.
 */
export async function evidenceZip(store: AuditStore, scope: EvidenceScope, period: EvidencePeriod | null, now: number, label: string): Promise<{ filename: string; zip: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-console-evidence-'));
  try {
    const out = join(dir, 'pkg');
    await exportEvidence(store, scope, out, now, period);
    const folder = `evidence-${safeArchiveName(label)}`;
    const files = [...FILES, 'manifest.json'].map((f) => ({ name: `${folder}/${f}`, data: readFileSync(join(out, f)) }));
    return { filename: `${folder}.zip`, zip: zipFiles(files, new Date(now)) };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
