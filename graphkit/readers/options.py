"""The input options of the commands that read documents (--format, --text-column, …, --date, --any-language)."""
from __future__ import annotations

import functools
import inspect
from typing import Callable, Optional

import typer

from .base import FORMATS, InputError, ReadOptions

#: option name -> (type, typer.Option); each becomes the ReadOptions field of the same name
INPUT_OPTIONS = {
    "format": (Optional[str], typer.Option(
        None, "--format", help=f"Kind of the inputs named: {', '.join(FORMATS)} (default: by extension; by content "
                               "for stdin and URLs). Files found in folders go by their extension.")),
    "text_column": (Optional[str], typer.Option(
        None, "--text-column", help="Column (CSV/TSV/Parquet) or field (JSONL) of the text (default: text, content "
                                    "or body).")),
    "id_column": (Optional[str], typer.Option(
        None, "--id-column", help="Column or field of the document id (default: id, doc_id, guid).")),
    "title_column": (Optional[str], typer.Option(
        None, "--title-column", help="Column or field of the title (default: title, headline).")),
    "date_column": (Optional[str], typer.Option(
        None, "--date-column", help="Column or field of the date (default: date, published, publish_date).")),
    "url_column": (Optional[str], typer.Option(
        None, "--url-column", help="Column or field of the URL (default: url, link).")),
    "date": (Optional[str], typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help="Date of the articles that give none (no date in their record or "
                                                   "page, no dateline, none in the file name).")),
    "any_language": (bool, typer.Option(
        False, "--any-language", help="Also read articles not in English (they are skipped with a notice).")),
}


def input_options(command: Callable) -> Callable:
    """Give a command the input options; it receives them as one ReadOptions in its `read` parameter.
    A bad value (an unknown --format, a --date that is not a date) is a one-line error, status 2."""
    sig = inspect.signature(command, eval_str=True)
    params = [p for p in sig.parameters.values() if p.name != "read"]
    params += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
               for name, (kind, option) in INPUT_OPTIONS.items()]

    @functools.wraps(command)
    def wrapper(**kwargs):
        given = {name: kwargs.pop(name) for name in INPUT_OPTIONS}
        try:
            read = ReadOptions(**given)
        except InputError as e:
            typer.echo(f"graphkit: error: {e}", err=True)
            raise typer.Exit(2)
        return command(**kwargs, read=read)

    wrapper.__signature__ = sig.replace(parameters=params)
    return wrapper
