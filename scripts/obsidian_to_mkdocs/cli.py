"""`obsidian-to-mkdocs convert | build | serve | new | audit`: the same conversion as the
plugin, then MkDocs, with MkDocs' own log lines. Exit codes: 0 success, 1 problems found
with --strict (or a failed build), 2 usage errors."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .options import CONFIG, Options, options_for, site_folder
from .pipeline import convert_apart
from .report import Report
from .zensical_build import ENGINES, ZensicalError, require_zensical

PROG = "obsidian-to-mkdocs"
COMMANDS = {
    "convert": "write the vault as Markdown into docs/",
    "build": "convert, then build the site with MkDocs",
    "serve": "convert, then serve the site with live reload",
}


class UsageError(Exception):
    """Said on stderr with exit code 2, before anything is converted."""


def options_from(args: argparse.Namespace) -> Options:
    """The plugin's options (`build_options`), with the command line's paths and --strict."""
    return options_for(
        Path(args.config_file),
        vault=args.vault,
        docs_dir=getattr(args, "docs_dir", None),
        site_dir=getattr(args, "site_dir", None),
        strict=args.strict,
        verbose=args.verbose,
    )


def _folder(path: Path, what: str) -> None:
    """A folder the command reads: missing and is-a-file are said apart."""
    if path.is_file():
        raise UsageError(f"{what} {path} is a file, not a folder")
    if not path.is_dir():
        raise UsageError(f"{what} folder not found: {path}")


def _check_config(args: argparse.Namespace) -> None:
    """build and serve need mkdocs.yml; convert only when it takes paths from it."""
    path = Path(args.config_file)
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not a mkdocs.yml (use -f FILE)")
    paths_given = args.vault and getattr(args, "docs_dir", None)
    if not path.is_file() and not (args.command == "convert" and paths_given):
        raise UsageError(
            f"no {path} here ({Path.cwd()}): run this in a site folder, give -f FILE, "
            f"or create a site with `{PROG} new SITE --vault PATH`"
        )


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    subparsers = {}
    for name, help_text in COMMANDS.items():
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--vault", help="the Obsidian vault (default: mkdocs.yml, else vault/)"
        )
        command.add_argument("-f", "--config-file", default=CONFIG, help="mkdocs.yml to use")
        command.add_argument("--strict", action="store_true", help="exit 1 on any problem")
        command.add_argument(
            "-v",
            "--verbose",
            action="store_true",
            help="name unpublished notes in the report (keep it out of public CI logs)",
        )
        command.add_argument(
            "--report", metavar="FILE", help="write the conversion's warnings to FILE as JSON"
        )
        if name == "convert":
            command.add_argument("--docs-dir", help="where to write pages (default: docs/)")
        if name == "build":
            command.add_argument("--site-dir", help="where to write the site (default: site/)")
        if name == "serve":
            command.add_argument("-a", "--dev-addr", help="IP:PORT to serve on")
        if name in ("build", "serve"):
            command.add_argument(
                "--engine",
                choices=ENGINES,
                default="mkdocs",
                help="the site builder: MkDocs (default) or Zensical, with the same theme",
            )
        subparsers[name] = command
    about = "create a site folder for a vault (beside it, or in the vault's own repository)"
    new = commands.add_parser("new", help=about, description=about)
    new.add_argument("site_dir", help="the folder to create (must not hold a mkdocs.yml)")
    new.add_argument("--vault", required=True, help="the Obsidian vault to publish")
    about = "count raw Obsidian syntax left in a built site"
    audit = commands.add_parser("audit", help=about, description=about)
    audit.add_argument("site", help="the built site folder")
    audit.add_argument("--vault", help="compare the vault's callouts with the site's boxes")
    subparsers.update(new=new, audit=audit)
    return parser, subparsers


class _Stderr(logging.Handler):
    """Writes as `mkdocs` does, through click: colours only on a terminal, and on whatever
    sys.stderr is at the time (main() may run again in the same process)."""

    def emit(self, record: logging.LogRecord) -> None:
        import click

        try:
            click.echo(self.format(record), err=True)
        except Exception:  # logging's contract: a handler never raises
            self.handleError(record)


def _mkdocs_logging() -> None:
    """MkDocs' log lines as `mkdocs` prints them (`INFO    -  Serving on …`, `WARNING -  …`)."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if any(handler.name == "MkDocsStreamHandler" for handler in logger.handlers):
        return
    handler = _Stderr()
    handler.setFormatter(ColorFormatter())
    handler.name = "MkDocsStreamHandler"
    logger.addHandler(handler)


