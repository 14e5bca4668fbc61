"""Rules that finish what the tagger leaves half done.

The tagger learned PolNeAR's conventions, in which every token belongs to at most one
attribution. A product needs nested claims too: in "The US is planning a withdrawal,
according to reports" the whole clause is what the reports say, even though "is
planning" is an attribution of its own. These rules give content to cues that have
none, keep the cue to the words of saying, and cut a quotation split around inserted
words into its quoted pieces.
"""

from __future__ import annotations

from .assemble import Attribution, covered_tokens
from .tagger import TaggedSpan

_EDGE_PUNCT = {",", ".", ";", ":", "—", "–", "-", "(", ")"}
_TIME_ENTS = {"DATE", "TIME"}


def trim_cue(doc, attribution: Attribution) -> None:
    """'tweeted Wednesday morning' -> 'tweeted'; 'said:' -> 'said'. The time of saying is
    the claim's time, not its cue."""
    cue = attribution.cue
    start, end = cue.start, cue.end
    while end - start > 1 and (doc[end - 1].ent_type_ in _TIME_ENTS or doc[end - 1].text == ":"):
        end -= 1
    while end - start > 1 and doc[start].ent_type_ in _TIME_ENTS:
        start += 1
    if (start, end) != (cue.start, cue.end):
        attribution.cue = TaggedSpan("CUE", start, end)


def _contiguous_runs(indices) -> list[list[int]]:
    runs, current = [], []
    for i in sorted(indices):
        if current and i != current[-1] + 1:
            runs.append(current)
            current = []
        current.append(i)
    if current:
        runs.append(current)
    return runs


def _segments(doc, indices: list[int]) -> list[TaggedSpan]:
    """Contiguous runs of token indices, without edge punctuation and spaces."""
    spans = []
    for run in _contiguous_runs(indices):
        start, end = run[0], run[-1] + 1
        while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCT):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCT):
            end -= 1
        if end - start >= 2:
            spans.append(TaggedSpan("CON", start, end))
    return spans


def fill_content(doc, attribution: Attribution) -> None:
    """A cue without content: 'according to X' attributes the rest of its sentence; a
    verb of saying attributes its clausal complement."""
    cue_tokens = range(attribution.cue.start, attribution.cue.end)
    head = doc[attribution.cue.start:attribution.cue.end].root
    sent = head.sent
    according = doc[attribution.cue.start].lower_ == "according"
    if according and attribution.source is None and attribution.content:
        # "According to a statement from X, ...": the tagger took the source for content.
        phrase = {t.i for t in doc[attribution.cue.start].subtree}
        if all(i in phrase for span in attribution.content for i in range(span.start, span.end)):
            objects = [t for t in doc[attribution.cue.end - 1].children if t.dep_ == "pobj"]
            if objects:
                attribution.source = TaggedSpan("SRC", objects[0].left_edge.i,
                                                objects[0].right_edge.i + 1)
                attribution.content = []
    if attribution.content and not (according and _clipped(attribution, sent)):
        return
    if according:
        phrase = {t.i for t in doc[attribution.cue.start].subtree} | set(cue_tokens)
        if attribution.source is not None:
            phrase |= set(range(attribution.source.start, attribution.source.end))
        rest = [i for i in range(sent.start, sent.end) if i not in phrase]
        attribution.content = _segments(doc, rest)
        return
    for child in head.children:
        if child.dep_ in {"ccomp", "xcomp"}:
            attribution.content = _segments(doc, [t.i for t in child.subtree])
            return


def _clipped(attribution: Attribution, sent) -> bool:
    """Content of a closing 'according to X' that starts mid-sentence: the tagger cut the
    clause it modifies ("The US has 2,000 troops in Syria, many of them ..., according
    to Reuters")."""
    first = min(span.start for span in attribution.content)
    opening = next((t.i for t in sent if not (t.is_punct or t.is_space)), sent.start)
    return first > opening and all(span.end <= attribution.cue.start
                                   for span in attribution.content)


