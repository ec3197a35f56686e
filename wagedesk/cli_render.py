"""``wagedesk render FILE [--docx OUT] [--pdf OUT]``: a draft file to contract files, with no
database. Exit 0 on success, 2 on an unreadable draft or missing outputs. Outputs are written
atomically (temporary file, then rename)."""
from __future__ import annotations

import argparse
from pathlib import Path

from wagedesk.errors import UsageError, UserError
from wagedesk.render import footer_for


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="草案文件（JSON） / draft file")
    parser.add_argument("--docx", metavar="OUT", type=Path, help="写出 Word 文件 / write DOCX here")
    parser.add_argument("--pdf", metavar="OUT", type=Path, help="写出 PDF 文件 / write PDF here")
    parser.add_argument("--footer-note", metavar="TEXT",
                        help="页脚附注（默认：已签订合同印指纹） / footer note (default: fingerprint when signed)")


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"{path} 是文件夹。请给出要写出的文件名，例如 {path / '合同.pdf'}。")
    if not path.parent.exists():
        raise UsageError(f"文件夹 {path.parent} 不存在。请先创建它，或换一个输出位置。")


def run(name: str, args: argparse.Namespace) -> int:
    if args.docx is None and args.pdf is None:
        raise UsageError("请至少指定一个输出：--docx 合同.docx 或 --pdf 合同.pdf（也可以两个都要）。")
    from wagedesk import draftfile

    draft = draftfile.load(args.file)
    for target in (args.docx, args.pdf):
        if target is not None:
            _check_target(target)
    try:
        if args.docx is not None:
            from wagedesk.docx_writer import render_docx

            render_docx(draft, args.docx, footer_note=args.footer_note or footer_for(draft))
            print(f"已写出 {args.docx}")
        if args.pdf is not None:
            from wagedesk.pdf_writer import render_pdf

            render_pdf(draft, args.pdf, footer_note=args.footer_note or footer_for(draft))
            print(f"已写出 {args.pdf}")
    except PermissionError as err:
        raise UserError(f"无法写入 {err.filename}：没有权限。请换一个输出位置，"
                        "或先关闭正在打开该文件的程序（如 Word）。", exit_code=1) from None
    return 0
