"""One headless Chromium for every page of tests/document/chromium.sh.

    browser.py CHROMIUM PROFILE_DIR LOG JOB...

Each JOB is "pdf:URL:FILE" or "dom:URL:FILE". The browser is started once, with
the switches the test gave each of its runs, and driven through the DevTools
protocol on a pipe (--remote-debugging-pipe: messages of JSON ended by a NUL
byte, read on file descriptor 4, written on 3). Every job opens the URL in a
tab of its own and, once the page has loaded, writes to FILE what the switch
of a run of its own would have written: for pdf what --print-to-pdf
--no-pdf-header-footer prints (the page's own paper size and background, no
header or footer), for dom what --dump-dom prints (the doctype, a line break,
then the outer HTML of the document element). A job that fails leaves FILE
absent or empty and says so on standard error; the others still run.
Exit status 0 when every job wrote its file. Only Python's standard library.
"""
import base64
import fcntl
import json
import os
import subprocess
import sys

SWITCHES = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
# the serialisation of --dump-dom
DOM = ("(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
       " + document.documentElement.outerHTML")


class Browser:
    def __init__(self, chromium, profile, log):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def pipe_on_3_and_4():  # in the child: first out of the way of 3 and 4, then there
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_r, from_browser_w)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [chromium, *SWITCHES, "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, close_fds=False, preexec_fn=pipe_on_3_and_4)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.next_id = 0
        self.pending = b""
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self.to_browser, data):]
        return self.next_id

    def receive(self):
        while b"\0" not in self.pending:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        wanted = self.send(method, params, session)
        while True:
            message = self.receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"].get("message")))
                return message["result"]
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method, session):
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == session:
                    del self.events[i]
                    return event
            message = self.receive()
            if "method" in message:
                self.events.append(message)

    def open(self, url):
        """A new tab with url loaded: its target and session."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=session)
        error = self.call("Page.navigate", {"url": url}, session).get("errorText")
        if error:
            raise RuntimeError(error)
        self.wait_for("Page.loadEventFired", session)
        return target, session

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def main():
    chromium, profile, log_path, *jobs = sys.argv[1:]
    status = 0
    with open(log_path, "ab") as log:
        browser = Browser(chromium, profile, log)
        try:
            for job in jobs:
                kind, rest = job.split(":", 1)
                url, path = rest.rsplit(":", 1)
                try:
                    target, session = browser.open(url)
                    if kind == "pdf":
                        result = browser.call("Page.printToPDF", {
                            "displayHeaderFooter": False, "printBackground": True,
                            "preferCSSPageSize": True}, session)
                        data = base64.b64decode(result["data"])
                    else:
                        result = browser.call("Runtime.evaluate", {"expression": DOM, "returnByValue": True},
                                              session)
                        data = result["result"]["value"].encode() + b"\n"
                    with open(path, "wb") as out:
                        out.write(data)
                    browser.call("Target.closeTarget", {"targetId": target})
                except (RuntimeError, KeyError, OSError) as e:
                    print("browser.py: %s: %s" % (job, e), file=sys.stderr)
                    status = 1
        finally:
            browser.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
