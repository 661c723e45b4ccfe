"""`compbank site` and `compbank.site`: what is written, and how (the browser tests are in
test_site_browser.py)."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import compbank
from compbank import _parallel
from compbank.cli import main
from compbank.site import _build, build_site, default_name
from compbank.site._build import class_page, compare_data, keep_hyphenated, search_index
from conftest import DATA, SCHEMA, compbank_cli, read_json, snapshot, write_json
from site_data import hostile_data

if TYPE_CHECKING:
    from collections.abc import Callable


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return compbank_cli("site", *args, cwd=cwd)


@pytest.fixture(scope="module")
def bank() -> compbank.Bank:
    return compbank.load(DATA)


@pytest.fixture(scope="module")
def site(bank: compbank.Bank, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(bank, out)
    return out


class _Links(HTMLParser):
    """The links, ids, headings and text of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: list[str] = []
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name] or "")
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_site_has_a_page_per_class_and_competency(site: Path, bank: compbank.Bank) -> None:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert {
        "index.html",
        "classes.html",
        "competencies.html",
        "compare.html",
        "search.html",
    } < pages
    assert len([p for p in pages if p.startswith("classes/")]) == len(bank.classes) == 5
    assert len([p for p in pages if p.startswith("competencies/")]) == len(bank.competencies)
    assert "classes/7521-senior-electric-service-representative.html" in pages
    assert "competencies/034-customer-service.html" in pages


def test_every_page_is_one_h1_with_headings_in_order(site: Path) -> None:
    for page in site.rglob("*.html"):
        found = parse(page)
        assert found.headings.count(1) == 1, page
        assert found.headings[0] == 1, page
        for before, after in zip(found.headings, found.headings[1:], strict=False):
            assert after <= before + 1, (page, found.headings)
        assert {"header", "nav", "main", "footer"} <= set(found.tags), page
        assert "#main" in found.links, page  # the skip link


def test_links_are_relative_and_resolve(site: Path) -> None:
    for page in site.rglob("*.html"):
        for link in parse(page).links:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^/", link), (page, link)
            target = link.split("#")[0].split("?")[0]
            if target:
                assert (page.parent / target).resolve().is_file(), (page, link)


def test_the_class_page_reads_like_the_published_model(site: Path, bank: compbank.Bank) -> None:
    page = site / "classes/7521-senior-electric-service-representative.html"
    text = " ".join(" ".join(parse(page).text).split())
    assert "COMPETENCY MODEL FOR SENIOR ELECTRIC SERVICE REPRESENTATIVE CLASS CODE 7521" in text
    jc = bank.classes["7521"]
    listed = [f"{r.number}. {r.competency.name}" for r in jc.requirements]
    positions = [text.index(entry) for entry in listed]
    assert positions == sorted(positions)
    html = page.read_text(encoding="utf-8")
    # the one marked level, and the unknown ones said to be unknown
    for r in jc.requirements:
        section = html.split(f'<section class="competency" id="c{r.number}"')[1].split(
            "</section>"
        )[0]
        required = re.findall(r'<li class="level required" id="c\d+-level-(\d)"', section)
        if r.required_level is None:
            assert required == []
            assert "Required level not known from the source" in section
        else:
            assert required == [str(r.required_level)]
            assert "Required level not known" not in section
    assert html.count('class="level required"') == 2  # 13 at level 2, 20 at level 1
    # the areas, numbered, and the notes where a reviewer finds them
    assert "Safety Focus Areas" in text
    assert jc.notes[0].action in text


def test_the_competency_page_lists_the_classes_requiring_it(
    site: Path, bank: compbank.Bank
) -> None:
    text = " ".join(parse(site / "competencies/020-job-knowledge.html").text)
    for jc in bank.classes_requiring(20):
        assert jc.title in text
    assert text.count("Level 1") >= 2  # the level itself, and 7521's required level
    assert "not known from the source" in text


def test_home_says_the_data_version_and_release_date(site: Path, bank: compbank.Bank) -> None:
    text = " ".join(parse(site / "index.html").text)
    assert bank.data_version in text
    assert bank.released in text
    for name in ("compbank-1.0.0-csv.zip", "compbank-1.0.0.sqlite", "compbank-1.0.0-case.json"):
        assert name in text
        assert (site / "downloads" / name).is_file()


