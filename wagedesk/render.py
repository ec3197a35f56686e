"""One call for "this draft as a contract file": picks the writer by the file's suffix and puts
the fingerprint in the footer of signed and filed contracts (drafts carry the 草案 mark
instead). The desktop app, ``wagedesk render`` and the batch export all decide the footer here.
Any thread."""
from __future__ import annotations

from pathlib import Path

from wagedesk.errors import UsageError
from wagedesk.fingerprint import footer_note
from wagedesk.model import Draft, Status

FINAL = (Status.signed, Status.filed)


def footer_for(draft: Draft) -> str | None:
    """The fingerprint line for a signed or filed contract; ``None`` for a draft."""
    return footer_note(draft) if draft.status in FINAL else None


def render_contract(draft: Draft, target: str | Path) -> None:
    """Write ``draft`` to ``target`` as DOCX or PDF (by suffix), atomically."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix == ".docx":
        from wagedesk.docx_writer import render_docx
        render_docx(draft, target, footer_note=footer_for(draft))
    elif suffix == ".pdf":
        from wagedesk.pdf_writer import render_pdf
        render_pdf(draft, target, footer_note=footer_for(draft))
    else:
        raise UsageError(f"只能导出 .docx 或 .pdf 文件，{target.name} 的扩展名不对。")
