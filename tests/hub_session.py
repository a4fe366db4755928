"""A class JupyterHub on 127.0.0.1, for the class-hub tests and the load benchmark.

:class:`ClassHub` starts JupyterHub from the project's environment with a shared-password
login, the simple local-process spawner (one home folder per learner under a temporary
folder) and the ``configurable-http-proxy`` that ``npm ci`` installs from package.json.
Each learner's single-user server is ``jupyterhub-singleuser`` from the same environment,
with nbgitpuller enabled, as a class hub's image would have it.

The course reaches the hub the way it does in class: :func:`publish_course` snapshots the
working tree into a local bare repository (``file://``), which stands in for GitHub, and
:func:`hub_link` takes the lesson's nbgitpuller link exactly as ``scripts/launch_links.py``
builds it from ``_config.yml`` and changes only the hub's address and ``repo``. The helper
package is installed apart from the course, as in a hub image (:func:`install_apart`), so
the kernel finds the data in the learner's copy of the course, not beside the package.

:class:`Learner` is a scripted learner for the REST API (no browser): it starts its
server, pulls the course through nbgitpuller's event stream (``git-pull/api``; the
``git-pull`` page itself pulls with JavaScript), starts a kernel and runs a lesson's cells
over the kernel's websocket, recording how long each step took.

Pitfalls met on the way, kept here so nobody meets them twice:

- JupyterHub 5+ admits nobody without ``allow_all`` or an allow list;
- as root, ``jupyterhub-singleuser`` needs ``--allow-root``;
- JupyterLab saves metadata when a notebook is opened, so after one visit every learner
  has a "local change" that nbgitpuller will merge;
- nbgitpuller clones into a folder named after the last part of ``repo`` (``.git`` kept),
  so the bare repository is named exactly as the GitHub repository is.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "course-class-password"
# Quiet JupyterLab: the news toast covers the bottom right of the notebook in screenshots.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"fetchNews": "false", "checkForUpdates": False}}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def venv_bin(name: str) -> str:
    """A console script beside the running Python (the project's environment)."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def proxy_command(root: Path = ROOT) -> Path:
    return root / "node_modules" / ".bin" / "configurable-http-proxy"


def missing_pieces(root: Path = ROOT) -> list[str]:
    """What this machine lacks to run a class hub (an empty list: nothing)."""
    missing = []
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"the Python package {module} (pip install -r requirements.txt)")
    if not proxy_command(root).exists():
        missing.append("configurable-http-proxy (npm ci, from package.json)")
    if not shutil.which("node"):
        missing.append("node (apt-get install -y npm)")
    if not shutil.which("git"):
        missing.append("git (apt-get install -y git)")
    return missing


def _git(*args, cwd: Path) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Course Teacher", GIT_AUTHOR_EMAIL="teacher@example.org",
               GIT_COMMITTER_NAME="Course Teacher", GIT_COMMITTER_EMAIL="teacher@example.org")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


# --- the course, as a repository the hub can pull -------------------------------------------

def course_files(root: Path = ROOT) -> list[str]:
    """The working tree's files as a commit would hold them: tracked or new, not ignored."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, check=True, capture_output=True).stdout.decode().split("\0")
    return sorted({name for name in listed if name and (root / name).is_file()})


def publish_course(folder: Path, name: str, root: Path = ROOT, branch: str = "main") -> tuple[Path, Path]:
    """Snapshot the course into ``folder/src`` and a bare repository ``folder/remote/name``.

    The snapshot holds today's files (committed or not), so the hub serves what is being
    tested; in CI, a fresh clone, that is the commit itself. Returns (snapshot, bare repo).
    """
    source, remote = folder / "src", folder / "remote" / name
    for relative in course_files(root):
        target = source / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
    _git("init", "-q", "-b", branch, cwd=source)
    _git("add", "-A", cwd=source)
    _git("commit", "-q", "-m", "The course as tested", cwd=source)
    remote.parent.mkdir(parents=True, exist_ok=True)
    _git("clone", "-q", "--bare", str(source), str(remote), cwd=folder)
    return source, remote


def push_teacher_change(remote: Path, workdir: Path, path: str, edit, message: str) -> None:
    """Clone ``remote``, apply ``edit(text) -> text`` to ``path``, commit and push, as a teacher would."""
    clone = workdir / f"teacher-{uuid.uuid4().hex[:6]}"
    _git("clone", "-q", remote.as_uri(), str(clone), cwd=workdir)
    file = clone / path
    file.write_text(edit(file.read_text(encoding="utf-8")), encoding="utf-8")
    _git("commit", "-q", "-am", message, cwd=clone)
    _git("push", "-q", "origin", "HEAD", cwd=clone)


def install_apart(source: Path, target: Path) -> Path:
    """Install the helper package from ``source`` into ``target`` (not editable, no data
    beside it), as a hub image's ``pip install`` would; ``target`` goes on PYTHONPATH."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--disable-pip-version-check", "--target", str(target), str(source)],
                   check=True, capture_output=True, text=True)
    return target


