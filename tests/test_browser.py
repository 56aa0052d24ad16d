"""The loket in a real browser: Debian's chromium driven through chromedriver (selenium).

Type a Dutch word, pick the suggested activity, submit, read the verdict and the partner summary,
check that the JSON twin gives the same advice, print to PDF (one A4 page), and fail on any console
error. `.ci/run` installs chromium and chromium-driver; without them this file is skipped.

With ADVIESWIJZER_SCHERMAFBEELDINGEN=DIR the test also writes the README's pictures (form, result,
printed page; the last needs pdftoppm from poppler-utils).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="chromium en chromium-driver (Debian) zijn niet geinstalleerd")
AFBEELDINGEN = os.environ.get("ADVIESWIJZER_SCHERMAFBEELDINGEN")


@pytest.fixture(scope="module")
def loket(kennis):
    """The loket served by waitress on a free loopback port, as `advieswijzer loket` serves it."""
    from advieswijzer.loket.app import maak_app
    from advieswijzer.loket.dienst import Toegangslog
    from waitress import create_server

    server = create_server(Toegangslog(maak_app(kennis=kennis)), host="127.0.0.1", port=0, threads=2)
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opties = webdriver.ChromeOptions()
    opties.binary_location = str(CHROMIUM)
    for vlag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1100,1400", "--lang=nl",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profiel')}"):
        opties.add_argument(vlag)
    opties.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
    opties.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opties)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def consolefouten(driver) -> list[str]:
    return [f"{r['level']}: {r['message']}" for r in driver.get_log("browser") if r["level"] in ("SEVERE", "WARNING")]


def afdruk(driver) -> bytes:
    """The page as Chromium prints it (DevTools Page.printToPDF), with the page size of the stylesheet."""
    return base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {
        "printBackground": True, "preferCSSPageSize": True})["data"])


def paginas(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def schermafbeelding(driver, naam: str) -> None:
    if AFBEELDINGEN:
        Path(AFBEELDINGEN).mkdir(parents=True, exist_ok=True)
        hoogte = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1100, min(max(hoogte + 40, 800), 2600))
        driver.save_screenshot(str(Path(AFBEELDINGEN) / naam))
        driver.set_window_size(1100, 1400)


def test_balie_in_de_browser(browser, loket, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    wacht = WebDriverWait(browser, 15)
    browser.get(loket + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    browser.find_element(By.ID, "id").send_keys("Z-2026-0815")
    Select(browser.find_element(By.ID, "soort")).select_by_value("omgevingsvergunning")
    browser.find_element(By.ID, "omschrijving").send_keys("Plaatsen van een buurtbatterij naast de basisschool")

    # type a Dutch word; the suggestion comes from the shared matcher (kennis/begrippen.py)
    browser.find_element(By.ID, "zoek").send_keys("thuisbatterij")
    suggestie = wacht.until(ec.element_to_be_clickable(
        (By.CSS_SELECTOR, '#suggesties a.suggestie[data-id="energieopslagsysteem"]')))
    assert "Energieopslagsysteem" in suggestie.text
    schermafbeelding(browser, "loket-formulier.png")
    suggestie.click()
    vak = browser.find_element(By.ID, "act-energieopslagsysteem")
    assert vak.is_selected() and vak.is_displayed()  # ticked, and its group opened
    assert "Energieopslagsysteem" in browser.find_element(By.ID, "gekozen").text
    assert browser.find_element(By.ID, "zoek").get_attribute("value") == ""

    browser.find_element(By.ID, "advies-knop").click()
    wacht.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Advies voor Z-2026-0815"))

    oordeel = browser.find_element(By.ID, "kop-oordeel").text
    wie = {li.get_attribute("id").removeprefix("wie-"): li.text
           for li in browser.find_elements(By.CSS_SELECTOR, ".wie-lijst li")}
    stappen = browser.find_elements(By.CSS_SELECTOR, "ol.modelstappen > li")
    meldingen = browser.find_element(By.CSS_SELECTOR, ".meldingen").text
    schermafbeelding(browser, "loket-advies.png")

    # the JSON twin of this page gives the same advice as the API for the same aanvraag
    twin_url = browser.find_element(By.LINK_TEXT, "Dit advies als JSON").get_attribute("href")
    twin = json.loads(urllib.request.urlopen(twin_url, timeout=10).read())
    aanvraag = json.loads(browser.find_element(By.CSS_SELECTOR, ".aanvraag-json pre")
                          .get_attribute("textContent"))
    verzoek = urllib.request.Request(loket + "/api/advies", data=json.dumps(aanvraag).encode(),
                                     headers={"Content-Type": "application/json"})
    api = json.loads(urllib.request.urlopen(verzoek, timeout=10).read())
    assert twin == api
    assert aanvraag["activiteiten"] == ["energieopslagsysteem"]

    # what the page shows is that advice: verdict, every partner in the summary (bevoegd gezag first)
    assert ("risicogericht samenwerken" if api["risicogericht"]["van_toepassing"] else "reguliere") in oordeel
    assert api["risicogericht"]["van_toepassing"]  # an energieopslagsysteem is a new risk
    assert set(wie) == {p["partner"] for p in api["partners"]}
    assert next(iter(wie)) == "gemeente" and "bevoegd gezag" in wie["gemeente"]
    assert "veiligheidsregio" in wie and len(stappen) == 6
    assert "zeer-kwetsbaar-gebouw" in meldingen  # 'basisschool' in the omschrijving

    # print: one A4 page with the zaaknummer and the knowledge version
    pdf = afdruk(browser)
    assert pdf.startswith(b"%PDF")
    (tmp_path / "advies.pdf").write_bytes(pdf)
    assert paginas(pdf) <= 2, "een risicogericht advies hoort op twee A4's te passen"
    if shutil.which("pdftotext"):
        tekst = subprocess.run(["pdftotext", str(tmp_path / "advies.pdf"), "-"], capture_output=True,
                               text=True, check=True).stdout
        assert "Z-2026-0815" in tekst and api["kennis"]["versie"] in tekst
    if AFBEELDINGEN and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(tmp_path / "advies.pdf"),
                        str(Path(AFBEELDINGEN) / "loket-afdruk")], check=True)

    assert consolefouten(browser) == []


def test_enter_in_het_zoekveld_kiest_de_beste_suggestie(browser, loket):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(loket + "/")
    zoek = browser.find_element(By.ID, "zoek")
    zoek.send_keys("vuurwerk op oudejaarsavond")
    WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, '#suggesties a.suggestie[data-id="vuurwerk-ontbranden"]')))
    zoek.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "act-vuurwerk-ontbranden").is_selected()
    assert browser.current_url == loket + "/"  # Enter did not submit the form
    zoek.send_keys("koffieautomaat")
    WebDriverWait(browser, 15).until(ec.text_to_be_present_in_element((By.ID, "suggesties"), "Niets gevonden"))
    assert consolefouten(browser) == []


def test_eenvoudig_advies_past_op_een_a4(browser, loket):
    """A regular advice (an LPG melding) prints on one A4 page, zaaknummer and knowledge version on it."""
    from urllib.parse import urlencode

    from selenium.webdriver.common.by import By

    browser.get(loket + "/advies?" + urlencode({"id": "Z-2026-0107", "soort": "melding",
                                                 "activiteiten": "tanken-lpg", "datum": "2026-03-02"}))
    assert "reguliere samenwerking" in browser.find_element(By.ID, "kop-oordeel").text
    assert "2 maart 2026" in browser.find_element(By.CSS_SELECTOR, ".meta").text
    pdf = afdruk(browser)
    assert paginas(pdf) == 1
    assert consolefouten(browser) == []
