/* casework: Fillable forms (evaluation): saved in this browser, printed or downloaded. Loaded only on pages that have one; shares storage through window.casework (casework.js). */
(function () {
  "use strict";
  var cw = window.casework;
  if (!cw) return;
  var PREFIX = cw.PREFIX, store = cw.store, load = cw.load, el = cw.el, LABEL = cw.LABEL, pathKey = cw.pathKey, is = cw.is;

  /* ---------- fillable forms (evaluation): saved in this browser, printed or downloaded ---------- */
  function initForms() {
    document.querySelectorAll("form[data-cw-save]").forEach(function (form) {
      var key = "form:" + form.getAttribute("data-cw-save");
      var saved = load(key, {}, is.mapOf(function (v) { return is.str(v) || is.listOf(is.str)(v); }));
      var fields = form.querySelectorAll("input[name], textarea[name], select[name]");
      fields.forEach(function (f) {
        if (!(f.name in saved)) return;
        if (f.type === "radio" || f.type === "checkbox") f.checked = [].concat(saved[f.name]).indexOf(f.value) >= 0;
        else f.value = saved[f.name];
      });
      var status = el("p", { class: "cw-form__saved", role: "status" });
      form.appendChild(status);
      function collect() {
        var data = {};
        fields.forEach(function (f) {
          if (f.type === "radio") { if (f.checked) data[f.name] = f.value; }
          else if (f.type === "checkbox") { if (f.checked) data[f.name] = [].concat(data[f.name] || [], f.value); }
          else if (f.value) data[f.name] = f.value;
        });
        return data;
      }
      /* "Saved" only when the write succeeded */
      var save = function () {
        status.textContent = store(key, collect()) ? "Saved in this browser." : "Not saved: this browser's storage is full or switched off.";
      };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      var dl = form.querySelector(".cw-form-download");
      if (dl) dl.addEventListener("click", function () {
        // One JSON file (format casework-evaluation 1): every answer with its question, for the trainer's results
        // page (results.js), and the same answers as plain text under "text", to read without any tool.
        var title = document.title.split(" - ")[0], saved = new Date().toISOString().slice(0, 10);
        var lines = [title, "Saved " + saved, ""], answers = [];
        form.querySelectorAll("fieldset, p").forEach(function (block) {
          var label = block.querySelector("legend, label[for]");
          var inputs = block.querySelectorAll("input[name], textarea[name], select[name]");
          if (!label || !inputs.length) return;
          var answer = [], values = [], first = inputs[0];
          inputs.forEach(function (f) {
            if (f.type === "radio" || f.type === "checkbox") { if (f.checked) { answer.push(f.parentNode.textContent.trim()); values.push(f.value); } }
            else if (f.value) { answer.push(f.value); values.push(f.value); }
          });
          var type = first.type === "radio" ? (/^[1-5]$/.test(first.value) ? "rating" : "choice") : first.tagName === "TEXTAREA" ? "long-text" : first.type === "date" ? "date" : "text";
          answers.push({ name: first.name, question: label.textContent.trim(), type: type, value: values.join("; ") });
          lines.push(label.textContent.trim(), "  " + (answer.join("; ") || "(no answer)"), "");
        });
        var file = { format: "casework-evaluation", version: 1, form: form.getAttribute("data-cw-save"), title: title, saved: saved,
          answers: answers, text: lines.join("\n") };
        var a = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" })),
          download: form.getAttribute("data-cw-save") + ".json" });
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
      var clear = form.querySelector(".cw-form-clear");
      if (clear) clear.addEventListener("click", function () {
        store(key, undefined);
        form.reset();
        status.textContent = "Cleared.";
      });
    });
  }

  cw.ready(initForms);
})();
