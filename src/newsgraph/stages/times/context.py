"""What the normalizers may ask about the document: its publication date, the tense
around an expression (from the parse), a word's part of speech, and the quarter it last
named (financial news counts "the quarter", "a year earlier" from it)."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from ..anchoring import time_verb
from .calendar import FUTURE, PAST, PRESENT

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll", "would"}  # "said he would go Monday"
_TIME_PREPOSITIONS = {"in", "since", "by", "until", "till", "of", "from", "to", "before",
                      "after", "during", "through", "fiscal", "and", "or", "early", "late",
                      "mid", "around", "between", "as"}
_FORWARD = ("until", "till", "as soon as", "as early as", "no later than", "starting",
            "beginning", "effective", "payable", "due")
_INTENT = {"plan", "schedule", "expect", "hope", "intend", "want", "prepare", "agree", "vow",
           "promise", "aim", "set", "due", "ready", "likely", "go", "seek", "decide", "try",
           "threaten", "be", "propose", "slate"}
_PLANNED = {"schedule", "slate", "plan", "expect", "propose", "set", "due"}
_SCHEDULE = {"schedule", "slate", "plan"}  # their time is that of what is planned
_DETERMINERS = {"the", "its", "their", "his", "her", "our", "this", "that"}
_NAME_TYPES = {"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "PERSON", "NORP", "GPE", "EVENT", "LAW"}
_NOT_INTENDED = {"nsubj", "nsubjpass", "csubj", "csubjpass", "relcl"}
_RATE_WORDS = {"%", "percent", "times", "twice", "once", "cents", "dollars"}


class Context:
    def __init__(self, text: str, anchor: date | None, tokens):
        self.text = text
        self.anchor = anchor
        self.tokens = tokens
        self.last_quarter: str | None = None
        # The temporal focus (TimeML 1.2.1, 2.2.3: a relative expression is anchored to
        # the document creation time or to another time of the text): the value of the
        # last date or time named, which "the following year" and "that day" count from.
        self.focus: str | None = None
        self._focus_at = 0  # where the focus was named
        self._tense: dict[int, str] = {}

    def note(self, value: str, char: int) -> None:
        """A calendar value just found at `char` becomes the focus ("1995-05-22")."""
        if value[:4].isdigit():
            self.focus, self._focus_at = value, char

    def note_quarter(self, value: str, char: int) -> None:
        """A quarter named becomes the one financial news compares with ("a year ago",
        "the year-ago period") unless it is named as one to come: results are reported
        for closed quarters, while a forecast names a coming one ("will result in a
        fourth-quarter charge", "expect losses through the third quarter of 1990"). A
        fiscal quarter may be over before its calendar namesake ("reported a decline in
        fourth-quarter earnings" in November), so the tense decides, not the calendar alone."""
        if self.anchor is not None and value[:4].isdigit() and self.tense(char) == FUTURE \
                and value >= f"{self.anchor.year}-Q{(self.anchor.month - 1) // 3 + 1}":
            return
        self.last_quarter = value

    def focus_day(self, char: int, near: bool = True) -> str:
        """The day in focus if it was named in this sentence or the one before, and the
        tense allows it ("He was killed on Oct. 23. He was shot at 10 p.m."), else "": a
        clock time further on is more likely the day of publication, and so is one that
        opens a paragraph (a live blog's "4:30 p.m." heading). `near=False` drops the
        distance limit, for words that name their reference day ("the previous Friday")."""
        day = (self.focus or "")[:10]
        if not (len(day) == 10 and day[4] == "-" and day[8:].isdigit()):
            return ""
        between = self.text[self._focus_at:char]
        if near and "\n\n" in between and _opens_paragraph(between):
            return ""
        if near and self.tokens.n and self.tokens.sentence[self.token(char)] - \
                self.tokens.sentence[self.token(self._focus_at)] > 1:
            return ""
        if self.anchor is not None:  # nor against the tense: "will leave at 4" after "yesterday"
            tense, anchor = self.tense(char), self.anchor.isoformat()
            if tense == FUTURE and day < anchor or tense == PAST and day > anchor:
                return ""
        return day

    def token(self, char: int) -> int:
        return max(0, bisect_right(self.tokens.idx, char) - 1)

    def tense(self, char: int) -> str:
        """past, present or future: the tense of the verb that governs the expression."""
        if self.tokens.n == 0:
            return PRESENT
        verb = self._governor(self.token(char))
        cached = self._tense.get(verb)
        if cached is None:
            cached = self._tense[verb] = self._verb_tense(verb)
        return cached

    def _governor(self, i: int) -> int:
        return time_verb(self.tokens, i)

    def _verb_tense(self, verb: int, depth: int = 0) -> str:
        view = self.tokens
        helpers = [k for k in view.children[verb] if view.dep[k] in ("aux", "auxpass")]
        words = {view.lower[k] for k in helpers}
        if words & _FUTURE_AUX or "going" in words or view.lower[verb] in _FUTURE_AUX:
            return FUTURE
        if "had" in words:
            return PAST  # "had been scheduled to expire Friday": a plan the past overtook
        if depth and view.lemma[verb] in _INTENT:
            return FUTURE  # "planned to leave Thursday", "if she were to win in November"
        if view.lemma[verb] in _SCHEDULE:
            return FUTURE  # "has scheduled a news conference Thursday"
        if view.tag[verb] == "VBD" or any(view.tag[k] == "VBD" for k in helpers):
            return PAST
        if view.tag[verb] == "VBN" and any(view.lemma[k] == "have" for k in helpers):
            return PAST
        if view.tag[verb] == "VBN" and not helpers:
            # a bare participle: "the quarter ended Sept. 30", "a record set on Aug. 6"
            return FUTURE if self._planned(verb) else PAST
        head = view.head[verb]
        if "to" in words and head != verb and depth < 3:
            # "extended their offers to acquire ... Friday": the governing verb's tense;
            # an intent where the infinitive completes a verb or noun ("planned to leave",
            # "a program to pay down debt by February"), not where it is the subject or
            # a relative ("To join on Friday was a relief", "the first team to reach the
            # summit on Friday was")
            if view.dep[verb] in _NOT_INTENDED:
                return self._verb_tense(self._governor(head), 0)
            return self._verb_tense(self._governor(head), depth + 1)
        return PRESENT

    def _planned(self, verb: int) -> bool:
        """A participle that puts its time ahead ("due Friday", "a vote scheduled for
        May"); "set" only when it sets something for a time or to happen ("a vote set
        for May", "set to expire"), not where it names the act ("a record set on Aug. 6")."""
        view = self.tokens
        if view.lemma[verb] != "set":
            return view.lemma[verb] in _PLANNED
        return any(view.lower[k] == "for" or view.dep[k] == "xcomp" for k in view.children[verb])

    def forward_looking(self, char: int) -> bool:
        """ "until Tuesday", "as soon as Tuesday": a deadline or an earliest date lies
        ahead of the time of writing whatever the tense, unless the past perfect put it
        behind ("Until Thursday, they had not called him a suspect")."""
        return self.preceded_by(char, _FORWARD) and not self._past_perfect(char)

    def _past_perfect(self, char: int) -> bool:
        view = self.tokens
        if view.n == 0:
            return False
        verb = self._governor(self.token(char))
        return any(view.lower[k] == "had" for k in view.children[verb]
                   if view.dep[k] in ("aux", "auxpass"))

    def in_name(self, char: int) -> bool:
        """The word belongs to a named entity other than a date ("USA Today")."""
        if self.tokens.n == 0:
            return False
        return self.tokens.ent[self.token(char)] in _NAME_TYPES

    def is_proper_noun(self, char: int) -> bool:
        return self.tokens.n > 0 and self.tokens.tag[self.token(char)] == "NNP"

    def is_adjective(self, char: int) -> bool:
        return self.tokens.n > 0 and self.tokens.pos[self.token(char)] == "ADJ"

    def year_like(self, start: int, end: int) -> bool:
        """A four-digit number is a year unless the parse says it counts something
        ("2000 troops") or is money."""
        view = self.tokens
        if view.n == 0:
            return True
        i = self.token(start)
        if view.ent[i] in ("MONEY", "QUANTITY", "PERCENT"):
            return False
        following = i + 1
        while following < view.n and view.idx[following] < end:
            following += 1
        if following < view.n and view.tag[following] == "NNS":
            # "in 1992 elections", "the 1992 protests" (a count takes no article before
            # a year-like number: "the 2,000 troops" is written with its comma)
            before = view.lower[i - 1] if i > 0 else ""
            return before in _TIME_PREPOSITIONS or before in _DETERMINERS
        return True

    def counts_a_noun(self, end: int) -> bool:
        """The number ending at `end` counts the noun after it ("30 units", "5 percent")."""
        view = self.tokens
        i = self.token(end)
        if i < view.n and view.idx[i] < end:
            i += 1
        return i < view.n and (view.tag[i] in ("NN", "NNS") or view.lower[i] in _RATE_WORDS)

    def verb_follows(self, char: int) -> bool:
        """The word after `char` is a verb ("will one day be")."""
        view = self.tokens
        i = self.token(char)
        if i < view.n and view.idx[i] < char:
            i += 1
        return i < view.n and view.pos[i] in ("VERB", "AUX")

    def after_rate_word(self, char: int) -> bool:
        """True after a number or amount: "$5 a year", "three times a week", "80 miles
        per hour"."""
        view = self.tokens
        i = self.token(char) - 1
        for j in (i, i - 1):
            if j < 0:
                return False
            if view.pos[j] == "NUM" or view.lower[j] in _RATE_WORDS or view.text[j][-1:].isdigit():
                return True
            if view.pos[j] not in ("NOUN", "PROPN", "ADJ"):
                return False
        return False

    def preceded_by(self, char: int, phrases: tuple[str, ...]) -> bool:
        before = " ".join(self.text[max(0, char - 24):char].lower().split())
        return before.endswith(phrases)


def _opens_paragraph(before: str) -> bool:
    """The expression after `before` is among the first words of its paragraph."""
    return len(before[before.rindex("\n\n"):].split()) <= 2
