"""Pick the conversation windows to embed, from readable writer folders and the engine's verdicts on them.

usage: python3 windows.py OUT.jsonl VERDICT_DIR WRITER_DIR... [--per-writer-harm N] [--per-writer-benign N] [--seed S]
       python3 windows.py --stats VERDICT_DIR WRITER_DIR...  (messages, at flag, uncertain: the second stage's share)
  --missed-evidence 1: only the evidence windows of the (conversation, category) pairs the engine misses entirely, and
  the benign windows of --per-writer-benign benign conversations (harmful conversations with no miss are skipped).
  --only-uncertain 1: only the uncertain windows (for sets scored as counts only: run with --per-writer-harm and
  --per-writer-benign above the set's size to take every conversation; prints nothing but the window count).
  WRITER_DIR = a folder with messages.jsonl + labels.jsonl; VERDICT_DIR/<folder name>.jsonl = `vigie classify` on it.
Each line of OUT: one window (the last 5 messages ending at message `end`), the conversation's labels, and why
it was picked: pos:<cat> (ends at the category's evidentAt message or two messages later), pre (a harmful
conversation before its first evidentAt), benign (early, middle and last windows of a benign conversation),
uncertain (the engine's first flag-only verdict for a category in the conversation, see `uncertain_ends`).
A second file OUT.conv.jsonl holds, per sampled conversation, its labels, message count and the engine's
per-category outcome (hard = hold/block/escalation listing it, soft = any act listing it).
"""
import json
import os
import random
import sys

K = 5
HARD = ('hold', 'block')


def jl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def cats(v):
    return [c['category'] if isinstance(c, dict) else c for c in (v.get('categories') or [])]


def uncertain_ends(msgs, verdicts):
    """Messages where the engine raises a category at flag only, for the first time in the conversation
    and while that category is not already at hold/block: where a second stage would be asked."""
    seen = set()
    out = []
    for i, m in enumerate(msgs):
        v = verdicts.get(m['messageId'])
        if not v:
            continue
        hard = v['action'] in HARD or v.get('escalation')
        for c in cats(v):
            if c in seen:
                continue
            seen.add(c)
            if not hard and v['action'] == 'flag':
                out.append((i, c))
    return out


def stats(vdir, writers):
    """Over every conversation: messages, messages at flag only, and uncertain_ends (the second stage's calls)."""
    n = flag = unc = 0
    nb = flagb = uncb = 0
    for wdir in writers:
        benign = {l['conversationId'] for l in jl(os.path.join(wdir, 'labels.jsonl')) if not l['categories']}
        w = os.path.basename(os.path.normpath(wdir))
        verdicts = {v['messageId']: v for v in jl(os.path.join(vdir, w + '.jsonl'))}
        msgs_by = {}
        for m in jl(os.path.join(wdir, 'messages.jsonl')):
            msgs_by.setdefault(m['conversationId'], []).append(m)
        for cid, msgs in msgs_by.items():
            f = sum(1 for m in msgs if verdicts.get(m['messageId'], {}).get('action') == 'flag')
            u = len({j for j, _ in uncertain_ends(msgs, verdicts)})
            n, flag, unc = n + len(msgs), flag + f, unc + u
            if cid in benign:
                nb, flagb, uncb = nb + len(msgs), flagb + f, uncb + u
    print(f'{len(writers)} writers: {n} messages, {flag} at flag ({100 * flag / n:.2f}%), '
          f'{unc} uncertain (first flag-only of a category; {100 * unc / n:.2f}%); in benign conversations: '
          f'{nb} messages, {flagb} at flag ({100 * flagb / nb:.2f}%), {uncb} uncertain ({100 * uncb / nb:.2f}%)')


