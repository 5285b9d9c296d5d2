import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cue } from './cues.js';
import { relaying, RELAY_SPAN } from './frames.js';

const mark = (n: number): { n: number } => ({ n });

test('frames: a reporting or quoting message relays; so do the speaker\'s next messages without a menace of their own', () => {
  assert.equal(relaying(new Set<Cue>(['reported', 'menace']), {}, 4), true, 'the quotation itself');
  assert.equal(relaying(new Set<Cue>(['weapon_access']), { reported: mark(2) }, 4), true, '"also mentions his uncle\'s gun" after a quotation');
  assert.equal(relaying(new Set<Cue>(['weapon_access', 'menace']), { reported: mark(2) }, 4), false, 'a menace of their own is theirs');
  assert.equal(relaying(new Set<Cue>(['weapon_access']), { reported: mark(0) }, 1 + RELAY_SPAN), false, 'too long after');
  assert.equal(relaying(new Set<Cue>(['weapon_access']), {}, 1), false, 'no report at all (early in the conversation)');
});

test('frames: drug deals are framed by medical and care talk (frames, not special cases in the derivation); one list of threat cues', async () => {
  const { FRAMES } = await import('./frames.js');
  const { THREAT_MARKS, STRONG_ANCHORS, REAL_ANCHORS, THREAT_CUES } = await import('./cues.js');
  for (const cue of ['medical', 'care', 'listing'] as const) assert.ok(FRAMES.some((f) => f.cue === cue && f.categories.includes('drug_trafficking')), cue);
  for (const c of [...THREAT_CUES.place, ...THREAT_CUES.means]) assert.ok(THREAT_MARKS.includes(c) && STRONG_ANCHORS.includes(c), c);
  assert.ok(REAL_ANCHORS.every((c) => STRONG_ANCHORS.includes(c)));
  assert.ok(!REAL_ANCHORS.includes('weapon'), 'a weapon word alone is not a real-world anchor in game talk');
});

test('frames (round 9): a quotation that holds elisions is still reported speech; a laugh frames a threat unless a weapon is named', async () => {
  const { cuesOf } = await import('./cues.js');
  const { FRAMES } = await import('./frames.js');
  assert.ok(cuesOf("she got this text: 'i know u finish at 6, i'll be outside, u can't hide'").has('reported'), 'elisions inside the quote');
  assert.ok(!cuesOf("i'll be there at 6, don't be late, i'm bringing it").has('reported'), 'elisions alone are not a quotation');
  assert.ok(cuesOf('je vais te défoncer demain 😂').has('laughing'));
  assert.ok(cuesOf("im gonna kill you lmao").has('laughing'));
  assert.ok(!cuesOf('je vais te défoncer demain').has('laughing'));
  const laugh = FRAMES.find((f) => f.cue === 'laughing');
  assert.ok(laugh && laugh.categories.includes('violent_threat') && laugh.window === 0 && laugh.unless?.includes('weapon'));
});

test('frames (round 9 review): dropped letters open no quotation; a laugh is lifted by anchors, menace, fate, helpers; 😅 is not a laugh', async () => {
  const { cuesOf } = await import('./cues.js');
  const { FRAMES } = await import('./frames.js');
  assert.ok(!cuesOf("wait 'til tonight, i'm gonna stab you after school, i'm comin' for you").has('reported'), "'til opens no quotation");
  assert.ok(!cuesOf("'cause i'm gonna kill you tomorrow after school and you can't do nothin'").has('reported'), "'cause opens no quotation");
  assert.ok(cuesOf("the one wi 'catch him slippin, leave him leakin'").has('reported'), 'a quoted lyric still is');
  assert.ok(!cuesOf('je le désosse 😅').has('laughing'), '😅 is awkward, not laughing');
  const laugh = FRAMES.find((f) => f.cue === 'laughing')!;
  for (const c of ['threat_anchor', 'whereabouts', 'school_time', 'weapon_access', 'menace', 'doom', 'outnumber', 'grievance'] as const) {
    assert.ok(laugh.unless?.includes(c), `a laugh does not frame a threat with ${c}`);
  }
});

test("frames: a quotation that a third person sent is reported speech, though 'sent' is said (a victim relays the stalker's text)", async () => {
  const { cuesOf } = await import('./cues.js');
  assert.ok(cuesOf("he sent 'i'll be outside your work at 6, you can't block me forever' im scared").has('reported'));
  assert.ok(cuesOf("mon ex m'a envoye 'je sais ou tu bosses, tu vas le regretter ce soir'").has('reported'));
  assert.ok(!cuesOf("i sent him 'you better pay me back by friday or else'").has('reported'), 'the speaker quoting what they sent');
});
