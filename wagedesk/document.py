"""One document structure for a contract: the draft plus the model wording become a
``ContractDocument`` (title, parties, numbered chapters and articles, the per-level table,
signature page, annex) that both writers, DOCX and PDF, render. Because the text is fixed here,
once, the two files cannot say different things.

Every string in the structure is plain text, already free of XML-illegal control characters;
writers only escape it for their format. Pure functions; safe on any thread.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cn2an

from wagedesk import formatting
from wagedesk.model import Draft, Person, Side, Status
from wagedesk.resources import templates_dir
from wagedesk.wording import BLANK, Wording, clean_text, load_wording

FINAL_STATUSES = (Status.signed, Status.filed)


@dataclass
class Table:
    """A table with one header row; ``kind`` tells writers which layout to use."""

    kind: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Article:
    label: str                      # 第一条
    text: str
    items: list[str] = field(default_factory=list)
    section: str | None = None      # 第一节　适用范围, printed before the article
    table: Table | None = None      # printed after the article's items


@dataclass
class Chapter:
    label: str                      # 第一章
    title: str
    articles: list[Article]

    @property
    def heading(self) -> str:
        return f"{self.label}　{self.title}"


@dataclass
class Line:
    label: str
    value: str


@dataclass
class PartyBlock:
    lines: list[Line]


@dataclass
class SignatureBlock:
    party_label: str                # 甲方（盖章）：
    party_name: str
    chief_label: str                # 首席代表：
    chief_name: str
    sign_label: str                 # 首席代表（签字）：
    date_label: str
    date: str


@dataclass
class Annex:
    title: str
    paragraphs: list[str]
    meetings: Table
    vote_paragraph: str
    votes: Table
    closing: str


@dataclass
class ContractDocument:
    title: str
    subtitle: str
    header_text: str                # the enterprise name, in every page header
    parties: list[PartyBlock]
    preamble: list[str]
    chapters: list[Chapter]
    signature_intro: str
    signatures: list[SignatureBlock]
    signing_place: str
    annex: Annex
    is_draft: bool
    footer_note: str | None = None

    def characters(self) -> set[str]:
        """Every character the document prints (the PDF font subset needs them)."""
        return set("".join(iter_texts(self)))


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 105 -> 一百零五 (chapter and article numbers)."""
    return cn2an.an2cn(n)


def _people(side: Side) -> str:
    names = [m.name for m in side.members if m.name and m.name.strip()]
    return "、".join(names) if names else BLANK


def _pay_units(draft: Draft) -> str:
    pay = draft.pay
    units = [name for on, name in ((pay.position_unit, "岗位工资"), (pay.skill_unit, "技能工资"),
                                   (pay.performance_unit, "绩效工资"), (pay.allowance_unit, "津贴补贴"))
             if on]
    return "、".join(units) if units else BLANK


def _top_talent_forms(draft: Draft) -> str:
    forms = [n for on, n in ((draft.top_talent.annual_salary, "年薪制"),
                             (draft.top_talent.negotiated_salary, "协议工资制")) if on]
    return "或者".join(forms) if forms else BLANK


def context_for(draft: Draft) -> dict[str, Any]:
    """What wording placeholders may use: every draft section plus a few derived values."""
    ctx: dict[str, Any] = {name: getattr(draft, name) for name in Draft.model_fields}
    levels = draft.ladder.levels
    ctx.update(
        levels_used="、".join(row.level.label for row in levels) if levels else BLANK,
        level_count=len(levels) if levels else None,
        pay_units=_pay_units(draft),
        top_talent_forms=_top_talent_forms(draft),
        employer_members=_people(draft.employer_side),
        worker_members=_people(draft.worker_side),
        meeting_count=len(draft.procedure.meetings) if draft.procedure.meetings else None,
    )
    return ctx


