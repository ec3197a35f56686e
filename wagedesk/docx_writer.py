"""The DOCX writer: a ``ContractDocument`` poured into the Word frame
``contract_templates/contract.docx`` with docxtpl.

The frame carries page set-up, styles with East-Asian fonts, header and footer; union staff may
restyle it in Word. Word likes to split a ``{{ tag }}`` over several runs and to curl its quotes,
so the frame is checked when loaded and a broken tag is reported with the paragraph it sits in.
Rendering runs in a Jinja ``SandboxedEnvironment`` with autoescaping: values are data, never
template code. Any thread (a worker thread in the desktop app).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from wagedesk.document import ContractDocument, build_document
from wagedesk.files import write_atomically
from wagedesk.errors import UserError
from wagedesk.model import Draft
from wagedesk.resources import templates_dir
from wagedesk.wording import Wording

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TAG = re.compile(r"\{[{%].*?[}%]\}")
OPEN_TAG = re.compile(r"\{[{%]")
CURLY = "“”‘’"


class TemplateFileError(UserError):
    """The Word frame is broken (exit 2)."""

    exit_code = 2


def default_template_path() -> Path:
    return templates_dir() / "contract.docx"


def _paragraph_problems(xml: bytes, part: str) -> list[str]:
    problems = []
    root = etree.fromstring(xml)
    for para in root.iter(f"{{{W_NS}}}p"):
        runs = ["".join(t.text or "" for t in r.iter(f"{{{W_NS}}}t")) for r in para.iter(f"{{{W_NS}}}r")]
        text = "".join(runs)
        whole = TAG.findall(text)
        in_runs = [tag for run in runs for tag in TAG.findall(run)]
        shown = text[:50]
        if whole != in_runs or len(OPEN_TAG.findall(text)) != len(whole):
            problems.append(f"{part} 中的段落“{shown}”：标记被拆开或不完整，请在 Word 中删除后整段重新输入")
        elif any(ch in tag for tag in whole for ch in CURLY):
            problems.append(f"{part} 中的段落“{shown}”：标记里有中文引号（“ ” ‘ ’），请改为英文引号")
    return problems


def check_template(path: Path) -> None:
    """Raise ``TemplateFileError`` naming every paragraph whose tags Word has broken."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()
                     if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)}
    except (OSError, zipfile.BadZipFile, KeyError) as err:
        raise TemplateFileError(f"无法打开合同 Word 模板 {path}（{err}）。请重新安装 WageDesk "
                                "或运行 tools/make_docx_template.py 重新生成。") from None
    if "word/document.xml" not in parts:
        raise TemplateFileError(f"合同 Word 模板 {path} 不是有效的 Word 文档。")
    problems = [p for name, xml in parts.items() for p in _paragraph_problems(xml, name)]
    if problems:
        raise TemplateFileError(f"合同 Word 模板 {path} 有问题：" + "；".join(problems[:5]) + "。")
    template = DocxTemplate(str(path))
    template.init_docx()
    env = SandboxedEnvironment(autoescape=True)
    try:
        env.parse(template.patch_xml(template.get_xml()))
    except TemplateError as err:
        raise TemplateFileError(f"合同 Word 模板 {path} 中的标记写法有误：{err}。") from None


_checked: dict[tuple[str, float], bool] = {}


class _CompilingOnceSandbox(SandboxedEnvironment):
    """The sandbox, remembering what it compiled: docxtpl hands it the same frame XML for every
    contract, and compiling that XML costs more than filling it."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self._compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's API
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self._compiled.get(source)
        if found is None:
            if len(self._compiled) > 32:
                self._compiled.clear()
            found = self._compiled[source] = super().from_string(source)
        return found


_environments: list[_CompilingOnceSandbox] = []


def _environment() -> _CompilingOnceSandbox:
    if not _environments:
        _environments.append(_CompilingOnceSandbox())
    return _environments[0]


def load_template(path: Path | None = None) -> DocxTemplate:
    """A fresh docxtpl template of the frame, checked once per file version."""
    path = Path(path or default_template_path())
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError as err:
        raise TemplateFileError(f"找不到合同 Word 模板 {path}（{err.strerror}）。请重新安装 WageDesk。") from None
    if key not in _checked:
        check_template(path)
        _checked[key] = True
    return DocxTemplate(str(path))


def write_docx(doc: ContractDocument, out: str | Path | BinaryIO, *,
               template_path: Path | None = None) -> None:
    """Write ``doc`` as DOCX to a path (atomically) or a binary file object."""
    template = load_template(template_path)
    env = _environment()
    try:
        template.render({"doc": doc, "footer_note": doc.footer_note}, jinja_env=env, autoescape=True)
    except TemplateError as err:
        raise TemplateFileError(f"合同 Word 模板无法填写：{err}。请检查模板中的标记。") from None
    buffer = io.BytesIO()
    template.save(buffer)
    data = _stable_zip(buffer.getvalue())
    if isinstance(out, (str, Path)):
        write_atomically(Path(out), data)
    else:
        out.write(data)


_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _stable_zip(data: bytes) -> bytes:
    """The same DOCX with fixed entry times, so the same contract always gives the same bytes
    (and the same SHA-256 in an export manifest)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            stable.compress_type = info.compress_type
            stable.external_attr = info.external_attr
            target.writestr(stable, source.read(info.filename))
    return buffer.getvalue()


def render_docx(draft: Draft, out: str | Path | BinaryIO, *, footer_note: str | None = None,
                wording: Wording | None = None, template_path: Path | None = None) -> ContractDocument:
    """Render ``draft`` to DOCX; returns the document structure that was written."""
    doc = build_document(draft, wording, footer_note=footer_note)
    write_docx(doc, out, template_path=template_path)
    return doc
