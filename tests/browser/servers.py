"""JupyterLab and Voilà started for one test on 127.0.0.1, a free port and a temporary root, always stopped.

Each server runs from this project's virtual environment in its own process group, with every
Jupyter directory (config, data, runtime, lab settings and workspaces) in the temporary folder, so
a test run neither reads nor changes the user's Jupyter set-up. ``running(...)`` waits, for a
bounded time, until the server answers, and terminates the whole process group on the way out —
even when the test failed.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
QUIET_LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


@dataclass(frozen=True)
class Server:
    """A running server: its base URL, the token to send (empty for Voilà) and where its log goes."""

    url: str
    token: str
    log: Path
    process: subprocess.Popen[bytes]

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log, for failure messages."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def isolated_env(home: Path) -> dict[str, str]:
    """Environment variables that keep Jupyter's files under ``home`` and the browser out of it."""
    env = dict(os.environ)
    for name, sub in {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "settings",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
    }.items():
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    for name, settings in QUIET_LAB_SETTINGS.items():
        target = home / "settings" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(settings))
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env.pop("BROWSER", None)
    return env


def _answers(url: str, path: str | None) -> bool:
    """Whether the server answers ``path`` with 200 (``None``: whether its port accepts a connection)."""
    if path is None:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    with urllib.request.urlopen(f"{url}{path}", timeout=2) as response:
        return bool(response.status == 200)


def _wait_until_up(server: Server, path: str | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.process.returncode}:\n{server.log_tail()}")
        try:
            if _answers(server.url, path):
                return
        except (urllib.error.URLError, OSError) as exc:
            last = str(exc)
        time.sleep(0.25)
    raise TimeoutError(
        f"the server at {server.url} did not answer within {timeout:.0f} s ({last}):\n{server.log_tail()}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server's process group (the server and its kernels), then kill what is left."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@contextlib.contextmanager
def _running(command: Sequence[str], home: Path, url: str, token: str, ready_path: str | None, timeout: float,
             cwd: Path) -> Iterator[Server]:
    log = home / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(command), cwd=cwd, env=isolated_env(home), stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        server = Server(url, token, log, process)
        try:
            _wait_until_up(server, ready_path, timeout)
            yield server
        finally:
            _stop(process)


@contextlib.contextmanager
def jupyterlab(root: Path, home: Path, *, timeout: float = 60) -> Iterator[Server]:
    """JupyterLab serving ``root`` on loopback with a random token, no browser, the app exposed to scripts."""
    port, token = free_port(), secrets.token_hex(16)
    command = [
        str(BIN / "jupyter-lab"), "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--LabApp.extension_manager=readonly",
    ]
    url = f"http://127.0.0.1:{port}"
    with _running(command, home, url, token, f"/api/status?token={token}", timeout, root) as server:
        yield server


@contextlib.contextmanager
def voila(notebook: Path, home: Path, *, timeout: float = 60) -> Iterator[Server]:
    """Voilà serving one notebook as a page on loopback (what ``make workshop`` runs), no browser."""
    port = free_port()
    command = [
        str(BIN / "voila"), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
        str(notebook),
    ]
    url = f"http://127.0.0.1:{port}"
    with _running(command, home, url, "", None, timeout, notebook.parent) as server:
        yield server
