"""`pip install .` puts everything under one name, advieswijzer, with its data: no generic top-level
`cli`, `kennis`, `regels`, ... in site-packages (they would clash with other packages)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_het_wiel_heeft_alleen_advieswijzer_op_het_hoogste_niveau(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wiel,) = tmp_path.glob("advieswijzer-*.whl")
    namen = zipfile.ZipFile(wiel).namelist()
    assert {n.split("/")[0] for n in namen} == {"advieswijzer", wiel.name.split("-py")[0] + ".dist-info"}
    for nodig in ("advieswijzer/cli.py", "advieswijzer/kennis/kruisjeslijst-veiligheidsregio.ttl",
                  "advieswijzer/kennis/regio/voorbeeld.ttl", "advieswijzer/ontologie/vormen/planregels/planregels.ttl",
                  "advieswijzer/loket/templates/advies.html", "advieswijzer/formaten/rapport.html"):
        assert nodig in namen
    assert "advieswijzer/tests/conftest.py" not in namen and not any(n.startswith("advieswijzer/bench/") for n in namen)
    metadata = zipfile.ZipFile(wiel).read(wiel.name.split("-py")[0] + ".dist-info/METADATA").decode()
    assert "Requires-Python: <3.13,>=3.11" in metadata