def write_report(report: Report, path: Path) -> None:
    """The warnings as JSON for CI (`--report FILE`), with the summary's counts."""
    data = {
        "summary": report.summary(),
        "notes_published": report.notes_published,
        "links_unresolved": report.links_unresolved,
        "warnings": [
            {"level": d.level, "path": d.path, "line": d.line, "message": d.message}
            for d in sorted(report.diagnostics, key=lambda d: (d.path, d.line or 0, d.message))
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _load_mkdocs(args: argparse.Namespace, report: Report, **overrides):
    from mkdocs.config import load_config

    config = load_config(args.config_file, strict=args.strict, **overrides)
    plugin = config.plugins.get("obsidian-vault")
    if plugin is not None:
        plugin.converted = report  # already converted and reported: the plugin only checks
    return config


def _build_or_serve(args: argparse.Namespace, options: Options, report: Report) -> int:
    from mkdocs.exceptions import MkDocsException

    from .plugin import VAULT_ENV

    _mkdocs_logging()
    os.environ[VAULT_ENV] = str(options.vault.resolve())  # the plugin reads this vault too
    try:
        if args.command == "build":
            from mkdocs.commands.build import build

            overrides = {"site_dir": args.site_dir} if args.site_dir else {}
            config = _load_mkdocs(args, report, **overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        else:
            from .serving import serve

            serve(args.config_file, options, report, dev_addr=args.dev_addr, strict=args.strict)
    except MkDocsException as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0


def _zensical(args: argparse.Namespace, options: Options) -> int:
    """The converted docs/ built or served by Zensical (zensical_build.py)."""
    from . import zensical_build

    site = site_folder(Path(args.config_file), getattr(args, "site_dir", None))
    try:
        config = zensical_build.write_config(Path(args.config_file), options.docs_dir, site)
    except zensical_build.ZensicalError as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return 1
    if args.command == "build":
        return 1 if zensical_build.build(config, strict=args.strict) else 0

    def reconvert() -> None:
        print(convert_apart(options).summary(), file=sys.stderr)

    return zensical_build.serve(config, options.vault, reconvert, args.dev_addr)


def main(argv: list[str] | None = None) -> int:
    parser, subparsers = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # said by the subcommand's parser: its usage line, `prog build: error: …`
        subparsers[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "new":  # writes a site; converts with its own options
        from .scaffold import main as new_site

        return new_site(args.site_dir, args.vault)
    try:
        if args.command == "audit":  # reads a built site; converts nothing
            _folder(Path(args.site), "site")
            from .audit import main as audit_site

            return audit_site(args.site, args.vault)
        _check_config(args)
        options = options_from(args)
        _folder(options.vault, "vault")
        if getattr(args, "engine", "mkdocs") == "zensical":
            require_zensical()
    except (UsageError, ZensicalError) as exc:
        print(f"{PROG} {args.command}: {exc}", file=sys.stderr)
        return 2
    report = convert_apart(options)
    print(report.render(), file=sys.stderr)
    if args.report:
        write_report(report, Path(args.report))
    failed = options.strict and bool(report.diagnostics)
    if args.command == "convert":
        return 1 if failed else 0
    if failed:
        print(f"{PROG} {args.command}: problems found (--strict); not building", file=sys.stderr)
        return 1
    if args.engine == "zensical":
        return _zensical(args, options)
    return _build_or_serve(args, options, report)


if __name__ == "__main__":
    sys.exit(main())
