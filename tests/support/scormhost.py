"""Run the real scormhost LMS (PyPI `scormhost`) as a subprocess and drive its HTTP API."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import quote

import httpx
from playwright.sync_api import BrowserContext, Frame, Page

from support.server import free_port


def zip_package(src: Path, dest: Path) -> Path:
    """Zip the files under `src` with paths relative to it (imsmanifest.xml at the root)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in Path(src).rglob("*") if p.is_file()):
            zf.write(path, path.relative_to(src).as_posix())
    return dest


class Scormhost:
    """A scormhost server on 127.0.0.1:<free port> with an admin account logged in."""

    EMAIL = "admin@example.com"
    PASSWORD = "harness-password-1"

    def __init__(self, startup_timeout: float = 30.0) -> None:
        """Prepare (not start) a server; `startup_timeout` bounds the wait for /health."""
        self.startup_timeout = startup_timeout
        self.port = 0
        self.token = ""
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._client: httpx.Client | None = None

    @property
    def base_url(self) -> str:
        """Return http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def client(self) -> httpx.Client:
        """Return an HTTP client that sends the admin's bearer token."""
        if self._client is None:
            raise RuntimeError("scormhost is not running")
        return self._client

    @property
    def log(self) -> str:
        """Return what the server printed so far."""
        if self._tmp is None:
            return ""
        path = Path(self._tmp.name) / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def __enter__(self) -> Self:
        """Start uvicorn in a temp dir, wait for it, register and log in the first user."""
        self._tmp = tempfile.TemporaryDirectory(prefix="scormhost-")
        workdir = Path(self._tmp.name)
        self.port = free_port()
        env = {
            **os.environ,
            "SCORMHOST_SECRET_KEY": "harness-secret-key-not-for-production-0123456789",
            "SCORMHOST_DATA_DIR": str(workdir / "data"),
        }
        log = (workdir / "server.log").open("wb")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "scormhost:create_scorm_app",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        try:
            self._wait_until_healthy()
            self._client = httpx.Client(base_url=self.base_url, timeout=30)
            self._register_and_login()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server and delete its data."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=10)
            self._proc = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def _wait_until_healthy(self) -> None:
        """Poll GET /health until it answers 200, failing early if the process died."""
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                raise RuntimeError(f"scormhost exited with {self._proc.returncode}:\n{self.log}")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"scormhost did not start within {self.startup_timeout}s:\n{self.log}")

    def _register_and_login(self) -> None:
        """Register the first user (it becomes admin), log in and keep the bearer token."""
        reg = self.client.post("/api/auth/register", json={
            "email": self.EMAIL, "username": "harness-admin",
            "password": self.PASSWORD, "display_name": "Harness Admin",
        })
        assert reg.status_code == 200, f"register: {reg.status_code} {reg.text}"
        assert reg.json()["user"]["role"] == "admin", reg.text
        login = self.client.post(
            "/api/auth/login", json={"email": self.EMAIL, "password": self.PASSWORD}
        )
        assert login.status_code == 200, f"login: {login.status_code} {login.text}"
        self.token = str(login.json()["access_token"])
        self.client.cookies.clear()  # authenticate by bearer only, never by the login cookies
        self.client.headers["Authorization"] = f"Bearer {self.token}"

    def upload(self, zip_path: Path, package_id: str) -> dict[str, object]:
        """POST the zip to /api/packages?package_id=…, assert 201 and return the JSON answer."""
        with Path(zip_path).open("rb") as fh:
            resp = self.client.post(
                "/api/packages", params={"package_id": package_id},
                files={"file": (Path(zip_path).name, fh, "application/zip")},
            )
        assert resp.status_code == 201, f"upload: {resp.status_code} {resp.text}"
        body: dict[str, object] = resp.json()
        assert body["id"] == package_id, body
        return body

    def launch_url(self, package_id: str, href: str = "index.html") -> str:
        """Return the absolute URL of the launcher page for one SCO."""
        return f"{self.base_url}/launch/{package_id}?launch={quote(href, safe='')}"

    def login(self, context: BrowserContext) -> None:
        """Give a browser context the admin's access cookie, so its progress is the admin's."""
        context.add_cookies([{
            "name": "scormhost_access_token", "value": self.token,
            "url": self.base_url, "httpOnly": True, "sameSite": "Lax",
        }])

    @staticmethod
    def sco_frame(page: Page) -> Frame:
        """Return the SCO's frame inside a scormhost launcher page."""
        handle = page.wait_for_selector("iframe#scormhost-content", state="attached")
        frame = handle.content_frame() if handle else None
        if frame is None:
            raise RuntimeError("the scormhost content frame is gone")
        return frame

    @staticmethod
    def close_sco(page: Page) -> None:
        """Navigate the SCO frame away (pagehide fires) while the launcher page stays alive."""
        page.evaluate("() => { document.getElementById('scormhost-content').src = 'about:blank'; }")

    def read_cmi(
        self,
        package_id: str,
        href: str = "index.html",
        until: Callable[[dict[str, str]], bool] | None = None,
        timeout: float = 10.0,
    ) -> dict[str, str]:
        """Poll GET /api/scorm/<id>/cmi?launch=<href> until `until(elements)` holds; return them."""
        deadline = time.monotonic() + timeout
        while True:
            resp = self.client.get(f"/api/scorm/{package_id}/cmi", params={"launch": href})
            assert resp.status_code == 200, f"cmi: {resp.status_code} {resp.text}"
            elements: dict[str, str] = resp.json()["elements"]
            if until is None or until(elements):
                return elements
            if time.monotonic() > deadline:
                raise AssertionError(f"scormhost CMI never matched within {timeout}s: {elements}")
            time.sleep(0.1)