def _cell(value: Any, fmt=str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return BLANK
    return clean_text(fmt(value))


def level_table(draft: Draft, headers: list[str]) -> Table:
    rows = [[row.level.label, _cell(row.sub_levels),
             _cell(row.post_category.label if row.post_category else None),
             _cell(row.minimum_amount, formatting.yuan_figures),
             _cell(row.skill_allowance, formatting.yuan_figures)]
            for row in draft.ladder.levels]
    return Table("levels", list(headers), rows)


def meeting_table(draft: Draft, headers: list[str]) -> Table:
    rows = [[f"第{chinese_number(i)}次", _cell(m.meeting_date, formatting.chinese_date),
             _cell(m.place), _cell(m.summary)]
            for i, m in enumerate(draft.procedure.meetings, start=1)]
    return Table("meetings", list(headers), rows)


def vote_table(draft: Draft, headers: list[str]) -> Table:
    v = draft.procedure.vote
    rest = None
    if v.attending is not None and v.in_favour is not None and v.against is not None:
        rest = max(v.attending - v.in_favour - v.against, 0)
    cells = [v.total, v.attending, v.in_favour, v.against, rest]
    return Table("votes", list(headers), [[_cell(c) for c in cells]])


def _articles(wording: Wording, ctx: dict[str, Any], raw: list[dict[str, Any]], counter: list[int],
              tables: dict[str, Table]) -> list[Article]:
    out: list[Article] = []
    sections = 0
    last_section: str | None = None
    for spec in raw:
        if not wording.holds(spec.get("when"), ctx):
            continue
        section = None
        if spec.get("section") and spec["section"] != last_section:
            sections += 1
            last_section = spec["section"]
            section = f"第{chinese_number(sections)}节　{wording.render(spec['section'], ctx)}"
        items = []
        for item in spec.get("items", []):
            text, when = (item, None) if isinstance(item, str) else (item.get("text", ""), item.get("when"))
            if wording.holds(when, ctx):
                items.append(wording.render(text, ctx))
        counter[0] += 1
        out.append(Article(label=f"第{chinese_number(counter[0])}条",
                           text=wording.render(spec.get("text", ""), ctx), items=items,
                           section=section, table=tables.get(spec.get("table", ""))))
    return out


def _chief(side: Side) -> str:
    chief: Person | None = side.chief
    return clean_text(chief.name) if chief is not None and chief.name and chief.name.strip() else BLANK


def build_document(draft: Draft, wording: Wording | None = None, *,
                   footer_note: str | None = None) -> ContractDocument:
    """The contract for ``draft`` in the given wording (default: the shipped wording file)."""
    wording = wording or load_wording(default_wording_path())
    w, ctx = wording.data, context_for(draft)
    render = lambda text: wording.render(text, ctx)  # noqa: E731 - local shorthand
    table_headers = {name: [render(h) for h in spec["headers"]] for name, spec in w["tables"].items()}
    tables = {"levels": level_table(draft, table_headers["levels"])}
    counter = [0]
    chapters = []
    for spec in w["chapters"]:
        if not wording.holds(spec.get("when"), ctx):
            continue
        articles = _articles(wording, ctx, spec.get("articles", []), counter, tables)
        chapters.append(Chapter(f"第{chinese_number(len(chapters) + 1)}章", render(spec["title"]),
                                articles))
    sig = w["signature"]
    sides = [(draft.enterprise.name, draft.employer_side), (draft.union.name, draft.worker_side)]
    signing_date = _cell(draft.procedure.signing_date, formatting.chinese_date)
    signatures = [SignatureBlock(render(label), _cell(name), render(sig["chief_label"]), _chief(side),
                                 render(sig["sign_label"]), render(sig["date_label"]), signing_date)
                  for label, (name, side) in zip(sig["party_labels"], sides)]
    annex = w["annex"]
    return ContractDocument(
        title=render(w["title"]), subtitle=render(w.get("subtitle", "")),
        header_text=_cell(draft.enterprise.name),
        parties=[PartyBlock([Line(render(a), render(b)) for a, b in block["lines"]])
                 for block in w["parties"]],
        preamble=[render(p) for p in w["preamble"]],
        chapters=chapters,
        signature_intro=render(w.get("signature_intro", "")),
        signatures=signatures,
        signing_place=render(w.get("signing_place", "")),
        annex=Annex(title=render(annex["title"]),
                    paragraphs=[render(p) for p in annex["paragraphs"]],
                    meetings=meeting_table(draft, table_headers["meetings"]),
                    vote_paragraph=render(annex["vote_paragraph"]),
                    votes=vote_table(draft, table_headers["votes"]),
                    closing=render(annex["closing"])),
        is_draft=draft.status not in FINAL_STATUSES,
        footer_note=clean_text(footer_note) if footer_note else None,
    )


def default_wording_path() -> Path:
    return templates_dir() / "wording.toml"


def iter_texts(doc: ContractDocument):
    """Every body string in reading order — the order both writers print them in. Page headers
    and footers (enterprise name, page numbers, footer note) are not part of it."""
    yield doc.title
    yield doc.subtitle
    for block in doc.parties:
        for line in block.lines:
            yield line.label + line.value
    yield from doc.preamble
    for chapter in doc.chapters:
        yield chapter.heading
        for article in chapter.articles:
            if article.section:
                yield article.section
            yield article.label + "　" + article.text
            yield from article.items
            if article.table:
                yield from _table_texts(article.table)
    yield doc.signature_intro
    for s in doc.signatures:
        yield s.party_label + s.party_name
        yield s.chief_label + s.chief_name
        yield s.sign_label
        yield s.date_label + s.date
    yield doc.signing_place
    yield doc.annex.title
    yield from doc.annex.paragraphs
    yield from _table_texts(doc.annex.meetings)
    yield doc.annex.vote_paragraph
    yield from _table_texts(doc.annex.votes)
    yield doc.annex.closing


def _table_texts(table: Table):
    yield from table.headers
    for row in table.rows:
        yield from row
