import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../cli/command.js';
import { parseAbArgs, type AbSpec } from './ab-options.js';

const SPEC: AbSpec = { tool: 't', usage: 'usage: t\n', defaults: { messages: 5000, rounds: 6, batch: 64, seed: 4200 }, extra: ['stages'] };

test('parseAbArgs: the two dist dirs, the tool\'s defaults, the numbers given and the tool\'s own options', () => {
  assert.deepEqual(parseAbArgs(['--a', 'x/dist', '--b=y/dist'], SPEC), {
    a: 'x/dist', b: 'y/dist', messages: 5000, rounds: 6, batch: 64, seed: 4200, extra: { stages: undefined },
  });
  assert.deepEqual(parseAbArgs(['--a', 'x', '--b', 'y', '--messages', '200', '--rounds', '2', '--batch', '8', '--seed', '9', '--stages', 'engine'], SPEC), {
    a: 'x', b: 'y', messages: 200, rounds: 2, batch: 8, seed: 9, extra: { stages: 'engine' },
  });
});

test('parseAbArgs: --help asks for the usage; a bad command line is a UsageError', () => {
  assert.equal(parseAbArgs(['--help'], SPEC), null);
  assert.equal(parseAbArgs(['-h', '--a', 'x'], SPEC), null);
  const bad = (argv: string[], re: RegExp): void => assert.throws(() => parseAbArgs(argv, SPEC), (e: unknown) => e instanceof UsageError && re.test(e.message));
  bad(['--a', 'x'], /--a and --b/);
  bad(['--a', 'x', '--b', 'y', '--rounds', 'two'], /--rounds must be a positive integer/);
  bad(['--a', 'x', '--b', 'y', '--batch', '0'], /--batch/);
  bad(['--a', 'x', '--b', 'y', 'extra'], /unexpected argument/);
  bad(['--a', 'x', '--b', 'y', '--stages', 'engine'].concat(['--nope']), /unknown option --nope/);
  assert.throws(() => parseAbArgs(['--a', 'x', '--b', 'y', '--stages', 'engine'], { ...SPEC, extra: [] }), /unknown option --stages/);
});
