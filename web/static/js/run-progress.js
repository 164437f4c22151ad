/* Live progress of a solver run: polls the JSON endpoint and updates the page.
   Without JavaScript the page refreshes itself (meta refresh in <noscript>). */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box || box.getAttribute("data-active") !== "ja") { return; }
  var url = box.getAttribute("data-progress-url");
  var bar = document.getElementById("run-bar");

  function text(value, digits) {
    if (value === null || value === undefined || value === "") { return "–"; }
    if (typeof value === "number") { return value.toLocaleString("nl-NL", { maximumFractionDigits: digits }); }
    return String(value);
  }

  function show(data) {
    var fields = box.querySelectorAll("[data-field]");
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i].getAttribute("data-field");
      var digits = name === "elapsed_s" ? 1 : 2;
      fields[i].textContent = text(data[name], digits);
    }
    if (bar && typeof data.elapsed_s === "number") {
      bar.value = Math.min(data.elapsed_s, Number(bar.max) || data.elapsed_s);
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 3000); return; }
        show(data);
        if (data.active) { window.setTimeout(poll, 1000); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 500);
})();