def split_quotes(doc, attribution: Attribution, quotes: list[str], view) -> None:
    """'“Any reports …” to the US presence “is false,”' -> the two quoted pieces: words
    between two quoted runs are the reporter's, not the source's."""
    pieces = []
    for span in attribution.content:
        states = quotes[span.start:span.end]
        words = [i for i in range(span.start, span.end)
                 if not (view.punct[i] or view.space[i])]
        inside = [i for i in words if quotes[i] == "i"]
        if not inside or len(inside) == len(words) or states[0] != "m":
            pieces.append(span)
            continue
        first, last = inside[0], inside[-1]
        outside = [i for i in words if quotes[i] != "i"]
        if any(i < first or i > last for i in outside):
            pieces.append(span)  # unquoted words at the edge: a real mixed quotation
            continue
        kept = [i for i in range(span.start, span.end) if quotes[i] in ("i", "m")]
        pieces.extend(_quoted_runs(doc, kept, quotes))
    attribution.content = pieces


def _quoted_runs(doc, indices: list[int], quotes: list[str]) -> list[TaggedSpan]:
    spans = []
    for run in _contiguous_runs(indices):
        start, end = run[0], run[-1] + 1
        while end > start and (doc[end - 1].text in {",", "."} or doc[end - 1].is_space):
            end -= 1
        if any(quotes[i] == "i" for i in range(start, end)):
            spans.append(TaggedSpan("CON", start, end))
    return spans


# Verbs whose subject is a source and whose clause or object is what it said. Used only
# where the tagger marked nothing, as a safety net for the plainest attributions.
SAYING_VERBS = frozenset("""
say tell tweet post write add note state declare announce report estimate claim deny
confirm warn insist argue explain acknowledge admit predict reply respond suggest allege
assert vow promise urge testify stress reiterate caution recall conclude concede
maintain contend complain disclose reveal indicate
""".split())
_OBJECT_VERBS = frozenset("deny confirm announce report estimate reveal disclose "
                          "acknowledge admit".split())


def closing_reports(doc, attributions: list[Attribution]) -> list[Attribution]:
    """'<clause>, CNN reported.': a sentence whose main verb of saying comes last, after
    the clause it reports. The tagger sometimes reads the clause as an attribution of its
    own and swallows the report into it; here the report wins."""
    cues = covered_tokens(attributions, "cue")
    found = []
    for sent in doc.sents:
        root = sent.root
        if root.pos_ != "VERB" or root.lemma_.lower() not in SAYING_VERBS or root.i in cues:
            continue
        subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i > sent.start]
        clauses = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
        if not subjects or not clauses or clauses[0].right_edge.i > subjects[0].left_edge.i:
            continue
        subject, clause = subjects[0], clauses[0]
        source = TaggedSpan("SRC", subject.left_edge.i, subject.right_edge.i + 1)
        content = _segments(doc, [t.i for t in clause.subtree])
        if not content:
            continue
        taken = set(range(source.start, source.end)) | {root.i}
        for attribution in attributions:
            attribution.content = [c for c in attribution.content
                                   if not taken & set(range(c.start, c.end))]
        found.append(Attribution(TaggedSpan("CUE", root.i, root.i + 1), source, content))
    return found


def missed_attributions(doc, attributions: list[Attribution], view) -> list[Attribution]:
    """Plain 'X said/denied/estimated Y' clauses that no attribution covers."""
    marked = covered_tokens(attributions)
    found = []
    for i, (pos, lemma) in enumerate(zip(view.pos, view.lemma)):
        if pos != "VERB" or lemma not in SAYING_VERBS or i in marked:
            continue
        token = doc[i]
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}
                    and c.lower_ not in {"it", "there", "this", "that", "which", "who"}]
        if not subjects:
            continue
        complement = [c for c in token.children if c.dep_ in {"ccomp", "xcomp"}]
        if not complement and token.lemma_.lower() in _OBJECT_VERBS:
            complement = [c for c in token.children if c.dep_ == "dobj"]
        if not complement:
            continue
        subtree = sorted({t.i for c in complement for t in c.subtree})
        source = subjects[0]
        source_span = TaggedSpan("SRC", source.left_edge.i, source.right_edge.i + 1)
        if marked & set(subtree) or marked & set(range(source_span.start, source_span.end)):
            continue
        found.append(Attribution(cue=TaggedSpan("CUE", token.i, token.i + 1),
                                 source=source_span, content=_segments(doc, subtree)))
    return found


