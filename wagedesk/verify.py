"""``wagedesk verify``: ties an exported contract file back to a signed version in the database.

The file's footer carries the fingerprint (``wagedesk.fingerprint``). Verification finds the
signed version with that fingerprint, renders that version's text again, and compares it with
the file's text after removing page decoration (header, page numbers, the fingerprint line) and
whitespace. The verdict is one of: matches (which unit, which date), altered (fingerprint known,
text differs), unknown (fingerprint in no signed version), or no fingerprint at all.
"""
from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from wagedesk.errors import UnreadableFileError
from wagedesk.fingerprint import LABEL, PATTERN, find_fingerprints, fingerprint
from wagedesk.formatting import chinese_date
from wagedesk.store import Database, queries

_PAGE_NUMBER = re.compile(r"第\d+页共\d+页")
_NOTE = re.compile(LABEL + r"[:：]?" + PATTERN.pattern)


@dataclass(frozen=True)
class Verdict:
    outcome: str  # "match" | "altered" | "unknown" | "no_fingerprint"
    message: str
    fingerprint: str | None = None
    unit_seq: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "match"


def _pdf_text(path: Path) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR + 10)  # its warnings are not for users
    from pypdf.errors import PyPdfError

    try:
        from wagedesk.textruns import logical_words

        reader = PdfReader(str(path))
        return "\n".join(logical_words(page.extract_text() or "") for page in reader.pages)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as err:
        raise UnreadableFileError(f"无法读取 PDF 文件 {path}（{type(err).__name__}）。"
                                  "文件可能已损坏或不是 PDF，请使用导出的原文件。") from None


def _docx_text(path: Path) -> tuple[str, str]:
    """(body text in reading order, header and footer text)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise UnreadableFileError(f"无法读取 DOCX 文件 {path}（{type(err).__name__}）。"
                                  "文件可能已损坏或不是 Word 文档，请使用导出的原文件。") from None
    parts: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            parts.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                parts.extend(cell.text for cell in row.cells)
    decoration = []
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            decoration.extend(p.text for p in part.paragraphs)
    return "\n".join(parts), "\n".join(decoration)


def normalise(text: str, decorations: list[str] = ()) -> str:  # type: ignore[assignment]
    """Text without whitespace, page numbers, fingerprint lines, and every occurrence of the
    decorations (the running header, table header rows that repeat on each page)."""
    flat = re.sub(r"\s+", "", text)
    flat = _NOTE.sub("", flat)
    flat = _PAGE_NUMBER.sub("", flat)
    for decoration in sorted((re.sub(r"\s+", "", d) for d in decorations), key=len, reverse=True):
        if decoration:
            flat = flat.replace(decoration, "")
    return flat


def expected_text(content) -> tuple[str, list[str]]:
    """(body text, decorations) of a version as the writers print it."""
    from wagedesk.document import build_document, iter_texts

    doc = build_document(content)
    tables = [a.table for c in doc.chapters for a in c.articles if a.table is not None]
    tables += [doc.annex.meetings, doc.annex.votes]
    decorations = [doc.header_text] + ["".join(t.headers) for t in tables]
    return "\n".join(iter_texts(doc)), decorations


def verify_file(db: Database, path: Path) -> Verdict:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UnreadableFileError(f"找不到文件 {path}。请检查路径。")
    if suffix == ".docx":
        body, decoration = _docx_text(path)
        found = find_fingerprints(decoration) or find_fingerprints(body)
    elif suffix == ".pdf":
        body = _pdf_text(path)
        found = find_fingerprints(body)
    else:
        raise UnreadableFileError(f"只能核验 WageDesk 导出的 PDF 或 DOCX 文件，{path.name} 不是。")
    if not found:
        return Verdict("no_fingerprint", f"{path.name} 中没有合同指纹：它不是 WageDesk 导出的已签订合同"
                       "（草案不带指纹），或指纹所在的页脚已被删改。")
    printed = found[0]
    version = queries.find_signed_version_by_fingerprint(db, printed)
    if version is None:
        return Verdict("unknown", f"警告：{path.name} 的合同指纹 {printed} 与本数据库中任何已签订的合同都不对应。"
                       "文件可能被改动过，或来自另一个数据库；请向签约单位索取原件核对。", printed)
    who = f"第 {version.unit_seq} 号试点单位「{version.content.enterprise.name or ''}」"
    when = (chinese_date(version.content.procedure.signing_date)
            if version.content.procedure.signing_date else "（签订日期未填）")
    body_expected, decorations = expected_text(version.content)
    if fingerprint(version.content) != printed or normalise(body, decorations) != normalise(body_expected, decorations):
        return Verdict("altered", f"警告：{path.name} 的指纹 {printed} 属于{who}于 {when} 签订的合同，"
                       "但文件内容与签订版本不一致：文件已被改动。请以数据库中的签订版本为准，"
                       "可用 wagedesk export 重新导出。", printed, version.unit_seq)
    return Verdict("match", f"核验通过：{path.name} 是{who}于 {when} 签订的合同"
                   f"（草案 {version.draft_id} 第 {version.version_number} 版，指纹 {printed}），内容未被改动。",
                   printed, version.unit_seq)


def print_verdict(verdict: Verdict) -> int:
    """Print the verdict; exit 0 when the file matches, 1 otherwise."""
    print(verdict.message, file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else 1
