"""Per-category heads on frozen encoder embeddings, cross-validated by writer, and the second-stage count.

usage: python3 heads.py --emb PREFIX [--emb PREFIX...] --windows W.jsonl [--windows ...] [--folds 5] [--benign-budget 0.02]
                        [--C 0.5] [--messages-total N --uncertain-total M]
  PREFIX = embed-onnx.mjs output (PREFIX.ids.txt, PREFIX.f32); W.jsonl = windows.py output (W.jsonl.conv.jsonl beside).
Only conversations whose windows are all embedded are used.

Per category c, a logistic regression (standardised features, balanced classes) on: positives = windows picked as
pos:c (the evidentAt window and two messages later); negatives = benign windows, windows before a harmful
conversation's first evidentAt, windows of conversations without c. GroupKFold by writer: no writer in both train and
test. Prints out-of-fold AUC per category, then the second-stage count on the out-of-fold conversations:
 (a) the head on every embedded window of a conversation;
 (b) the head only on the engine's uncertain windows (first flag-only verdict of a category in the conversation).
A category's threshold is the same benign-conversation quantile for every category, the largest quantile at which the
conversations newly raised among the benign ones (no hold/block/escalation from the engine) stay within the budget.
"""
import argparse
import collections
import json
import re

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler


def load(emb, windows):
    vecs = {}
    for p in emb:
        ids = open(p + '.ids.txt', encoding='utf-8').read().split('\n')[:-1]
        arr = np.fromfile(p + '.f32', dtype=np.float32).reshape(-1, 768)
        for i, k in enumerate(ids[:len(arr)]):
            vecs[k] = arr[i]
    wins, convs, seen = [], {}, set()
    for w in windows:
        for line in open(w, encoding='utf-8'):
            win = json.loads(line)
            if win['id'] not in seen:  # window files may overlap (a larger sample of the same writers)
                seen.add(win['id'])
                wins.append(win)
        for line in open(w + '.conv.jsonl', encoding='utf-8'):
            c = json.loads(line)
            convs[c['conv']] = c
    by_conv = collections.defaultdict(list)
    for w in wins:
        by_conv[w['conv']].append(w)
    complete = {c for c in convs if all(w['id'] in vecs for w in by_conv.get(c, []))}  # none picked: complete
    wins = [w for w in wins if w['conv'] in complete]
    convs = {c: v for c, v in convs.items() if c in complete}
    X = np.stack([vecs[w['id']] for w in wins]) if wins else np.zeros((0, 768))
    return wins, convs, X


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emb', action='append', required=True)
    ap.add_argument('--windows', action='append', required=True)
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--benign-budget', type=float, default=0.02)
    ap.add_argument('--C', type=float, default=0.5)
    ap.add_argument('--messages-total', type=int, default=0)
    ap.add_argument('--uncertain-total', type=int, default=0)
    ap.add_argument('--subset', action='append', default=[],
                    help='NAME=REGEX: repeat the counts on the conversations of the writers matching REGEX')
    ap.add_argument('--fresh-emb', action='append', default=[])
    ap.add_argument('--fresh-thresholds', choices=['a', 'b'], default='b',
                    help='a: thresholds of the head on every window (for windows.py --missed-evidence files)')
    ap.add_argument('--fresh-windows', action='append', default=[],
                    help='windows.py --only-uncertain output of sets scored as counts only: heads trained on every readable '
                         'window, thresholds of (b) chosen on all folds, counts per set (no text is printed)')
    args = ap.parse_args()
    wins, convs, X = load(args.emb, args.windows)
    cats = sorted({c for v in convs.values() for c in v['categories']})
    writers = np.array([w['writer'] for w in wins])
    n_benign = sum(1 for v in convs.values() if not v['categories'])
    print(f'{len(convs)} complete conversations ({n_benign} benign) of {len(set(writers))} writers, {len(wins)} windows')
    langs = collections.Counter(v['locale'] for v in convs.values())
    print('locales:', dict(langs))

    def label(w, c):
        conv = convs[w['conv']]
        why = w['why']
        if 'pos:' + c in why:
            return 1
        if c not in conv['categories'] or 'pre' in why:
            return 0
        return None  # a window of a conversation labelled c, not picked as c's evidence: left out of c's training

    Y = {c: np.array([(-1 if label(w, c) is None else label(w, c)) for w in wins]) for c in cats}
    train_mask = np.array([any(k.startswith('pos:') or k in ('pre', 'benign') for k in w['why']) for w in wins])
    oof = {c: np.zeros(len(wins)) for c in cats}
    gkf = GroupKFold(n_splits=args.folds)
    fold = np.zeros(len(wins), int)
    for f, (tr, te) in enumerate(gkf.split(X, groups=writers)):
        fold[te] = f
        tr = tr[train_mask[tr]]
        sc = StandardScaler().fit(X[tr])
        Xtr, Xte = sc.transform(X[tr]), sc.transform(X[te])
        for c in cats:
            y = Y[c][tr]
            keep = y >= 0
            clf = LogisticRegression(C=args.C, class_weight='balanced', max_iter=2000)
            clf.fit(Xtr[keep], y[keep])
            oof[c][te] = clf.predict_proba(Xte)[:, 1]
    print('\nout-of-fold window AUC per category (positives / negatives):')
    for c in cats:
        m = train_mask & (Y[c] >= 0)
        y = Y[c][m]
        print(f'  {c:26s} {roc_auc_score(y, oof[c][m]):.3f}  ({int(y.sum())} / {int((1 - y).sum())})')

    conv_ids = sorted(convs)
    conv_index = {c: i for i, c in enumerate(conv_ids)}
    benign = np.array([not convs[c]['categories'] for c in conv_ids])
    engine_any_hard = np.array([bool(convs[c]['anyHard']) for c in conv_ids])
    conv_fold = np.zeros(len(conv_ids), int)
    for i, w in enumerate(wins):
        conv_fold[conv_index[w['conv']]] = fold[i]

    def conv_max(window_filter):
        M = {c: np.full(len(conv_ids), -1.0) for c in cats}
        for i, w in enumerate(wins):
            if not window_filter(w):
                continue
            j = conv_index[w['conv']]
            for c in cats:
                M[c][j] = max(M[c][j], oof[c][i])
        return M

    def thresholds(M, pool):
        # the same benign quantile for every category, the largest whose newly raised benign conversations of the
        # pool fit the budget
        bp = benign & pool
        best = {c: 1.01 for c in cats}
        for q in np.linspace(0.0, 0.2, 201):
            th = {c: (np.quantile(M[c][bp], 1 - q) if bp.any() else 1.01) for c in cats}
            raised = np.zeros(len(conv_ids), bool)
            for c in cats:
                raised |= M[c] > th[c]
            if int((raised & bp & ~engine_any_hard).sum()) <= args.benign_budget * bp.sum():
                best = th
        return best

    def count(M, name, subset=None):
        # Thresholds for the conversations of a fold are chosen on the other folds' benign conversations only.
        th = thresholds(M, np.ones(len(conv_ids), bool))
        TH = {c: np.zeros(len(conv_ids)) for c in cats}
        for f in set(conv_fold.tolist()):
            thf = thresholds(M, conv_fold != f)
            for c in cats:
                TH[c][conv_fold == f] = thf[c]
        raised_any = np.any([M[c] > TH[c] for c in cats], axis=0)
        if subset:
            sname, rx = subset.split('=', 1)
            keep = np.array([bool(re.fullmatch(rx, convs[c]['writer'])) for c in conv_ids])
            name += f' [{sname}: {int(keep.sum())} conversations, {int((keep & benign).sum())} benign]'
        else:
            keep = np.ones(len(conv_ids), bool)
        bsum = int((keep & benign).sum())
        added = int((keep & benign & ~engine_any_hard & raised_any).sum())
        print(f'\n{name}: thresholds chosen on all folds (shown; each fold uses those of the other folds) '
              + ', '.join(f'{c[:8]} {th[c]:.2f}' for c in cats))
        print(f'  benign conversations newly raised by the head: {added} of {bsum} ({100 * added / max(bsum, 1):.1f}%); '
              f'already raised by the engine: {int((keep & benign & engine_any_hard).sum())}')
        rows = collections.defaultdict(lambda: collections.Counter())
        for c in cats:
            for j, cid in enumerate(conv_ids):
                conv = convs[cid]
                if c not in conv['categories'] or not keep[j]:
                    continue
                loc = conv['locale'] or '?'
                eng = conv['engine'].get(c, {})
                for key in (c, 'all', 'all/' + loc):
                    r = rows[key]
                    r['pairs'] += 1
                    r['engine_hard'] += bool(eng.get('hard'))
                    r['engine_soft'] += bool(eng.get('soft'))
                    head = M[c][j] > TH[c][j]
                    r['head'] += head
                    r['gain_hard'] += head and not eng.get('hard')
                    r['gain_missed'] += head and not eng.get('soft')
                    r['not_hard'] += not eng.get('hard')
                    r['missed'] += not eng.get('soft')
        print(f'  {"":26s} pairs | engine hold/block | engine any act | head alone | head raises, engine not at hold/block | head raises, engine missed entirely')
        for key in cats + ['all', 'all/fr', 'all/en']:
            r = rows[key]
            if not r['pairs']:
                continue
            print(f'  {key:26s} {r["pairs"]:5d} | {r["engine_hard"]:5d} | {r["engine_soft"]:5d} | {r["head"]:5d} | '
                  f'{r["gain_hard"]:3d} of {r["not_hard"]:3d} | {r["gain_missed"]:3d} of {r["missed"]:3d}')
        wrong = 0
        for j, cid in enumerate(conv_ids):
            conv = convs[cid]
            if conv['categories'] and keep[j]:
                wrong += sum(1 for c in cats if c not in conv['categories'] and M[c][j] > TH[c][j] and not conv['engine'].get(c, {}).get('hard'))
        print(f'  head raises a category not labelled, in harmful conversations (engine not at hold/block for it): {wrong}')

    for sub in [None] + args.subset:
        count(conv_max(lambda w: True), '(a) head on every embedded window', sub)
    unc = [w for w in wins if any(k.startswith('uncertain:') for k in w['why'])]
    print(f'\nuncertain windows in these conversations: {len(unc)}; messages in them: {sum(v["messages"] for v in convs.values())}')
    if args.messages_total:
        print(f'uncertain messages over all the readable writers: {args.uncertain_total} of {args.messages_total} '
              f'({100 * args.uncertain_total / args.messages_total:.2f}%)')
    M_a = conv_max(lambda w: True)
    M_b = conv_max(lambda w: any(k.startswith('uncertain:') for k in w['why']))
    for sub in [None] + args.subset:
        count(M_b, '(b) head only on uncertain windows', sub)
    if args.fresh_windows:
        fresh_counts(args, wins, convs, X, Y, train_mask, cats, M_a if args.fresh_thresholds == 'a' else M_b, thresholds, conv_ids)