def fill_source(doc, attribution: Attribution, taken: set[int]) -> None:
    """A cue the tagger found without its source: the subject of the cue's verb, or the
    object of 'according to'."""
    if attribution.source is not None:
        return
    cue = doc[attribution.cue.start:attribution.cue.end]
    head = cue.root
    candidates = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}
                  and c.lower_ not in {"it", "there"}]
    if not candidates and cue[0].lower_ == "according":
        candidates = [t for t in cue[-1].children if t.dep_ == "pobj"] or \
                     [t for t in doc[cue.end:cue.end + 1] if t.dep_ == "pobj"]
    if not candidates:
        return
    subject = candidates[0]
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    if taken & set(range(start, end)):
        return
    attribution.source = TaggedSpan("SRC", start, end)


_NOT_SPEAKERS = frozenset("""
note update updated related watch video photo photos read more see also source sources
correction disclosure editor editors warning breaking live listen caption credit
""".split())
_DASHES = {"―", "—", "–"}
_QUOTE_MARKS = {'"', "“", "”", "‘", "’", "'"}


def _label(doc, start: int, end: int) -> bool:
    """A speaker label: one to four capitalised words, no digits ("PENCE", "Pat Caddell")."""
    tokens = [t for t in doc[start:end] if not t.is_space]
    return 0 < len(tokens) <= 4 and all(
        (t.is_title or t.is_upper) and t.is_alpha or t.text in {".", "-"} for t in tokens
    ) and tokens[0].lower_ not in _NOT_SPEAKERS and any(t.pos_ in {"PROPN", "NOUN"} for t in tokens)


def labelled_lines(doc, attributions: list[Attribution], view=None) -> list[Attribution]:
    """Transcript and headline lines ("PENCE: Well, look ...", "Poll: Voters ...") and
    quotes signed with a dash ("“…” ― Sonya Herridge"): attribution by layout."""
    from .features import paragraphs

    # Cues and sources the tagger found win; content it attached elsewhere is taken back.
    marked = covered_tokens(attributions, "cue source")
    found = []
    for start, end in paragraphs(doc, view):
        first = start
        while first < end and (doc[first].text in _QUOTE_MARKS or doc[first].is_space):
            first += 1
        colon = next((i for i in range(first, min(first + 6, end)) if doc[i].text == ":"), None)
        if colon is not None and colon + 2 < end and _label(doc, first, colon):
            candidate = Attribution(TaggedSpan("CUE", colon, colon + 1),
                                    TaggedSpan("SRC", first, colon),
                                    [TaggedSpan("CON", colon + 1, end)])
        else:
            dash = next((i for i in range(end - 1, max(start, end - 7), -1)
                         if doc[i].text in _DASHES), None)
            if dash is None or dash - start < 3 or not _label(doc, dash + 1, end):
                continue
            candidate = Attribution(TaggedSpan("CUE", dash, dash + 1),
                                    TaggedSpan("SRC", dash + 1, end),
                                    [TaggedSpan("CON", start, dash)])
        speaker_tokens = set(range(candidate.cue.start, candidate.cue.end)) | set(
            range(candidate.source.start, candidate.source.end))
        if speaker_tokens & marked:
            continue
        for attribution in attributions:
            attribution.content = [c for c in attribution.content
                                   if not (c.start < end and start < c.end)]
        found.append(candidate)
    return found


_FINDING_NOUNS = frozenset("poll polls survey surveys study studies report analysis "
                           "assessment estimate estimates data census audit review".split())


