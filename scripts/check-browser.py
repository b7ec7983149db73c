#!/usr/bin/env python3
"""Loads the generated site in headless Chromium and fails on console errors or missing
resources: scripts/check-browser.py SITE_DIR SHOTS_DIR [CHROMIUM]

It drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: messages
are JSON ending in a NUL byte on file descriptors 3 and 4), so it needs nothing beyond the
Python standard library. Pages are opened from file://, as a reader would open them. It
checks the home page, a technique page with a measured plot, the search page and the
header's search box driven by the keyboard, saves screenshots (light, dark, narrow) into
SHOTS_DIR, and exits 1 if anything failed.
"""
import base64
import json
import os
import select
import subprocess
import sys
import tempfile
import time


class Browser:
    """A headless Chromium and one page, driven over the DevTools pipe."""

    def __init__(self, chromium, profile):
        to_chrome, self.write_fd = os.pipe()
        self.read_fd, from_chrome = os.pipe()

        def wire():  # runs in the child: the protocol pipe on fds 3 (in) and 4 (out)
            # Copies first: a pipe may already sit on fd 3 or 4, and dup2 onto itself would
            # keep its close-on-exec flag.
            a, b = os.dup(to_chrome), os.dup(from_chrome)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [chromium, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--allow-file-access-from-files",
                "--hide-scrollbars", f"--user-data-dir={profile}", "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=wire, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome)
        os.close(from_chrome)
        self.buffer, self.next_id, self.events = b"", 0, []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def _read(self, timeout):
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.read_fd], [], [], timeout)
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read(timeout)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read(max(0.1, deadline - time.time())))

    def settle(self, seconds=0.3):
        """Collects events for a moment (scripts run after load)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                self.events.append(self._read(deadline - time.time()))
            except TimeoutError:
                break

    def open(self, url, width=1280, height=900, dark=False):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, session=True)
        self.call("Emulation.setEmulatedMedia",
                  {"features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]}, session=True)
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")
        self.settle()

    def eval(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def key(self, name, code, key_code):
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": name, "code": code, "windowsVirtualKeyCode": key_code}, session=True)

    def screenshot(self, path, full=False):
        clip = None
        if full:
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
        params = {"format": "png", "captureBeyondViewport": full}
        if clip:
            params["clip"] = clip
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def screenshot_from(self, selector, height, path):
        """A screenshot of `height` pixels of the page from the top of the element `selector`."""
        top = self.eval(f"document.querySelector({json.dumps(selector)}).getBoundingClientRect().top + window.scrollY")
        width = self.eval("document.documentElement.clientWidth")
        clip = {"x": 0, "y": max(0, top - 10), "width": width, "height": height, "scale": 1}
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def problems(self):
        """Console errors, uncaught exceptions and failed loads since the last call."""
        found = []
        for e in self.events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append("exception: " + p["exceptionDetails"].get("exception", {}).get("description", p["exceptionDetails"].get("text", "")))
            elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                found.append(f"console.{p['type']}: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                found.append(f"log {p['entry']['level']}: {p['entry']['text']} {p['entry'].get('url', '')}")
            elif method == "Network.loadingFailed" and not p.get("canceled"):
                found.append(f"failed to load: {p.get('errorText')} (request {p.get('requestId')})")
        self.events = []
        return found

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main(site, shots, chromium):
    site = os.path.abspath(site)
    os.makedirs(shots, exist_ok=True)
    url = lambda path: "file://" + os.path.join(site, path)
    failures = []

    def expect(condition, message):
        print(("ok    " if condition else "FAIL  ") + message)
        if not condition:
            failures.append(message)

    with tempfile.TemporaryDirectory() as profile:
        b = Browser(chromium, profile)
        try:
            for name, path, checks in [
                ("home", "index.html", ["document.querySelectorAll('.columns section').length === 2",
                                        "document.querySelector('table a[href^=\"crosswalk/\"]') !== null",
                                        "document.querySelectorAll('figure.chart svg').length >= 1"]),
                ("technique", "techniques/mixup.html", ["document.querySelectorAll('figure.chart svg path').length > 10",
                                                       "document.querySelectorAll('figure.listing .line').length > 20",
                                                       "document.querySelector('h1').textContent === 'Mixup'"]),
                ("node", "nodes/data-centric.html", ["document.querySelectorAll('tbody tr').length > 0"]),
                ("paper", "papers/zhang2018mixup.html", ["document.querySelector('code.language-bibtex') !== null"]),
            ]:
                b.open(url(path))
                for check in checks:
                    expect(b.eval(check) is True, f"{path}: {check}")
                problems = b.problems()
                expect(not problems, f"{path}: no console errors or missing resources" + "".join("\n      " + p for p in problems))
                b.screenshot(os.path.join(shots, f"{name}.png"))
                if name in ("home", "technique"):
                    b.screenshot(os.path.join(shots, f"{name}-full.png"), full=True)
                if name == "technique":
                    b.screenshot_from("#claims-and-measurements", 1000, os.path.join(shots, "technique-measured.png"))
                    b.screenshot_from("#measured-curves-and-runs", 1100, os.path.join(shots, "technique-plots.png"))
                    b.screenshot_from("#reference-implementation", 900, os.path.join(shots, "technique-source.png"))
            b.open(url("techniques/mixup.html"), dark=True)
            b.screenshot(os.path.join(shots, "technique-dark.png"))
            b.open(url("index.html"), width=390, height=844)
            expect(b.eval("document.documentElement.scrollWidth <= 400"), "index.html at 390 px: no sideways scrolling of the page")
            b.screenshot(os.path.join(shots, "home-narrow.png"))
            b.problems()

            # The search page, from a query string.
            b.open(url("search.html") + "?q=mixup")
            b.settle(0.5)
            first = b.eval("(document.querySelector('#search-results li a') || {}).textContent || ''")
            expect("Mixup" in first, f"search.html?q=mixup: first hit is Mixup (got {first!r})")
            expect(b.eval("document.querySelectorAll('#search-results li').length") > 1, "search.html?q=mixup: several hits")
            problems = b.problems()
            expect(not problems, "search.html: no console errors or missing resources" + "".join("\n      " + p for p in problems))
            b.screenshot(os.path.join(shots, "search.png"))

            # The header box, by keyboard: "/" focuses it, typing lists hits, arrows move, Enter opens.
            b.open(url("index.html"))
            b.key("/", "Slash", 191)
            expect(b.eval("document.activeElement === document.querySelector('form.search input')"), "'/' focuses the search box")
            b.call("Input.insertText", {"text": "label smooth"}, session=True)
            b.settle(0.5)
            expect(b.eval("!document.getElementById('search-menu').hidden"), "typing opens the result list")
            expect(b.eval("document.querySelectorAll('#search-menu li').length") > 1, "the result list has hits")
            b.key("ArrowDown", "ArrowDown", 40)
            expect(b.eval("document.querySelector('#search-menu li[aria-selected=\"true\"]') !== null"), "ArrowDown selects a hit")
            b.screenshot(os.path.join(shots, "search-box.png"))
            target = b.eval("document.querySelector('#search-menu li[aria-selected=\"true\"] a').getAttribute('href')")
            b.events = [e for e in b.events if e.get("method") != "Page.loadEventFired"]
            b.key("Enter", "Enter", 13)
            b.wait_for("Page.loadEventFired")
            b.settle()
            expect(b.eval("location.href").endswith(target), f"Enter opens the selected hit ({target})")
            problems = b.problems()
            expect(not problems, "search box: no console errors or missing resources" + "".join("\n      " + p for p in problems))
        finally:
            b.close()
    print(f"check-browser: {len(failures)} failure(s); screenshots in {shots}")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: scripts/check-browser.py SITE_DIR SHOTS_DIR [CHROMIUM]")
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else "chromium"))
