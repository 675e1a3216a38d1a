/* fazhi serve: the pages' one script (the Content-Security-Policy allows no other, and no inline script).
   Everything works without it; with it: files dropped on the upload area, an upload over the limit said
   before it is sent, and a scoring run's progress followed until its ranking is ready. */
(function () {
  "use strict";
  document.documentElement.setAttribute("data-js", "ready");

  function upload(form) {
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector(".drop");
    var chosen = form.querySelector(".chosen");
    var said = form.querySelector("[data-testid=upload-error]");
    function show() {
      chosen.textContent = Array.prototype.map.call(input.files, function (f) { return f.name; }).join("、");
      said.hidden = true;
    }
    input.addEventListener("change", show);
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
    });
    form.addEventListener("submit", function (e) {
      var limit = Number(form.getAttribute("data-max-bytes") || 0), total = 0;
      Array.prototype.forEach.call(input.files, function (f) { total += f.size; });
      if (limit && total > limit) {
        e.preventDefault();
        said.textContent = form.getAttribute("data-too-big");
        said.hidden = false;
        return;
      }
      form.classList.add("busy");
    });
  }

  function follow(box) {
    var url = box.getAttribute("data-url");
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-testid=progress-text]");
    var template = box.getAttribute("data-template");
    function tick() {
      fetch(url, {credentials: "same-origin", cache: "no-store"})
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (p) {
          bar.max = p.total;
          bar.value = p.done;
          text.textContent = template.replace("{done}", p.done).replace("{total}", p.total);
          if (p.state === "running") { window.setTimeout(tick, 300); } else { window.location.reload(); }
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    tick();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-max-bytes]"), upload);
  Array.prototype.forEach.call(document.querySelectorAll("[data-progress]"), follow);
})();