def findings(doc, attributions: list[Attribution]) -> list[Attribution]:
    """'In the latest poll, Trump leads by 3 points': a finding attributed to a poll or
    study by a sentence-opening 'In', in a sentence with no other cue."""
    cue_sentences = {doc[a.cue.start].sent.start for a in attributions}
    found = []
    for sent in doc.sents:
        first = sent[0]
        if first.lower_ != "in" or sent.start in cue_sentences:
            continue
        objects = [c for c in first.children if c.dep_ == "pobj"]
        if not objects or objects[0].lemma_.lower() not in _FINDING_NOUNS:
            continue
        source = objects[0]
        phrase = {t.i for t in first.subtree}
        rest = [i for i in range(sent.start, sent.end) if i not in phrase]
        content = _segments(doc, rest)
        if content:
            found.append(Attribution(TaggedSpan("CUE", first.i, first.i + 1),
                                     TaggedSpan("SRC", source.left_edge.i, source.right_edge.i + 1),
                                     content))
    return found


def complete(doc, attributions: list[Attribution], quotes: list[str], view) -> None:
    taken = covered_tokens(attributions)
    for attribution in attributions:
        fill_source(doc, attribution, taken)
        trim_cue(doc, attribution)
        fill_content(doc, attribution)
        split_quotes(doc, attribution, quotes, view)


_COMPLEMENTS = {"ccomp", "xcomp", "dobj"}
# A learned cue word counts for a conjoined verb when at least this share of its
# occurrences in PolNeAR train were inside a gold cue, over at least this many.
_CONJOINED_CUE_SHARE = 0.3


def conjoined_cues(doc, attributions: list[Attribution], lexicon: dict[str, float],
                   view) -> list[Attribution]:
    """'X said it was opposed and warned Y to refrain': a second verb of saying conjoined
    to a cue is an attribution of its own, by the same source. The tagger reads it as
    part of the first cue's content; PolNeAR (and a reader) count two claims."""
    cues = covered_tokens(attributions, "cue")
    found = []
    for attribution in attributions:
        for child in _conjoined_verbs(attribution.cue, view):
            if child in cues or lexicon.get(view.lemma[child], 0.0) < _CONJOINED_CUE_SHARE:
                continue
            if not any(view.dep[c] in _COMPLEMENTS for c in view.children[child]):
                continue
            # What the second verb says: everything it governs after it.
            complement = [t.i for t in doc[child].subtree if t.i > child]
            taken = {t.i for t in doc[child].subtree}
            before = child - 1  # the "and" joining the two verbs stays with neither
            while before >= 0 and (view.dep[before] in {"cc", "punct"} or view.space[before]
                                   and not view.text[before].strip()):
                taken.add(before)
                before -= 1
            attribution.content = [
                piece for part in attribution.content
                for piece in _segments(doc, [j for j in range(part.start, part.end)
                                             if j not in taken])]
            found.append(Attribution(TaggedSpan("CUE", child, child + 1),
                                     attribution.source, _segments(doc, complement)))
            cues.add(child)
    return found


def _conjoined_verbs(cue: TaggedSpan, view) -> list[int]:
    """Verbs conjoined to the cue without a subject of their own. The parser attaches
    the second verb to the cue or to the root of the cue's reported clause ("said it
    was opposed and warned ..."), so both are searched."""
    heads = [i for i in range(cue.start, cue.end)]
    heads += [c for i in heads for c in view.children[i] if view.dep[c] == "ccomp"]
    return [c for h in heads for c in view.children[h]
            if view.dep[c] == "conj" and view.pos[c] == "VERB"
            and not any(view.dep[g] in {"nsubj", "nsubjpass"} for g in view.children[c])]


def tentative_attributions(attributions: list[Attribution],
                           tentative: list[TaggedSpan]) -> list[Attribution]:
    """Likely cues the tagger left unlabelled, where no other cue took their words; their
    source and content are filled like any cue's (complete())."""
    cues = covered_tokens(attributions, "cue")
    found = []
    for span in tentative:
        words = set(range(span.start, span.end))
        if words & cues:
            continue
        cues |= words
        found.append(Attribution(TaggedSpan("CUE", span.start, span.end)))
    return found
