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
        from spacy.attrs import (DEP, ENT_TYPE, HEAD, IDX, IS_LOWER, IS_SPACE, IS_TITLE,
                                 IS_UPPER, LEMMA, LOWER, ORTH, POS, TAG)

        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def name(key: int) -> str:
            value = names.get(key)
            if value is None:
                value = names[key] = strings[key]
            return value

        rows = doc.to_array([LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IS_TITLE, IS_UPPER, IS_LOWER,
                             ORTH, IS_SPACE, LOWER, IDX])
        self.n = len(doc)
        self.text = [name(int(key)) for key in rows[:, 9]]
        self.space = [bool(flag) for flag in rows[:, 10]]
        # Character offset of each token in the text (Token.idx).
        self.idx = [int(offset) for offset in rows[:, 12]]
        self.lower = [name(int(key)) for key in rows[:, 11]]
        self.lemma = [name(int(key)).lower() for key in rows[:, 0]]
        self.pos = [name(int(key)) for key in rows[:, 1]]
        self.tag = [name(int(key)) for key in rows[:, 2]]
        self.dep = [name(int(key)) for key in rows[:, 3]]
        self.head = [i + int(offset) for i, offset in enumerate(rows[:, 4].astype("int64"))]
        self.ent = [name(int(key)) if key else "" for key in rows[:, 5]]
        self.shape = ["T" if title else "U" if upper else "l" if lower else "o"
                      for title, upper, lower in rows[:, 6:9].tolist()]
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
