// newsan report: sortable and filterable tables. The tables are in the page already; this only
// orders and hides rows, then marks <html data-ready> with the rows shown, for a headless check.
(function () {
  "use strict";
  // The fold newsan matches names under (alef forms, ta marbuta, alef maksura, diacritics), so a filter
  // finds أحمد when احمد is typed.
  function fold(text) {
    return text.toLowerCase().replace(/[\u064B-\u0652\u0670\u0640]/g, "").replace(/[أإآٱ]/g, "ا")
      .replace(/ة/g, "ه").replace(/ى/g, "ي");
  }
  function cellValue(row, index, type) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    return type === "number" ? parseFloat(text.replace(/[^0-9.\-]/g, "")) || 0 : fold(text);
  }
  function count(table) {
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) { if (!row.hidden) { shown += 1; } });
    table.setAttribute("data-rows", String(shown));
    var label = document.querySelector('.count[data-for="' + table.id + '"]');
    if (label) { label.textContent = shown + " / " + table.tBodies[0].rows.length; }
    return shown;
  }
  function sortBy(table, header) {
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var type = header.getAttribute("data-type");
    var descending = header.getAttribute("aria-sort") !== "descending";
    if (header.getAttribute("aria-sort") === null && type === "text") { descending = false; }
    Array.prototype.forEach.call(header.parentNode.children, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var order = type === "number" ? x - y : x.localeCompare(y, "ar");
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function filter(table, query) {
    var wanted = fold(query.trim());
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = wanted !== "" && fold(row.textContent).indexOf(wanted) === -1;
    });
    count(table);
  }
  var total = 0;
  Array.prototype.forEach.call(document.querySelectorAll("table.data"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
      header.addEventListener("click", function () { sortBy(table, header); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, header); }
      });
    });
    total += count(table);
  });
  // A link to report.html#q=بوتين opens with every table filtered on بوتين.
  var shared = /^#q=(.+)$/.exec(window.location.hash);
  var query = shared ? decodeURIComponent(shared[1]) : "";
  Array.prototype.forEach.call(document.querySelectorAll("input.filter"), function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    input.addEventListener("input", function () { filter(table, input.value); });
    if (query) { input.value = query; filter(table, query); }
  });
  total = 0;
  Array.prototype.forEach.call(document.querySelectorAll("table.data"), function (table) {
    total += Number(table.getAttribute("data-rows"));
  });
  document.documentElement.setAttribute("data-ready", String(total));
}());