def hub_link(lesson_notebook: str, hub_url: str, repo_url: str, root: Path = ROOT) -> str:
    """The lesson's nbgitpuller link from ``_config.yml``, with the hub and ``repo`` replaced."""
    sys.path.insert(0, str(root / "scripts"))
    try:
        import launch_links
    finally:
        sys.path.pop(0)
    link = launch_links.launch_links(launch_links.load_settings(root), lesson_notebook)["JupyterHub"]
    parts = urlsplit(link)
    query = [(key, repo_url if key == "repo" else value) for key, value in parse_qsl(parts.query)]
    hub = urlsplit(hub_url)
    return urlunsplit((hub.scheme, hub.netloc, parts.path, urlencode(query, safe="/:"), ""))


# --- the hub ---------------------------------------------------------------------------------

CONFIG = """\
# Written by tests/hub_session.py for one test or benchmark run.
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.db_url = "sqlite:///{workdir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {cookie_secret!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
# JupyterHub 5+ admits nobody without this (or an allow list).
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
# As root the single-user server refuses to start without --allow-root.
c.Spawner.args = ["--allow-root", "--LabApp.expose_app_in_browser=True",
                  "--ServerApp.shutdown_no_activity_timeout=0"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 300  # as Zero to JupyterHub
c.Spawner.http_timeout = 300
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0
c.JupyterHub.cleanup_servers = True
c.JupyterHub.services = [{{"name": "course-tests", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "course-tests",
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users", "tokens"],
    "services": ["course-tests"],
}}]
"""


