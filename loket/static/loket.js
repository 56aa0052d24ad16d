// Advieswijzer loket: search-as-you-type for the activities. The page works without it (the Zoek
// button asks the server); loaded as a file because the Content-Security-Policy forbids inline script.
"use strict";
(function () {
  const zoek = document.getElementById("zoek");
  const lijst = document.getElementById("suggesties");
  const gekozen = document.getElementById("gekozen");
  if (!zoek || !lijst) return;
  let wacht = null;

  function toonGekozen() {
    const namen = [...document.querySelectorAll('input[name="activiteiten"]:checked')]
      .map((vak) => vak.dataset.label || vak.value);
    gekozen.textContent = namen.length ? "Gekozen: " + [...new Set(namen)].join(", ") : "";
  }

  function kies(id) {
    const vak = document.getElementById("act-" + id);
    if (!vak) return;
    vak.checked = true;
    const groep = vak.closest("details");
    if (groep) groep.open = true;
    vak.closest("label").classList.add("gekozen-nu");
    zoek.value = "";
    lijst.replaceChildren();
    toonGekozen();
    zoek.focus();
  }

  function suggestie(b) {
    const a = document.createElement("a");
    a.href = "#act-" + b.id;
    a.className = "suggestie";
    a.dataset.id = b.id;
    a.append(b.label + " ");
    const code = document.createElement("code");
    code.textContent = b.id;
    a.append(code);
    if (b.via !== b.label) {
      const via = document.createElement("span");
      via.className = "via";
      via.textContent = " via ‘" + b.via + "’";
      a.append(via);
    }
    const li = document.createElement("li");
    li.append(a);
    return li;
  }

  async function haal() {
    const vraag = zoek.value;
    if (!vraag.trim()) {
      lijst.replaceChildren();
      return;
    }
    const antwoord = await fetch(zoek.dataset.api + "?" + new URLSearchParams({ q: vraag, lijst: "activiteit" }));
    if (!antwoord.ok || zoek.value !== vraag) return;
    const data = await antwoord.json();
    if (data.resultaten.length) {
      lijst.replaceChildren(...data.resultaten.map(suggestie));
    } else {
      const li = document.createElement("li");
      li.className = "leeg";
      li.textContent = "Niets gevonden voor ‘" + vraag + "’.";
      lijst.replaceChildren(li);
    }
  }

  zoek.addEventListener("input", () => {
    clearTimeout(wacht);
    wacht = setTimeout(haal, 120);
  });
  zoek.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault(); // Enter picks the best suggestion instead of submitting the form
    const eerste = lijst.querySelector("a.suggestie");
    if (eerste) kies(eerste.dataset.id);
  });
  lijst.addEventListener("click", (e) => {
    const a = e.target.closest("a.suggestie");
    if (!a) return;
    e.preventDefault();
    kies(a.dataset.id);
  });
  document.addEventListener("change", (e) => {
    if (e.target.name === "activiteiten") toonGekozen();
  });
})();
