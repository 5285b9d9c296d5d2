import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../common/logger.js';
import type { ChatMessage } from '../contracts/types.js';
import { EngineHolder, type EngineFactory, type EngineVerdicts } from './engine-holder.js';
import { EngineStateLostError, InProcessEngines } from './partition-engines.js';

const log = createLogger({ name: 'partition-engines-test', level: 'silent' });
const msg = (id: string): ChatMessage => ({
  messageId: id, tenantId: null, conversationId: 'c', roomId: null, senderId: 's', recipientId: 'r', text: id, sentAt: 1, senderIp: null, senderDeclaredAge: null, locale: null,
});

describe('InProcessEngines', () => {
  it('runs one engine call at a time, in the order made, each on its partition state; snapshots it; unknown partitions are lost state', async () => {
    const trace: string[] = [];
    const factory: EngineFactory<{ seen: string[] }> = {
      load: async () => ({
        versions: { model: 'm', rules: 'r', policy: 'p' },
        async classifyBatch(messages, state) {
          trace.push(`start ${messages[0]!.messageId}`);
          await new Promise((r) => setTimeout(r, 5));
          for (const m of messages) state.seen.push(m.messageId);
          trace.push(`end ${messages[0]!.messageId}`);
          return [] as EngineVerdicts;
        },
      }),
      newState: () => ({ seen: [] }),
      restoreState: (raw) => ({ seen: [...(raw as { seen: string[] }).seen] }),
      watchPaths: [],
    };
    const engines = new InProcessEngines(await EngineHolder.create(factory, log));
    await engines.open(0, null);
    await engines.open(1, { seen: ['old'] });
    await Promise.all([engines.classify(0, [msg('a')]), engines.classify(1, [msg('b')]), engines.classify(0, [msg('c')])]);
    assert.deepEqual(trace, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    assert.deepEqual((await engines.snapshot(0, '7')), { v: 1, nextOffset: '7', engine: { seen: ['a', 'c'] } });
    assert.deepEqual((await engines.snapshot(1, '8')).engine, { seen: ['old', 'b'] });
    engines.clear();
    assert.throws(() => engines.classify(0, [msg('d')]), EngineStateLostError);
    await engines.close();
  });
});
