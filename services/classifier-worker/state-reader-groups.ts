/**
 * The throw-away consumer groups of the state changelog readers (`<group>-state-reader-<uuid>`, one per
 * worker start): which of them can go. Pure; changelog-tail.ts lists and deletes.
 *
 * A reader's group holds no committed offset (it never commits), so nothing is lost by deleting it. A
 * worker deletes its own on a clean stop; a killed worker's group stays until its session times out and it
 * turns Empty; the next worker start deletes it then. A live reader's group has a member and is never Empty.
 */
export function stateReaderGroupPrefix(groupId: string): string {
  return `${groupId}-state-reader-`;
}

/** Empty reader groups of this worker group other than `own`: safe to delete. */
export function staleReaderGroups(groups: Iterable<{ id: string; state: string }>, groupId: string, own: string): string[] {
  const prefix = stateReaderGroupPrefix(groupId);
  const out: string[] = [];
  for (const g of groups) if (g.id.startsWith(prefix) && g.id !== own && g.state.toLowerCase() === 'empty') out.push(g.id);
  return out.sort();
}
