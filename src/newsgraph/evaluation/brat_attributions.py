"""PolNeAR (Newell et al., LREC 2018): brat standoff attributions of political news.

An article may have several annotators' files (`<article>_<annotator>.ann`); the
benchmarks use one per article, the first in sorted order. Spans may be
discontinuous ("s e;s e") and their text may hold newlines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]


@dataclass
class Attribution:
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution]


def _spans(offsets: str) -> list[Span]:
    spans = []
    for part in offsets.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return spans


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Span]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets))
        elif line.startswith("E"):
            parts = line.split("\t")
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            relations.append(roles)
    result = []
    for roles in relations:
        attribution = Attribution()
        for role, ref in roles.items():
            if ref in spans and role in {"Source", "Cue", "Content"}:
                getattr(attribution, role.lower()).extend(spans[ref][1])
        result.append(attribution)
    return result


def load_split(split_dir: Path, limit: int | None = None) -> list[Article]:
    """Articles of a split with the first annotator's attributions."""
    ann_by_article: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        ann_by_article.setdefault(article, ann)
    articles = []
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        ann = ann_by_article.get(text_path.stem)
        if ann is None:
            continue
        articles.append(Article(text_path.stem, text_path.read_text(encoding="utf-8"),
                                read_ann(ann)))
        if limit and len(articles) >= limit:
            break
    return articles


def load_split_all_annotators(split_dir: Path) -> list[Article]:
    """Every annotator's file as its own article (for training: more evidence per text)."""
    texts = {p.stem: p for p in (split_dir / "text").glob("*.txt")}
    articles = []
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in texts:
            articles.append(Article(name, texts[name].read_text(encoding="utf-8"), read_ann(ann)))
    return articles
