#!/usr/bin/env python3
"""Checks every internal link of a generated site: scripts/check-links.py SITE_DIR

For each .html file: every href and src without a scheme must name an existing file, and a
#fragment must name an id (or a <a name>) in the target page. For each .md file: every
Markdown link or image without a scheme must name an existing file. External links (with a
scheme) are not fetched: the site must work offline, and the check must not depend on the
network. Prints each broken link as file: target (reason) and exits 1 if there is any.
Python standard library only.
"""
import html.parser
import os
import re
import sys
import urllib.parse


class Collector(html.parser.HTMLParser):
    """The links (href/src) and the anchor targets (id, a name) of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") or (tag == "svg" and name == "xlink:href"):
                self.links.append(value)
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


def is_external(url):
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url)) or url.startswith("//")


def main(site):
    site = os.path.abspath(site)
    pages, problems, checked = {}, [], 0

    def parsed(path):
        if path not in pages:
            collector = Collector()
            with open(path, encoding="utf-8") as f:
                collector.feed(f.read())
            pages[path] = collector
        return pages[path]

    html_files, md_files = [], []
    for folder, _, names in os.walk(site):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.endswith(".html"):
                html_files.append(path)
            elif name.endswith(".md"):
                md_files.append(path)

    def check(source, url, fragments):
        nonlocal checked
        if not url or is_external(url):
            return
        checked += 1
        parts = urllib.parse.urlsplit(url)
        target = os.path.normpath(os.path.join(os.path.dirname(source), urllib.parse.unquote(parts.path))) if parts.path else source
        where = os.path.relpath(source, site)
        if not target.startswith(site + os.sep) and target != site:
            problems.append(f"{where}: {url} (leaves the site)")
        elif os.path.isdir(target):
            problems.append(f"{where}: {url} (a folder; links must name a file to work from file://)")
        elif not os.path.isfile(target):
            problems.append(f"{where}: {url} (no such file)")
        elif fragments and parts.fragment and target.endswith(".html"):
            if urllib.parse.unquote(parts.fragment) not in parsed(target).ids:
                problems.append(f"{where}: {url} (no id '{parts.fragment}' in {os.path.relpath(target, site)})")

    for path in sorted(html_files):
        for url in parsed(path).links:
            check(path, url, fragments=True)
    # Markdown links and images: [text](target) and ![alt](target); code spans are skipped.
    link = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)")
    for path in sorted(md_files):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"(?ms)^(```+|~~~+).*?^\1", "", text)
        text = re.sub(r"(`+)(?:(?!\1).)+?\1", "", text)
        for url in link.findall(text):
            check(path, url, fragments=False)

    for p in problems:
        print(p)
    print(f"check-links: {len(html_files)} HTML and {len(md_files)} Markdown files, {checked} internal links, {len(problems)} broken")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/check-links.py SITE_DIR")
    sys.exit(main(sys.argv[1]))
