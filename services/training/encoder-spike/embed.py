"""Embed windows (from windows.py) with the converted encoder: mean-pooled last layer and pooled [CLS].

usage: python3 embed.py WINDOWS.jsonl MODEL_DIR OUT_PREFIX [--threads N] [--limit-seconds S]
  MODEL_DIR = convert.py's output (bert.pt, vocab.txt). Writes OUT_PREFIX.npz (ids, mean, pooled, tokens) and
  prints windows per second. Input ids: [CLS] + the last 127 tokens of "A: text [SEP] B: text [SEP] ..." (the most
  recent messages kept when the window is longer than 128 tokens). Resumable: windows already in OUT_PREFIX.npz
  are skipped.
"""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bert import Bert  # noqa: E402
from wordpiece import WordPiece  # noqa: E402

MAX = 128


def window_ids(tok, messages):
    ids = []
    for m in messages:
        ids.extend(tok.ids(m))
        ids.append(tok.sep)
    return [tok.cls] + ids[-(MAX - 1):]


def main():
    args = sys.argv[1:]
    threads = int(args[args.index('--threads') + 1]) if '--threads' in args else 2
    limit = float(args[args.index('--limit-seconds') + 1]) if '--limit-seconds' in args else 1e9
    wpath, mdir, out = args[0], args[1], args[2]
    torch.set_num_threads(threads)
    tok = WordPiece(os.path.join(mdir, 'vocab.txt'))
    model = Bert()
    model.load_state_dict(torch.load(os.path.join(mdir, 'bert.pt')))
    model.eval()
    done = {}
    if os.path.exists(out + '.npz'):
        z = np.load(out + '.npz')
        for k in range(len(z['ids'])):
            done[str(z['ids'][k])] = (z['mean'][k], z['pooled'][k], int(z['tokens'][k]))
    todo = []
    with open(wpath, encoding='utf-8') as f:
        for line in f:
            w = json.loads(line)
            if w['id'] not in done:
                todo.append((w['id'], window_ids(tok, w['messages']), w['conv']))
    # Whole conversations in a shuffled order, sorted by length inside chunks of about 48 windows: stopped at any
    # time, what is embedded is a random set of complete conversations.
    import random
    convs = sorted({x[2] for x in todo})
    random.Random(11).shuffle(convs)
    rank = {c: i for i, c in enumerate(convs)}
    todo.sort(key=lambda x: rank[x[2]])
    chunks, cur = [], []
    for x in todo:
        if len(cur) >= 48 and cur[-1][2] != x[2]:
            chunks.append(sorted(cur, key=lambda y: len(y[1])))
            cur = []
        cur.append(x)
    if cur:
        chunks.append(sorted(cur, key=lambda y: len(y[1])))
    todo = [x for c in chunks for x in c]
    print(f'{len(done)} already embedded, {len(todo)} to do', flush=True)
    t0 = time.time()
    n = 0
    batch = 8

    def save():
        keys = list(done)
        np.savez(out + '.npz', ids=np.array(keys), mean=np.stack([done[k][0] for k in keys]).astype(np.float16),
                 pooled=np.stack([done[k][1] for k in keys]).astype(np.float16),
                 tokens=np.array([done[k][2] for k in keys]))

    last_save = time.time()
    for b in range(0, len(todo), batch):
        chunk = todo[b:b + batch]
        L = max(len(x[1]) for x in chunk)
        ids = torch.zeros((len(chunk), L), dtype=torch.long)
        mask = torch.zeros((len(chunk), L), dtype=torch.long)
        for r, (_, x, _c) in enumerate(chunk):
            ids[r, :len(x)] = torch.tensor(x)
            mask[r, :len(x)] = 1
        with torch.no_grad():
            mean, pooled = model(ids, mask)
        for r, (k, x, _c) in enumerate(chunk):
            done[k] = (mean[r].numpy(), pooled[r].numpy(), len(x))
        n += len(chunk)
        if time.time() - last_save > 120:
            save()
            last_save = time.time()
            el = time.time() - t0
            print(f'{n}/{len(todo)} windows, {n / el:.1f}/s, mean tokens so far {np.mean([len(x[1]) for x in todo[:n]]):.0f}', flush=True)
        if time.time() - t0 > limit:
            print('time limit reached', flush=True)
            break
    save()
    el = time.time() - t0
    print(f'done: {n} windows in {el:.0f}s ({n / max(el, 1e-9):.1f}/s wall, {threads} threads)', flush=True)


if __name__ == '__main__':
    main()
