"""`obsidian-to-mkdocs convert | build | serve`: the same conversion as the plugin, for CI and
other builders. Exit codes: 0 success, 1 problems found with --strict, 2 usage errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from . import __version__
from .options import Options
from .pipeline import convert_apart
from .report import Report

CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/...` tags."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _plugin_settings(config: dict) -> dict:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "obsidian-vault" in entry:
            return entry["obsidian-vault"] or {}
    return {}


def options_from(args: argparse.Namespace) -> Options:
    config_path = Path(args.config_file)
    config = _config(config_path)
    settings = _plugin_settings(config)
    base = config_path.resolve().parent
    vault = Path(args.vault or settings.get("vault") or "vault")
    docs = Path(getattr(args, "docs_dir", None) or config.get("docs_dir") or "docs")
    return Options(
        vault=vault if vault.is_absolute() or args.vault else base / vault,
        docs_dir=docs if docs.is_absolute() or getattr(args, "docs_dir", None) else base / docs,
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        strict=bool(getattr(args, "strict", False) or settings.get("strict", False)),
        exclude=tuple(settings.get("exclude") or ()),
        require_publish=bool(settings.get("require_publish", False)),
        tags_dir=str(settings.get("tags_dir") or "tags"),
        home=str(settings.get("home") or ""),
        site_url=str(config.get("site_url") or ""),
        site_name=str(config.get("site_name") or ""),
        language=str((config.get("theme") or {}).get("language") or "en"),
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="obsidian-to-mkdocs", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("convert", "write the vault as Markdown into docs/"),
        ("build", "convert, then build the site with MkDocs"),
        ("serve", "convert, then serve the site with live reload"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "--vault", help="the Obsidian vault (default: mkdocs.yml, else vault/)"
        )
        command.add_argument("-f", "--config-file", default=CONFIG, help="mkdocs.yml to use")
        command.add_argument("--strict", action="store_true", help="exit 1 on any problem")
        if name == "convert":
            command.add_argument("--docs-dir", help="where to write pages (default: docs/)")
        if name == "build":
            command.add_argument("--site-dir", help="where to write the site (default: site/)")
        if name == "serve":
            command.add_argument("-a", "--dev-addr", help="IP:PORT to serve on")
    new = commands.add_parser("new", help="create a site folder for a vault elsewhere on disk")
    new.add_argument("site_dir", help="the folder to create (must not hold a mkdocs.yml)")
    new.add_argument("--vault", required=True, help="the Obsidian vault to publish")
    audit = commands.add_parser("audit", help="count raw Obsidian syntax left in a built site")
    audit.add_argument("site", help="the built site folder")
    audit.add_argument("--vault", help="compare the vault's callouts with the site's boxes")
    return parser


def _convert(options: Options) -> Report:
    report = convert_apart(options)
    print(report.render(), file=sys.stderr)
    return report


def _load_mkdocs(args: argparse.Namespace, report: Report, **overrides):
    from mkdocs.config import load_config

    config = load_config(args.config_file, strict=args.strict, **overrides)
    plugin = config.plugins.get("obsidian-vault")
    if plugin is not None:
        plugin.converted = report  # already converted: the plugin only reports
    return config


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "new":  # writes a site; converts with its own options
        from .scaffold import main as new_site

        return new_site(args.site_dir, args.vault)
    if args.command == "audit":  # reads a built site; converts nothing
        from .audit import main as audit_site

        return audit_site(args.site, args.vault)
    options = options_from(args)
    if not options.vault.is_dir():
        print(f"obsidian-to-mkdocs: vault folder not found: {options.vault}", file=sys.stderr)
        return 2
    report = _convert(options)
    failed = options.strict and bool(report.diagnostics)
    if args.command == "convert":
        return 1 if failed else 0
    if failed:
        print("obsidian-to-mkdocs: problems found (--strict); not building", file=sys.stderr)
        return 1
    from mkdocs.exceptions import MkDocsException

    from .plugin import VAULT_ENV

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
            from mkdocs.commands.serve import serve

            serve(args.config_file, dev_addr=args.dev_addr, strict=args.strict)
    except MkDocsException as exc:
        print(f"obsidian-to-mkdocs: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
