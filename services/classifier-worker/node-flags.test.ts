import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLASSIFIER_NODE_FLAGS } from './node-flags.js';

const repoFile = (rel: string) => readFileSync(new URL(`../../${import.meta.url.includes('/dist/') ? '../' : ''}${rel}`, import.meta.url), 'utf8');

describe('CLASSIFIER_NODE_FLAGS (the flags every classifier process is started with)', () => {
  it('bound the main thread\'s young generation to two 16 MB semi-spaces (V8 grows it to 2 × 64 MB on a large machine)', () => {
    const script = `let k=[];for(let i=0;i<3e6;i++){k.push({i,s:'x'+i});if(k.length>50000)k=[]}
      process.stdout.write(String(require('v8').getHeapSpaceStatistics().find((s)=>s.space_name==='new_space').space_size))`;
    const newSpace = Number(execFileSync(process.execPath, [...CLASSIFIER_NODE_FLAGS, '-e', script], { encoding: 'utf8' }));
    assert.ok(newSpace > 0 && newSpace <= 32 * 1024 * 1024, `new space ${newSpace} B`);
  });

  it('are given by the Dockerfile entrypoint, `vigie up` and the bench\'s pipeline worker', () => {
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(repoFile('Dockerfile'));
    assert.ok(entrypoint, 'Dockerfile has an exec-form ENTRYPOINT');
    const argv = JSON.parse(entrypoint[1]!) as string[];
    assert.deepEqual(argv.slice(0, 1 + CLASSIFIER_NODE_FLAGS.length), ['node', ...CLASSIFIER_NODE_FLAGS]);
    for (const f of ['services/cli/up-steps.ts', 'services/bench/worker-process.ts']) {
      assert.match(repoFile(f), /spawn\(process\.execPath, \[\.\.\.CLASSIFIER_NODE_FLAGS, /, `${f} starts the classifier with CLASSIFIER_NODE_FLAGS`);
    }
  });
});