def main():
    args = sys.argv[1:]
    if args[0] == '--stats':
        return stats(args[1], args[2:])
    opts = {'--per-writer-harm': 24, '--per-writer-benign': 16, '--seed': 7, '--only-uncertain': 0, '--missed-evidence': 0}
    pos = []
    i = 0
    while i < len(args):
        if args[i] in opts:
            opts[args[i]] = int(args[i + 1])
            i += 2
        else:
            pos.append(args[i])
            i += 1
    out_path, vdir, writers = pos[0], pos[1], pos[2:]
    rnd = random.Random(opts['--seed'])
    n_win = 0
    with open(out_path, 'w', encoding='utf-8') as out, open(out_path + '.conv.jsonl', 'w', encoding='utf-8') as cout:
        for wdir in writers:
            w = os.path.basename(os.path.normpath(wdir))
            msgs_by = {}
            for m in jl(os.path.join(wdir, 'messages.jsonl')):
                msgs_by.setdefault(m['conversationId'], []).append(m)
            labels = jl(os.path.join(wdir, 'labels.jsonl'))
            verdicts = {v['messageId']: v for v in jl(os.path.join(vdir, w + '.jsonl'))}
            harm = [l for l in labels if l['categories']]
            benign = [l for l in labels if not l['categories']]
            rnd.shuffle(harm)
            rnd.shuffle(benign)
            chosen = harm[:opts['--per-writer-harm']] + benign[:opts['--per-writer-benign']]
            for lab in chosen:
                cid = lab['conversationId']
                msgs = msgs_by.get(cid, [])
                if not msgs:
                    continue
                index = {m['messageId']: j for j, m in enumerate(msgs)}
                ends = {}

                def add(j, why):
                    if 0 <= j < len(msgs):
                        ends.setdefault(j, set()).add(why)

                missed = set()
                if opts['--missed-evidence']:
                    acted = {c for m in msgs for c in cats(verdicts.get(m['messageId'], {}))
                             if verdicts.get(m['messageId'], {}).get('action', 'allow') != 'allow'
                             or verdicts.get(m['messageId'], {}).get('escalation')}
                    missed = {c for c in lab['categories'] if c not in acted}
                    if lab['categories'] and not missed:
                        continue
                if opts['--only-uncertain']:
                    pass
                elif opts['--missed-evidence'] and lab['categories']:
                    for c in missed:
                        e = index.get((lab.get('evidentAt') or {}).get(c))
                        if e is not None:
                            add(e, 'pos:' + c)
                            add(min(e + 2, len(msgs) - 1), 'pos:' + c)
                elif lab['categories']:
                    evident = [index[e] for e in (lab.get('evidentAt') or {}).values() if e in index]
                    for c in lab['categories']:
                        e = index.get((lab.get('evidentAt') or {}).get(c))
                        if e is None:
                            continue
                        add(e, 'pos:' + c)
                        add(min(e + 2, len(msgs) - 1), 'pos:' + c)
                    if evident and min(evident) >= 2:
                        add(rnd.randrange(1, min(evident)), 'pre')
                else:
                    n = len(msgs)
                    for j in sorted({min(3, n - 1), n // 2, n - 1}):
                        add(j, 'benign')
                if not opts['--missed-evidence']:
                    for j, c in uncertain_ends(msgs, verdicts):
                        add(j, 'uncertain:' + c)
                speakers = {}
                for j, why in sorted(ends.items()):
                    win = []
                    for m in msgs[max(0, j - K + 1):j + 1]:
                        s = speakers.setdefault(m['senderId'], 'AB'[len(speakers) % 2] if len(speakers) < 2 else 'C')
                        win.append(f"{s}: {m.get('text') or ''}")
                    speakers = {}
                    out.write(json.dumps({'id': msgs[j]['messageId'], 'writer': w, 'conv': cid, 'end': j,
                                          'why': sorted(why), 'messages': win}, ensure_ascii=False) + '\n')
                    n_win += 1
                outcome = {}
                for m in msgs:
                    v = verdicts.get(m['messageId'])
                    if not v:
                        continue
                    hard = v['action'] in HARD or bool(v.get('escalation'))
                    acts = v['action'] != 'allow' or bool(v.get('escalation'))
                    for c in cats(v):
                        o = outcome.setdefault(c, {'hard': False, 'soft': False})
                        o['hard'] |= hard
                        o['soft'] |= acts
                locale = msgs[0].get('locale')
                cout.write(json.dumps({'conv': cid, 'writer': w, 'categories': lab['categories'], 'locale': locale,
                                       'messages': len(msgs), 'engine': outcome,
                                       'anyHard': any(verdicts.get(m['messageId'], {}).get('action') in HARD
                                                      or verdicts.get(m['messageId'], {}).get('escalation') for m in msgs),
                                       'flagged': sum(1 for m in msgs if verdicts.get(m['messageId'], {}).get('action') == 'flag')},
                                      ensure_ascii=False) + '\n')
    print(f'{n_win} windows', file=sys.stderr)


if __name__ == '__main__':
    main()