def test_the_json_downloads_are_the_data_files(site: Path) -> None:
    data = site / "downloads/compbank-1.0.0-json/data"
    for folder in ("competency_bank", "classes", "sources"):
        for original in (DATA / folder).iterdir():
            assert (data / folder / original.name).read_bytes() == original.read_bytes()
    assert (data / "release.json").read_bytes() == (DATA / "release.json").read_bytes()
    for schema in SCHEMA.iterdir():
        assert (data.parent / "schema" / schema.name).read_bytes() == schema.read_bytes()
    assert compbank.check(data) == ()
    names = zipfile.ZipFile(site / "downloads/compbank-1.0.0-json.zip").namelist()
    assert "compbank-1.0.0-json/data/classes/1230-customer-service-representative.json" in names


def test_the_json_download_holds_the_sources_only_notes_name(
    data_copy: Path, tmp_path: Path
) -> None:
    # a note may name a source no record lists: the download holds it too, so it still loads
    extra = "9999-extra-document.txt"
    (data_copy / "sources" / extra).write_text("manuals/ programs\n", encoding="utf-8")
    path = data_copy / "competency_bank/020-job-knowledge.json"
    document = read_json(path)
    document["notes"][0]["source"] = extra
    write_json(path, document)
    out = tmp_path / "json"
    _build.write_json_files(compbank.load(data_copy), out)
    assert (out / "data/sources" / extra).is_file()
    assert compbank.check(out / "data") == ()


def test_the_csv_zip_holds_the_csv_export(site: Path) -> None:
    archive = zipfile.ZipFile(site / "downloads/compbank-1.0.0-csv.zip")
    folder = site / "downloads/compbank-1.0.0-csv"
    assert sorted(archive.namelist()) == sorted(
        f"compbank-1.0.0-csv/{p.name}" for p in folder.iterdir()
    )
    for info in archive.infolist():
        assert info.date_time == (2026, 11, 22, 0, 0, 0)
        assert archive.read(info) == (folder / Path(info.filename).name).read_bytes()


