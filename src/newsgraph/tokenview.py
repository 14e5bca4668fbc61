"""The parse as plain Python lists, built once per document and shared by the stages.

spaCy builds a new Token object on every index, iteration, head and children access;
stages that scan every token read these lists instead.
"""

from __future__ import annotations


class TokenView:
    """The per-token values the features read, taken from the Doc once as plain lists:
    spaCy builds a new Token object on every index, head and children access, which
    cost more than the rest of the stage together."""

    def __init__(self, doc):
        from spacy.attrs import (DEP, ENT_TYPE, HEAD, IDX, IS_LOWER, IS_PUNCT, IS_SPACE,
                                 IS_TITLE, IS_UPPER, LEMMA, LOWER, ORTH, POS, TAG)

        strings = doc.vocab.strings
        names: dict[int, str] = {0: ""}

        def named(keys: list[int]) -> list[str]:
            found = []
            for key in keys:
                value = names.get(key)
                if value is None:
                    value = names[key] = strings[key]
                found.append(value)
            return found

        rows = doc.to_array([LEMMA, POS, TAG, DEP, ENT_TYPE, ORTH, LOWER, HEAD, IDX, IS_SPACE,
                             IS_TITLE, IS_UPPER, IS_LOWER, IS_PUNCT])
        self.n = len(doc)
        # Whole columns to Python ints at once: per-element numpy scalars cost a third more.
        lemma, pos, tag, dep, ent, orth, lower = rows[:, :7].T.tolist()
        self.text = named(orth)
        self.space = [flag == 1 for flag in rows[:, 9].tolist()]
        self.punct = [flag == 1 for flag in rows[:, 13].tolist()]
        # Character offset of each token in the text (Token.idx).
        self.idx = rows[:, 8].tolist()
        self.lower = named(lower)
        self.lemma = [word.lower() for word in named(lemma)]
        self.pos = named(pos)
        self.tag = named(tag)
        self.dep = named(dep)
        self.head = [i + offset for i, offset in enumerate(rows[:, 7].astype("int64").tolist())]
        self.ent = named(ent)  # "" where no entity (key 0)
        self.shape = ["T" if title else "U" if upper else "l" if lower else "o"
                      for title, upper, lower in rows[:, 10:13].tolist()]
        self.sent_start = [False] * self.n
        self.sentences = []
        self.sentence = [0] * self.n  # token -> sentence number
        for number, sent in enumerate(doc.sents):
            self.sentences.append((sent.start, sent.end))
            self.sent_start[sent.start] = True
            self.sentence[sent.start:sent.end] = [number] * (sent.end - sent.start)
        self.paragraph = []  # token -> paragraph number (a newline token ends one)
        current = 0
        for text, space in zip(self.text, self.space):
            self.paragraph.append(current)
            if space and "\n" in text:
                current += 1
        self.children: list[list[int]] = [[] for _ in range(self.n)]
        for i, head in enumerate(self.head):
            if head != i:
                self.children[head].append(i)