def fresh_counts(args, wins, convs, X, Y, train_mask, cats, M_b, thresholds, conv_ids):
    """Heads on all readable training windows, applied to the uncertain windows of sets read as counts only."""
    sc = StandardScaler().fit(X[train_mask])
    Xt = sc.transform(X[train_mask])
    final = {}
    for c in cats:
        y = Y[c][train_mask]
        keep = y >= 0
        final[c] = LogisticRegression(C=args.C, class_weight='balanced', max_iter=2000).fit(Xt[keep], y[keep])
    th = thresholds(M_b, np.ones(len(conv_ids), bool))
    fw, fconvs, FX = load(args.fresh_emb, args.fresh_windows)
    FS = {c: final[c].predict_proba(sc.transform(FX))[:, 1] if len(fw) else np.zeros(0) for c in cats}
    head = collections.defaultdict(set)  # conv -> categories the head raises on one of its uncertain windows
    for i, w in enumerate(fw):
        for c in cats:
            if FS[c][i] > th[c]:
                head[w['conv']].add(c)
    print(f'\nsets read as counts only: the head on the windows given (thresholds of ({args.fresh_thresholds}), all folds)')
    print('set | conversations (benign) | uncertain windows / messages | benign: engine hard, head adds | pairs: engine hold/block, '
          'engine any act, head raises where engine not at hold/block (of), head raises where engine missed (of) | head raises a category not labelled')
    tot = collections.Counter()
    for s in sorted({v['writer'] for v in fconvs.values()}):
        cs = [v for v in fconvs.values() if v['writer'] == s]
        r = collections.Counter()
        r['conv'] = len(cs)
        r['unc'] = sum(1 for w in fw if fconvs[w['conv']]['writer'] == s)
        r['msgs'] = sum(v['messages'] for v in cs)
        for v in cs:
            if not v['categories']:
                r['benign'] += 1
                r['b_hard'] += bool(v['anyHard'])
                r['b_add'] += bool(head[v['conv']]) and not v['anyHard']
                continue
            for c in v['categories']:
                e = v['engine'].get(c, {})
                for k in ('', '/' + (v['locale'] or '?')):
                    r['pairs' + k] += 1
                    r['hard' + k] += bool(e.get('hard'))
                    r['soft' + k] += bool(e.get('soft'))
                    r['nothard' + k] += not e.get('hard')
                    r['missed' + k] += not e.get('soft')
                    r['gain' + k] += c in head[v['conv']] and not e.get('hard')
                    r['gainmiss' + k] += c in head[v['conv']] and not e.get('soft')
            r['wrong'] += sum(1 for c in head[v['conv']] if c not in v['categories'] and not v['engine'].get(c, {}).get('hard'))
        tot.update(r)
        print(f"{s} | {r['conv']} ({r['benign']}) | {r['unc']} / {r['msgs']} | {r['b_hard']}, +{r['b_add']} | {r['pairs']}: {r['hard']}, {r['soft']}, "
              f"{r['gain']} of {r['nothard']}, {r['gainmiss']} of {r['missed']} | {r['wrong']}")
    r = tot
    print(f"total | {r['conv']} ({r['benign']}) | {r['unc']} / {r['msgs']} | {r['b_hard']}, +{r['b_add']} | {r['pairs']}: {r['hard']}, {r['soft']}, "
          f"{r['gain']} of {r['nothard']}, {r['gainmiss']} of {r['missed']} | {r['wrong']}")
    for loc in ('fr', 'en'):
        print(f"  {loc}: pairs {r['pairs/' + loc]}: engine hold/block {r['hard/' + loc]}, any act {r['soft/' + loc]}, head raises where not at "
              f"hold/block {r['gain/' + loc]} of {r['nothard/' + loc]}, where missed {r['gainmiss/' + loc]} of {r['missed/' + loc]}")


if __name__ == '__main__':
    main()