def test_two_builds_give_the_same_bytes(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(compbank.load(DATA), again)
    assert snapshot(again) == snapshot(site)
    # another process, with other string hashes (set and dict orders that depend on them)
    other = tmp_path / "other"
    result = subprocess.run(
        [sys.executable, "-m", "compbank", "site", "--data", str(DATA), "--out", str(other)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert result.returncode == 0, result.stderr
    assert snapshot(other) == snapshot(site)


def test_search_index_holds_every_text_with_its_place(bank: compbank.Bank) -> None:
    index = search_index(bank)
    pages = index["pages"]
    places = {(pages[p][0], anchor, text) for p, anchor, _, text, _ in index["places"]}
    c = bank.competencies[34]
    page = "competencies/034-customer-service.html"
    assert (page, "definition", c.definition) in places
    assert (page, "indicator-4", c.behavioral_indicators[3]) in places
    assert (page, "level-2", c.level(2)) in places
    assert (page, "superior", c.superior) in places
    jc = bank.classes["7521"]
    assert ("classes/7521-senior-electric-service-representative.html", "", "7521 " + jc.title) in (
        places
    )


def test_compare_data_holds_every_requirement_and_level(bank: compbank.Bank) -> None:
    data = compare_data(bank)
    by_code = {code: requirements for code, _, _, requirements in data["classes"]}
    for code, jc in bank.classes.items():
        assert by_code[code] == [[r.number, r.required_level] for r in jc.requirements]


def test_hyphenated_words_are_kept_whole_and_escaped() -> None:
    assert keep_hyphenated("City-specific <b>") == (
        '<span class="hy">City-specific</span> &lt;b&gt;'
    )
    # a whole word goes in the span, so a character reference is never cut
    assert keep_hyphenated("x-y&z") == '<span class="hy">x-y&amp;z</span>'
    assert keep_hyphenated("a - b") == "a - b"


def test_markup_in_the_data_is_escaped_in_every_file(tmp_path: Path) -> None:
    data = hostile_data(tmp_path / "data")
    out = tmp_path / "site"
    build_site(compbank.load(data), out)
    written = "".join(
        p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in (".html", ".js")
    )
    assert "<script>window" not in written
    assert "<img" not in written
    assert "onerror=" in written  # as text: the attribute is inside an escaped tag
    assert "&lt;script&gt;window.compbankHostile" in written
    index = (out / "search-index.js").read_text(encoding="utf-8")
    assert "\\u003cscript\\u003e" in index


def test_cli_writes_the_default_folder_then_refuses_then_forces(
    tmp_path: Path, bank: compbank.Bank
) -> None:
    first = run(cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    out = tmp_path / default_name(bank.data_version)
    assert out.name == "compbank-1.0.0-site"
    assert f"wrote {out.name}" in first.stdout
    before = snapshot(out)

    again = run(cwd=tmp_path)
    assert again.returncode == 2
    assert "already exists; use --force" in again.stderr
    assert snapshot(out) == before

    forced = run("--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_force_never_replaces_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    other = tmp_path / "mine"
    other.mkdir()
    (other / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    result = run("--out", str(other), "--force")
    assert result.returncode == 2
    assert "is not a compbank site" in result.stderr
    assert (other / "index.html").read_text(encoding="utf-8") == "<p>my own page</p>"


def test_invalid_data_writes_nothing(tmp_path: Path, data_copy: Path) -> None:
    path = data_copy / "classes/7521-senior-electric-service-representative.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["requirements"][1]["required_level"] = 4
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("--data", str(data_copy), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "[out-of-range]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors(tmp_path: Path) -> None:
    missing = run("--out", str(tmp_path / "no" / "such" / "site"))
    assert missing.returncode == 2
    assert "is not an existing directory" in missing.stderr
    assert run("--data", str(tmp_path / "nowhere")).returncode == 2


def test_without_jinja2_the_command_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)  # makes `import jinja2` fail
    code = main(["site", "--out", str(tmp_path / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert "pip install 'compbank[site]'" in err
    assert not (tmp_path / "out").exists()


def test_each_class_page_shows_its_own_levels_prior_marks_and_areas(
    site: Path, bank: compbank.Bank
) -> None:
    # class pages share the sections they have in common: each keeps what is its own
    levels: dict[int, set[int | None]] = {}
    for jc in bank.classes.values():
        html = (site / class_page(jc)).read_text(encoding="utf-8")
        for r in jc.requirements:
            levels.setdefault(r.number, set()).add(r.required_level)
            section = html.split(f'<section class="competency" id="c{r.number}"')[1]
            section = section.split("</section>")[0]
            required = re.findall(r'<li class="level required" id="c\d+-level-(\d)"', section)
            assert required == ([] if r.required_level is None else [str(r.required_level)])
            assert ("Needed prior to job entry." in section) == bool(r.prior_to_entry)
            assert re.findall(rf'id="c{r.number}-area-(\d+)"', section) == [
                str(i) for i, _ in enumerate(r.areas, 1)
            ]
            assert r.competency.behavioral_indicators[0] in parse_text(section)
    assert any(len(found) > 1 for found in levels.values())  # one competency, two levels


def parse_text(html: str) -> str:
    parser = _Links()
    parser.feed(html)
    return " ".join("".join(parser.text).split())


def wait_for(path: Path) -> str:
    """The text of the file *path*, once another process has written it."""
    deadline = time.monotonic() + 30
    while not (path.exists() and path.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, f"{path.name} was never written"
        time.sleep(0.01)
    return path.read_text(encoding="utf-8")


def can_fork_soon() -> None:
    """Wait until `_parallel.can_fork`: threads an earlier test left ending have ended.

    Fails naming the threads still running after ten seconds.
    """
    deadline = time.monotonic() + 10
    while not _parallel.can_fork() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _parallel.can_fork(), (
        f"the test process runs another thread: {threading.enumerate()}, "
        f"{len(list(Path('/proc/self/task').iterdir()))} tasks"
    )


@pytest.mark.skipif(sys.platform != "linux", reason="written alongside on Linux only")
def test_the_downloads_written_by_two_processes_are_the_same_files(
    site: Path, bank: compbank.Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    can_fork_soon()
    done = tmp_path / "done"
    done.mkdir()
    download_jobs = _build.download_jobs

    def recorded(bank: compbank.Bank, folder: Path) -> list[Callable[[], None]]:
        def record(n: int, job: Callable[[], None]) -> Callable[[], None]:
            def run() -> None:
                job()
                with (done / str(n)).open("a", encoding="utf-8") as f:
                    f.write(f"{os.getpid()}\n")

            return run

        return [record(n, job) for n, job in enumerate(download_jobs(bank, folder))]

    monkeypatch.setattr(_build, "download_jobs", recorded)
    out = tmp_path / "parallel"
    out.mkdir()
    assert _build.write(bank, out, parallel=True) == 36
    assert snapshot(out) == snapshot(site)
    # each job done once, by one of the two processes
    by = [(done / str(n)).read_text(encoding="utf-8").split() for n in range(4)]
    assert all(len(pids) == 1 for pids in by), by
    out = tmp_path / "sequential"
    out.mkdir()
    assert _build.write(bank, out, parallel=False) == 36
    assert snapshot(out) == snapshot(site)


@pytest.mark.skipif(sys.platform != "linux", reason="forked on Linux only")
def test_the_child_takes_jobs_from_the_first_and_this_process_from_the_last(
    tmp_path: Path,
) -> None:
    def job(n: int) -> Callable[[], None]:
        def run() -> None:
            (tmp_path / str(n)).write_text(str(os.getpid()), encoding="utf-8")
            if n == 0:  # the child's first job lasts until this process has done the rest
                wait_for(tmp_path / "1")
                wait_for(tmp_path / "2")

        return run

    with _parallel.alongside([job(0), job(1), job(2)], parallel=True):
        child = wait_for(tmp_path / "0")
    assert child != str(os.getpid())
    assert wait_for(tmp_path / "1") == wait_for(tmp_path / "2") == str(os.getpid())


def test_a_failure_in_the_second_process_is_raised_and_nothing_is_left(
    bank: compbank.Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "downloads")

    monkeypatch.setattr(_build, "download_jobs", lambda _bank, _folder: [disk_full])
    monkeypatch.setattr(_build, "PARALLEL_FROM_PAGES", 1)
    with pytest.raises(OSError, match="No space left") as raised:
        build_site(bank, tmp_path / "site")
    assert raised.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="forked on Linux only")
def test_a_job_that_fails_in_the_second_process_fails_again_here(tmp_path: Path) -> None:
    # the worker has the job (this process waits until it began); what it raised is not
    # taken on trust: the job is done here again, and raises here (the same work)
    can_fork_soon()
    started = tmp_path / "started"

    def disk_full() -> None:
        with started.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        raise OSError(errno.ENOSPC, "No space left on device", "downloads")

    def pages() -> None:
        with _parallel.alongside([disk_full], parallel=True):
            wait_for(started)

    with pytest.raises(OSError, match="No space left") as raised:
        pages()
    assert raised.value.errno == errno.ENOSPC
    worker, here = started.read_text(encoding="utf-8").split()
    assert (worker != str(os.getpid()), here) == (True, str(os.getpid()))


@pytest.mark.skipif(sys.platform != "linux", reason="forked on Linux only")
def test_the_job_of_a_second_process_that_dies_is_done_here(tmp_path: Path) -> None:
    can_fork_soon()
    parent = os.getpid()
    started = tmp_path / "started"
    done = tmp_path / "done"

    def job() -> None:
        if os.getpid() != parent:  # killed half-way, as by running out of memory
            started.write_text("yes", encoding="utf-8")
            os._exit(3)
        done.write_text(str(os.getpid()), encoding="utf-8")

    with _parallel.alongside([job], parallel=True):
        wait_for(started)  # the worker has the job: this process does not take it first
    assert done.read_text(encoding="utf-8") == str(parent)


@pytest.mark.skipif(sys.platform != "linux", reason="forked on Linux only")
def test_when_the_pages_fail_the_second_process_is_stopped(tmp_path: Path) -> None:
    can_fork_soon()
    started = tmp_path / "pid"

    def job() -> None:
        started.write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(60)

    def pages() -> None:
        with _parallel.alongside([job], parallel=True):
            wait_for(started)
            raise KeyError("a page")

    with pytest.raises(KeyError):
        pages()
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text(encoding="utf-8")), 0)


def test_with_another_thread_running_the_jobs_run_in_this_process() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not _parallel.can_fork()
        pids: list[int] = []
        with _parallel.alongside([lambda: pids.append(os.getpid())] * 2, parallel=True):
            pass
        assert pids == [os.getpid()] * 2
    finally:
        stop.set()
        other.join()


@pytest.mark.skipif(sys.platform != "linux", reason="forked on Linux only")
def test_without_shared_memory_the_jobs_run_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing.context  # noqa: PLC0415

    def no_shared_memory(*_: object) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(multiprocessing.context.ForkContext, "Array", no_shared_memory)
    pids: list[int] = []
    with _parallel.alongside([lambda: pids.append(os.getpid())] * 2, parallel=True):
        pass
    assert pids == [os.getpid()] * 2