class ClassHub:
    """JupyterHub, its proxy and its learners' servers on 127.0.0.1, stopped by PID."""

    def __init__(self, workdir: Path, python_path: list[Path], log_path: Path, root: Path = ROOT):
        self.workdir, self.python_path, self.log_path, self.root = workdir, python_path, log_path, root
        self.token = secrets.token_hex(24)
        self.homes = workdir / "homes"
        self.port = None
        self.process = None
        self.started_in = None
        self.pids: set[int] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, user: str) -> Path:
        return self.homes / user

    def _shared_folders(self) -> dict:
        mpl, settings = self.workdir / "matplotlib", self.workdir / "lab-settings"
        mpl.mkdir(exist_ok=True)
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        return {"MPLCONFIGDIR": str(mpl), "JUPYTERLAB_SETTINGS_DIR": str(settings)}

    def environment(self) -> dict:
        """What every learner's server gets: the package installed apart, warm font cache."""
        env = {"PYTHONPATH": os.pathsep.join(str(p) for p in self.python_path),
               "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
        env.update(self._shared_folders())
        return env

    def warm_up(self) -> None:
        """Build matplotlib's font cache once, as a hub image does when it is built."""
        env = dict(os.environ, **self.environment())
        subprocess.run([sys.executable, "-c", "import matplotlib.pyplot"], env=env, check=True,
                       capture_output=True)

    def start(self, timeout: float = 90) -> "ClassHub":
        self.homes.mkdir(parents=True, exist_ok=True)
        self.warm_up()
        began = time.monotonic()
        for _attempt in range(3):  # a free port can be taken before the hub binds it
            self.port = free_port()
            config = CONFIG.format(
                port=self.port, hub_port=free_port(), proxy_api_port=free_port(),
                proxy=str(proxy_command(self.root)), proxy_pid=str(self.workdir / "proxy.pid"),
                workdir=self.workdir, cookie_secret=str(self.workdir / "cookie_secret"),
                hub_pid=str(self.workdir / "hub.pid"), password=PASSWORD, homes=str(self.homes),
                singleuser=venv_bin("jupyterhub-singleuser"), environment=self.environment(),
                token=self.token)
            (self.workdir / "jupyterhub_config.py").write_text(config)
            env = dict(os.environ)
            env.pop("MPLBACKEND", None)  # would stop ipykernel choosing its inline backend
            env.pop("JUPYTERHUB_API_TOKEN", None)
            env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
            with open(self.log_path, "a") as log:
                self.process = subprocess.Popen(
                    [venv_bin("jupyterhub"), "-f", str(self.workdir / "jupyterhub_config.py")],
                    cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True)
            if self._wait_until_answering(timeout):
                self.started_in = time.monotonic() - began
                self.pids.add(self.process.pid)
                return self
            self.stop()
        raise RuntimeError(f"JupyterHub did not start; see {self.log_path}")

    def _wait_until_answering(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                self.api("GET", "/users")
                return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        return False

    def api(self, method: str, path: str, body=None, timeout: float = 30):
        """Call the hub's REST API as the test service; returns the decoded JSON (or None)."""
        request = urllib.request.Request(f"{self.url}/hub/api{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"},
                                         data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text else None

    def processes(self) -> list:
        """The hub and everything under it: proxy, learners' servers, their kernels."""
        import psutil

        if self.process is None:
            return []
        try:
            hub = psutil.Process(self.process.pid)
            return [hub, *hub.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def learner_memory(self, user: str) -> dict:
        """Resident memory of a learner's server and of its kernels, in bytes."""
        import psutil

        for proc in self.processes():
            try:
                if proc.environ().get("JUPYTERHUB_USER") == user and "singleuser" in " ".join(proc.cmdline()):
                    kernels = proc.children(recursive=True)
                    return {"server_rss": proc.memory_info().rss,
                            "kernels_rss": sum(k.memory_info().rss for k in kernels),
                            "kernels": len(kernels)}
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return {"server_rss": 0, "kernels_rss": 0, "kernels": 0}

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM the hub (it stops the servers and the proxy), then SIGKILL whatever of the
        recorded processes is left, by PID."""
        import psutil

        if self.process is None:
            return
        everything = self.processes()
        self.pids.update(p.pid for p in everything)
        pid_file = self.workdir / "proxy.pid"
        if pid_file.exists():
            try:
                self.pids.add(int(pid_file.read_text().strip()))
            except ValueError:
                pass
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        gone, alive = psutil.wait_procs([p for p in everything if p.pid != self.process.pid], timeout=10)
        for proc in alive:
            try:
                proc.kill()
            except psutil.NoSuchProcess:
                pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.left_running = [pid for pid in self.pids if psutil.pid_exists(pid)
                             and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


# --- a scripted learner over the REST API -----------------------------------------------------

class LearnerError(RuntimeError):
    """A step of a scripted learner's path failed; ``step`` says which."""

    def __init__(self, step: str, message: str):
        self.step = step
        super().__init__(f"{step}: {message}")


def _event_stream(events: list):
    """A tornado streaming callback that appends each server-sent event's JSON to ``events``."""
    buffer = b""

    def on_chunk(chunk: bytes) -> None:
        nonlocal buffer
        buffer += chunk
        while b"\n\n" in buffer:
            event, buffer = buffer.split(b"\n\n", 1)
            for line in event.decode("utf-8", "replace").splitlines():
                if line.startswith("data: "):
                    events.append(json.loads(line[6:]))

    return on_chunk


@dataclass
class Learner:
    """One learner's path through the hub by its REST API, with the seconds each step took."""

    hub: ClassHub
    name: str
    timings: dict = field(default_factory=dict)
    pull_log: list = field(default_factory=list)
    memory: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def _headers(self) -> dict:
        return {"Authorization": f"token {self.hub.token}"}

    async def _fetch(self, url: str, method: str = "GET", body=None, timeout: float = 120, **kwargs):
        from tornado.httpclient import AsyncHTTPClient, HTTPRequest

        request = HTTPRequest(url, method=method, headers=self._headers(), request_timeout=timeout,
                              body=None if body is None else json.dumps(body),
                              allow_nonstandard_methods=True, **kwargs)
        return await AsyncHTTPClient().fetch(request, raise_error=False)

    async def start_server(self, timeout: float = 420) -> None:
        began = time.monotonic()
        response = await self._fetch(f"{self.hub.url}/hub/api/users/{self.name}", "POST", {})
        if response.code not in (201, 409):
            raise LearnerError("create user", f"HTTP {response.code} {response.body[:200]!r}")
        response = await self._fetch(f"{self.hub.url}/hub/api/users/{self.name}/server", "POST", {})
        if response.code not in (201, 202, 400):  # 400: already running
            raise LearnerError("start server", f"HTTP {response.code} {response.body[:200]!r}")
        if response.code == 202:
            # Follow the spawn's progress stream, as the hub's "starting" page does; polling
            # the user model instead costs the hub a request per learner per poll.
            events = []
            response = await self._fetch(f"{self.hub.url}/hub/api/users/{self.name}/server/progress",
                                         timeout=timeout, streaming_callback=_event_stream(events))
            if not any(event.get("ready") for event in events):
                failed = next((e.get("message") for e in events if e.get("failed")), None)
                raise LearnerError("start server", failed or f"no ready event (HTTP {response.code})")
        self.timings["server start"] = time.monotonic() - began

    async def pull(self, repo: str, branch: str = "main", targetpath: str | None = None) -> None:
        """Pull the course as nbgitpuller's page does, through its event stream."""
        began = time.monotonic()
        query = {"repo": repo, "branch": branch}
        if targetpath:
            query["targetpath"] = targetpath
        events = []
        response = await self._fetch(f"{self.base}/git-pull/api?{urlencode(query)}", timeout=300,
                                     streaming_callback=_event_stream(events))
        self.pull_log = [e.get("output", "") for e in events]
        phases = [e.get("phase") for e in events]
        if response.code != 200 or "finished" not in phases:
            problem = next((e.get("message") for e in events if e.get("phase") == "error"), None)
            raise LearnerError("pull", problem or f"HTTP {response.code}, phases {phases[-3:]}")
        self.timings["pull"] = time.monotonic() - began

    async def contents(self, path: str) -> dict:
        response = await self._fetch(f"{self.base}/api/contents/{quote(path)}?content=1")
        if response.code != 200:
            raise LearnerError("read file", f"{path}: HTTP {response.code}")
        return json.loads(response.body)

    async def save_notebook(self, path: str, notebook: dict) -> None:
        """Save a notebook as JupyterLab's save does (the contents API)."""
        response = await self._fetch(f"{self.base}/api/contents/{quote(path)}", "PUT",
                                     {"type": "notebook", "format": "json", "content": notebook})
        if response.code not in (200, 201):
            raise LearnerError("save file", f"{path}: HTTP {response.code} {response.body[:200]!r}")

    async def kernel(self, path: str) -> "KernelSession":
        """Start a kernel for ``path`` (its folder is the kernel's working folder) and connect."""
        began = time.monotonic()
        response = await self._fetch(f"{self.base}/api/sessions", "POST",
                                     {"path": path, "type": "notebook", "name": Path(path).name,
                                      "kernel": {"name": "python3"}})
        if response.code not in (200, 201):
            raise LearnerError("start kernel", f"HTTP {response.code} {response.body[:200]!r}")
        kernel_id = json.loads(response.body)["kernel"]["id"]
        session = KernelSession(self, kernel_id)
        await session.connect()
        self.timings["kernel ready"] = time.monotonic() - began
        return session

    async def run_notebook(self, path: str) -> tuple[dict, list[str]]:
        """Run every code cell of the notebook at ``path`` in a new kernel, top to bottom.

        Returns the notebook with the outputs in it (as JupyterLab would save it) and the
        problems seen: error outputs and stderr text, by cell.
        """
        notebook = (await self.contents(path))["content"]
        session = await self.kernel(path)
        began = time.monotonic()
        problems = []
        try:
            count = 0
            for index, cell in enumerate(notebook["cells"]):
                if cell["cell_type"] != "code":
                    continue
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                if not source.strip():
                    continue
                count += 1
                outputs = await session.execute(source)
                cell["outputs"], cell["execution_count"] = outputs, count
                for output in outputs:
                    if output["output_type"] == "error":
                        problems.append(f"cell {index}: {output['ename']}: {output['evalue']}")
                    elif output["output_type"] == "stream" and output["name"] == "stderr":
                        problems.append(f"cell {index}: stderr: {output['text'][:200]}")
                if any(o["output_type"] == "error" for o in outputs):
                    break  # as Run All does
        finally:
            self.timings["run all"] = time.monotonic() - began
            # Measured while the kernel still holds the lesson, as during a class.
            self.memory = self.hub.learner_memory(self.name)
            await session.close()
        return notebook, problems


class KernelSession:
    """A kernel's websocket, speaking the Jupyter messaging protocol as JSON."""

    def __init__(self, learner: Learner, kernel_id: str):
        self.learner, self.kernel_id = learner, kernel_id
        self.session = uuid.uuid4().hex
        self.connection = None

    async def connect(self, timeout: float = 120) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.learner.base.replace("http://", "ws://") + \
            f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self.connection = await websocket_connect(HTTPRequest(url, headers=self.learner._headers(),
                                                              connect_timeout=timeout,
                                                              request_timeout=timeout),
                                                  max_message_size=64 * 1024 * 1024)
        # A kernel_info reply means the kernel is up and listening.
        await self._request("kernel_info_request", {}, timeout)

    def _message(self, msg_type: str, content: dict) -> dict:
        return {"header": {"msg_id": uuid.uuid4().hex, "username": self.learner.name,
                           "session": self.session, "msg_type": msg_type, "version": "5.3",
                           "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
                "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
                "buffers": []}

    async def _request(self, msg_type: str, content: dict, timeout: float) -> list[dict]:
        message = self._message(msg_type, content)
        msg_id = message["header"]["msg_id"]
        await self.connection.write_message(json.dumps(message))
        replies, idle, replied = [], False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LearnerError(msg_type, f"no reply within {timeout:.0f} s")
            raw = await asyncio.wait_for(self.connection.read_message(), remaining)
            if raw is None:
                raise LearnerError(msg_type, "the kernel's websocket closed")
            if isinstance(raw, bytes):
                continue  # binary buffers (widgets) are not needed here
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            replies.append(reply)
            kind = reply["header"]["msg_type"]
            if kind == "status" and reply["content"].get("execution_state") == "idle":
                idle = True
            elif reply.get("channel") == "shell":
                replied = True
        return replies

    async def execute(self, code: str, timeout: float = 300) -> list[dict]:
        """Run ``code``; return its outputs in notebook format."""
        replies = await self._request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, timeout)
        outputs = []
        for reply in replies:
            kind, content = reply["header"]["msg_type"], reply["content"]
            if kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("display_data", "execute_result"):
                output = {"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {})}
                if kind == "execute_result":
                    output["execution_count"] = content.get("execution_count")
                outputs.append(output)
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"],
                                "evalue": content["evalue"], "traceback": content["traceback"]})
        return outputs

    async def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        await self.learner._fetch(f"{self.learner.base}/api/kernels/{self.kernel_id}", "DELETE")


def configure_http_client(max_clients: int = 200) -> None:
    """Let one event loop hold many learners' requests (tornado's default is 10)."""
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=max_clients)


async def whole_path(hub: ClassHub, name: str, repo: str, notebook: str, branch: str = "main") -> dict:
    """One learner's whole path: server, pull, kernel, run the lesson. Never raises."""
    learner = Learner(hub, name)
    began = time.monotonic()
    result = {"learner": name, "ok": False, "problems": []}
    try:
        await learner.start_server()
        await learner.pull(repo, branch)
        _, problems = await learner.run_notebook(f"{Path(urlsplit(repo).path).name}/{notebook}")
        result["problems"] = problems
        result["ok"] = not problems
    except Exception as error:  # reported per learner: the benchmark counts failures
        result["problems"].append(f"{type(error).__name__}: {error}")
    result["whole path"] = time.monotonic() - began
    result.update(learner.timings)
    result["memory"] = learner.memory
    return result
