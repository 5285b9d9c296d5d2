"""BERT tokenizer as cased multilingual BERT uses it: basic tokenizer (clean text, split CJK characters,
whitespace, punctuation; no lower-casing, no accent stripping), then greedy longest-match WordPiece."""
import unicodedata


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith('P')


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokens(text):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in '\t\n\r' or ch == ' ' or cat == 'Zs':
            out.append(' ')
        elif cat in ('Cc', 'Cf'):
            continue
        elif is_cjk(cp):
            out.append(f' {ch} ')
        else:
            out.append(ch)
    tokens = []
    for word in ''.join(out).split():
        cur = ''
        for ch in word:
            if is_punct(ch):
                if cur:
                    tokens.append(cur)
                    cur = ''
                tokens.append(ch)
            else:
                cur += ch
        if cur:
            tokens.append(cur)
    return tokens


class WordPiece:
    def __init__(self, vocab_path):
        self.vocab = {}
        with open(vocab_path, encoding='utf-8') as f:
            for i, line in enumerate(f):
                self.vocab[line.rstrip('\n')] = i
        self.unk = self.vocab['[UNK]']
        self.cls = self.vocab['[CLS]']
        self.sep = self.vocab['[SEP]']
        self.inv = {i: t for t, i in self.vocab.items()}

    def word_ids(self, word):
        if len(word) > 100:
            return [self.unk]
        ids = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else '##' + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def ids(self, text):
        out = []
        for w in basic_tokens(text):
            out.extend(self.word_ids(w))
        return out
