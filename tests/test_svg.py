"""The server-side figures (newsgraph.web.svg): hostile text escaped everywhere, marks
placed to scale, bounded sizes; and the role filter of actor pages (stories/roles.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("markupsafe")
from newsgraph.stories.roles import is_role  # noqa: E402
from newsgraph.web import svg  # noqa: E402

HOSTILE = '<script>alert(1)</script>"onload="x'
NS = "{http://www.w3.org/2000/svg}"


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))  # well-formed XML, or this raises


def test_every_text_is_escaped_in_every_figure():
    figures = [
        svg.timeline([{"date": "2020-01-01", "lane": HOSTILE, "kind": "first",
                       "label": HOSTILE, "href": "/articles/x"}]),
        svg.flow([{"source": HOSTILE, "outlet": HOSTILE + "2", "count": 2, "kind": HOSTILE}]),
        svg.bars([{"label": HOSTILE, "value": 3}]),
        svg.number_chart([{"date": "2020-01-02", "value": 5, "outlet": HOSTILE,
                           "label": HOSTILE}], HOSTILE),
        svg.network(HOSTILE, [{"name": HOSTILE, "label": HOSTILE, "count": 1}]),
    ]
    for figure in figures:
        text = str(figure)
        assert "<script" not in text and '"onload=' not in text
        root = _parse(figure)
        assert root.tag == f"{NS}svg"
        assert not root.findall(f".//{NS}script")
        assert "style" not in text  # the CSP forbids inline style: classes only
        # The hostile words are still there, as text.
        assert any("<script>" in (el.text or "") for el in root.iter())


def test_timeline_places_marks_to_scale_and_leaves_undated_out():
    marks = [{"date": "2020-01-01", "lane": "A", "kind": "first", "label": "a"},
             {"date": "2020-01-03", "lane": "B", "kind": "repeat", "label": "b"},
             {"date": "2020-01-11", "lane": "A", "kind": "denial", "label": "c"},
             {"date": None, "lane": "C", "kind": "repeat", "label": "undated"},
             {"date": "not a date", "lane": "C", "kind": "repeat", "label": "bad"}]
    root = _parse(svg.timeline(marks))
    circles = [(float(c.get("cx")), c.get("class")) for c in root.iter(f"{NS}circle")
               if "legend" not in (c.get("class") or "")]
    cross = [el for el in root.iter(f"{NS}path") if "denial" in el.get("class")]
    first = next(x for x, css in circles if css == "mark first")
    repeat = next(x for x, css in circles if css == "mark repeat")
    end = float(re.match(r"M([\d.]+)", cross[0].get("d")).group(1)) + 5  # the cross's centre
    # Two days of ten: a fifth of the way from the first mark to the last.
    assert (repeat - first) / (end - first) == pytest.approx(0.2, abs=0.01)
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert "C" not in labels  # the undated outlet has no row
    assert "2020-01-01" in labels and "2020-01-11" in labels


def test_timeline_bounds_its_rows_and_says_when_nothing_is_dated():
    marks = [{"date": f"2020-01-{1 + k % 28:02d}", "lane": f"outlet {k}", "kind": "article",
              "label": str(k)} for k in range(40)]
    root = _parse(svg.timeline(marks))
    lanes = [el for el in root.iter(f"{NS}line") if el.get("class") == "lane"]
    assert len(lanes) == svg.MAX_LANES + 1  # and one row for the other outlets
    assert "No dated reports" in str(svg.timeline([{"date": None, "lane": "x"}]))


def test_bars_are_proportional_and_numbers_switch_to_a_log_axis():
    root = _parse(svg.bars([{"label": "a", "value": 4}, {"label": "b", "value": 1}]))
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect")]
    assert widths[0] == pytest.approx(4 * widths[1])
    wide = str(svg.number_chart([{"date": "2020-01-01", "value": 2000, "outlet": "a"},
                                 {"date": "2020-01-02", "value": 40000, "outlet": "b"}], "t"))
    assert "log scale" in wide
    close = str(svg.number_chart([{"date": "2020-01-01", "value": 2000, "outlet": "a"},
                                  {"date": "2020-01-02", "value": 2500, "outlet": "b"}], "t"))
    assert "log scale" not in close


def test_network_puts_the_actor_in_the_middle_with_labelled_edges():
    links = [{"name": f"Actor {k}", "label": f"CONSULT \u00d7{k + 1}", "count": k + 1,
              "href": f"/actors/Actor%20{k}", "direction": "out"} for k in range(20)]
    root = _parse(svg.network("Centre", links))
    centre = next(c for c in root.iter(f"{NS}circle") if "center" in c.get("class"))
    width, height = map(float, root.get("viewBox").split()[2:])
    assert (float(centre.get("cx")), float(centre.get("cy"))) == (width / 2, height / 2)
    edges = [el for el in root.iter(f"{NS}line") if "edge" in el.get("class")
             and "key" not in el.get("class")]
    assert len(edges) == svg.MAX_NODES  # the most linked, bounded
    texts = {t.text for t in root.iter(f"{NS}text")}
    assert "CONSULT \u00d720" in texts and "Actor 0" not in texts  # fewest cut first


@pytest.mark.parametrize("role, expected", [
    ("Turkish President", True), ("chairman of the Joint Chiefs of Staff", True),
    ("his predecessor", True), ("former secretary of state", True),
    ("Pentagon spokeswoman", True), ("campaign strategist", True), ("Gen.", True),
    ("former administration official", True), ("top campaign surrogate", True),
    ("former", False), ("the candidate's opponent", False),
    ("close loopholes", False), ("expectations", False), ("Editor's note:", False),
    ("the government", False), ("alliance of Kurdish and Arab militias", False),
])
def test_roles_are_titles_and_positions(role, expected):
    assert is_role(role) is expected
