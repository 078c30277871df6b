"""How fast a hostile spreadsheet is refused: `python bench/import_bomb.py --size 810`.

Builds an XLSX zip bomb whose sheet XML expands to ``--size`` MB (the security report's was
4.8 MB expanding to 810 MB, which held the importer for 370 s and 2.19 GB), then runs
``manage.py seutu_import organisations FILE --dry-run`` on it in a new process, as an
administrator would, and prints that process's wall time, CPU time and peak memory, and the
message it refused the file with. ``--rows N`` builds a file of N small rows instead (a
declared row count over ``IMPORT_MAX_ROWS``), ``--lie`` leaves the dimension out so the rows
must be counted as they stream.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
django.setup()  # the tests' file generator names the importer's columns

from tests.crm.import_files import streamed_xlsx  # noqa: E402

MB = 2**20
COLUMNS = ["name", "business_id", "actor_type", "town_code"]
ROW = ["Pommi Oy", "", "company", "678"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=810, help="MB of sheet XML")
    parser.add_argument("--rows", type=int, help="build N rows instead of --size MB")
    parser.add_argument("--lie", action="store_true", help="declare no row count")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.rows:
        data = streamed_xlsx(COLUMNS, ROW, rows=args.rows,
                             dimension=None if args.lie else args.rows + 1)
    else:
        data = streamed_xlsx(COLUMNS, ROW, sheet_bytes=args.size * MB,
                             dimension=None if args.lie else 1_000_000_000)
    print(f"built {len(data) / MB:.1f} MB file in {time.perf_counter() - started:.1f} s")

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bomb.xlsx"
        path.write_bytes(data)
        env = {
            "DATABASE_URL": f"sqlite:///{Path(directory) / 'bench.sqlite3'}",
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.settings.dev",
        }
        manage = [sys.executable, str(ROOT / "example_site" / "manage.py")]
        # A migrated database with the reference data, as on a site (not timed).
        subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run([*manage, "seutu_demo", "--size", "0"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        command = [*manage, "seutu_import", "organisations", str(path), "--dry-run"]
        output = Path(directory) / "output.txt"
        started = time.perf_counter()
        with output.open("w") as sink:
            process = subprocess.Popen(command, stdout=sink, stderr=sink, env=env, cwd=ROOT)
            # wait4 gives this one child's CPU time and peak memory (not the migrate's).
            _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        lines = output.read_text().strip().splitlines()
        message = [line for line in lines if "rror" in line][:2] or lines[-2:]
    cpu = usage.ru_utime + usage.ru_stime
    print(f"seutu_import --dry-run: exit {os.waitstatus_to_exitcode(status)}, {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU, peak memory {usage.ru_maxrss / 1024:.0f} MB")
    print("message:", " / ".join(message))


if __name__ == "__main__":
    main()
