/**
 * Prints normalise() throughput and rule-matching times (figures, not assertions).
 *   node dist/services/bench/bench-rules.js [--dir rules] [--messages FILE.jsonl] [--cap 16384]
 * Uses the dev messages when present, else built-in samples; then 1 MB hostile messages.
 */
import { readFileSync, existsSync } from 'node:fs';
import { normalise } from '../engine/normalise.js';
import { loadRuleSet } from '../engine/rules/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => { const i = args.indexOf(`--${name}`); return i >= 0 && args[i + 1] ? args[i + 1]! : dflt; };
const dir = opt('dir', 'rules');
const msgFile = opt('messages', 'eval/dev/messages.jsonl');

const SAMPLES = [
  "t'as quel âge ? moi jai 14a", 'add me on sn@p: cool_guy99', 'rdv 18h devant le lycée, dis rien à tes parents', 'lol gg wp',
  'vends beuh 10 le g livraison 7/7 🍃', 'i know where u live', 'on se fait un ciné mercredi ?', 'send pics rn 📸', 'zero six 12 34 56 78', 'ok merci !',
];
const texts = existsSync(msgFile)
  ? readFileSync(msgFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text)
  : SAMPLES;

const t0 = performance.now();
const rs = await loadRuleSet(dir);
console.log(`rules: ${rs.rules.length} rules, version ${rs.version}, loaded+compiled in ${(performance.now() - t0).toFixed(0)} ms`);

/** CPU time of this process in ms (the machine may be shared: wall time then overstates the cost). */
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const N = 200_000;
for (let i = 0; i < 20_000; i++) normalise(texts[i % texts.length]!); // warm-up
let t = performance.now();
let c = cpu();
let tokens = 0;
for (let i = 0; i < N; i++) tokens += normalise(texts[i % texts.length]!).tokens.length;
let ms = performance.now() - t;
let cms = cpu() - c;
const rate = (n: number, millis: number) => Math.round(n / (millis / 1000)).toLocaleString('en');
console.log(`normalise: ${N} messages (${texts.length} distinct, ${(tokens / N).toFixed(1)} tokens avg) in ${ms.toFixed(0)} ms wall / ${cms.toFixed(0)} ms CPU`
  + ` = ${rate(N, ms)} msgs/s wall, ${rate(N, cms)} msgs/s CPU`);

const norms = texts.map(normalise);
for (let i = 0; i < 20_000; i++) rs.match(norms[i % norms.length]!);
t = performance.now();
c = cpu();
let hits = 0;
for (let i = 0; i < N; i++) hits += rs.match(norms[i % norms.length]!).length;
ms = performance.now() - t;
cms = cpu() - c;
console.log(`match: ${N} normalised messages in ${ms.toFixed(0)} ms wall / ${cms.toFixed(0)} ms CPU = ${rate(N, cms)} msgs/s CPU (${(hits / N).toFixed(2)} hits avg)`);

const MB = 1 << 20;
const rep = (u: string) => u.repeat(Math.ceil(MB / u.length)).slice(0, MB);
const hostile: [string, string][] = [
  ['a a a a ...', rep('a ')], ['s.n.a.p repeated', rep('s.n.a.p ')], ['emoji 🍃❄️💊 repeated', rep('🍃❄️💊')],
  ['"je vais te " near-misses', rep('je vais te ')], ['threat + game context repeated', rep('je vais te tuer 1v1 ')],
  ['digits "0 6 1 2 "', rep('0 6 1 2 ')], ['one 1 MB word', rep('x')], ['"je ai " repeated', rep('je ai ')],
];
for (const [name, text] of hostile) {
  c = cpu();
  const norm = normalise(text);
  const tn = cpu() - c;
  t = performance.now();
  c = cpu();
  const h = rs.match(norm);
  const tm = cpu() - c;
  const wm = performance.now() - t;
  const times = `normalise ${tn.toFixed(0).padStart(5)} ms CPU, match ${tm.toFixed(0).padStart(5)} ms CPU (${wm.toFixed(0)} ms wall)`;
  console.log(`hostile 1 MB ${name.padEnd(34)} ${times}, ${norm.tokens.length} tokens, ${h.length} hits`);
}
// The engine scores at most rulesMaxChars (default 16384) characters of a message: the cost of a 1 MB message there.
const CAP = Number(opt('cap', '16384'));
for (const [name, text] of hostile) {
  c = cpu();
  const norm = normalise(text.slice(0, CAP));
  const h = rs.match(norm);
  const te = cpu() - c;
  console.log(`engine path (first ${CAP} chars) ${name.padEnd(34)} normalise+match ${te.toFixed(1).padStart(6)} ms CPU, ${norm.tokens.length} tokens, ${h.length} hits`);
}
