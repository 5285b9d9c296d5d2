import { readFileSync } from 'node:fs';

/**
 * The Kafka ACL tables of docs/security.md ("## Kafka ACLs per service"), one per `### <service>`
 * heading, read as the test applies them: so the documented ACLs are exactly the ones tested.
 */
export interface AclRow {
  resource: 'Topic' | 'Group' | 'TransactionalId' | 'Cluster';
  /** The configuration variable whose value names the resource (e.g. VIGIE_TOPIC_AUDIT). */
  nameVariable: string;
  pattern: 'literal' | 'prefixed';
  operations: string[];
}

export function documentedAcls(docFile: string): Map<string, AclRow[]> {
  const doc = readFileSync(docFile, 'utf8');
  const start = doc.indexOf('## Kafka ACLs per service');
  if (start < 0) throw new Error(`${docFile}: no "## Kafka ACLs per service" section`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, AclRow[]>();
  for (const part of section.split('\n### ').slice(1)) {
    const heading = part.slice(0, part.indexOf('\n'));
    const rows = [...part.matchAll(/^\| (Topic|Group|TransactionalId|Cluster) \| `([A-Z0-9_]+)` \| (literal|prefixed) \| ([A-Za-z, ]+) \|/gm)]
      .map((m) => ({ resource: m[1] as AclRow['resource'], nameVariable: m[2]!, pattern: m[3] as AclRow['pattern'], operations: m[4]!.split(',').map((o) => o.trim()) }));
    out.set(heading, rows);
  }
  return out;
}
